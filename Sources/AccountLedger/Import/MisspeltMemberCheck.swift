/// Rejects a record member whose name is close to one the importer reads.
///
/// Members the importer does not read are ignored, because the platform's
/// records carry many (`createdClient`, `sandboxName`, `state`, ...). But
/// ignoring `descripton` would import an empty description without a word.
/// So a name is taken for a typo when it differs from a read one only in
/// case, `_` or `-`, or, for names of six characters or more, in one letter.
/// The same rule applies to auth parameter names, where an unknown name is
/// fingerprinted as a secret instead of being ignored.
enum MisspeltMemberCheck {
    /// Throws for the first member of `object` whose name is close to one of
    /// `readNames` without being one of them.
    ///
    /// - Parameter path: the object's path in the record, such as
    ///   `encryption.params.`, put before member names in the message.
    static func check(
        _ object: JSONObject, readNames: [String], path: String, source: RecordSource
    ) throws {
        for name in object.keys.sorted() where !readNames.contains(name) {
            guard let intended = readNames.first(where: { isClose(name, $0) }) else { continue }
            throw source.invalid(
                path + name,
                "unknown member, close to \(intended), which the importer reads; "
                    + "correct its name, because an unknown member is ignored")
        }
    }

    /// Throws for the first auth parameter whose name is close to one the
    /// importer reads in clear for `spec` (an identity, setting, expiry or
    /// authorization date) but is not itself read. A name the catalog lists
    /// for the spec is never flagged, whatever its kind.
    static func checkParameters(
        _ names: [String], spec: DestinationCatalog.AuthSpec, source: RecordSource
    ) throws {
        let common = DestinationCatalog.AuthSpec.commonKinds.keys
        let readNames = (spec.parameters.filter { $0.value != .secret }.map(\.key) + common
            + [ImportedAccount.authorizedDateParameter]).sorted()
        let knownNames = Set(spec.parameters.keys).union(readNames)
        for name in names.sorted() where !knownNames.contains(name) {
            guard let intended = readNames.first(where: { isClose(name, $0) }) else { continue }
            throw source.invalid(
                "auth.params.\(name)",
                "unknown parameter, close to \(intended), which the importer reads for spec \"\(spec.specName)\"; "
                    + "correct its name, because an unknown parameter is stored as a secret fingerprint")
        }
    }

    static func isClose(_ name: String, _ readName: String) -> Bool {
        let written = normalized(name)
        let read = normalized(readName)
        if written == read {
            return true
        }
        return min(written.count, read.count) >= 6 && differInOneEdit(written, read)
    }

    /// Returns the name in lower case, without `_` and `-`.
    private static func normalized(_ name: String) -> [Character] {
        name.lowercased().filter { $0 != "_" && $0 != "-" }.map { $0 }
    }

    /// Returns whether one insertion, deletion or substitution turns `first`
    /// into `second`.
    private static func differInOneEdit(_ first: [Character], _ second: [Character]) -> Bool {
        guard abs(first.count - second.count) <= 1 else { return false }
        var start = 0
        while start < first.count, start < second.count, first[start] == second[start] {
            start += 1
        }
        var firstEnd = first.count
        var secondEnd = second.count
        while firstEnd > start, secondEnd > start, first[firstEnd - 1] == second[secondEnd - 1] {
            firstEnd -= 1
            secondEnd -= 1
        }
        return firstEnd - start <= 1 && secondEnd - start <= 1
    }
}
