/// A destination id in a query's filter that is neither in the catalog nor
/// the destination of an account, with the ids it may be a misspelling of.
public struct UnknownDestination: Equatable, Sendable {
    public let id: String
    /// Known destination ids that differ from `id` only in letter case,
    /// sorted. Destination ids are compared exactly, so `Amazon-S3` matches
    /// no account of `amazon-s3`.
    public let suggestions: [String]
    /// The catalog's destination ids, in catalog order.
    public let catalogIDs: [String]
}

extension Ledger {
    /// Returns the first of `ids` that is neither a catalog destination nor
    /// the destination of an account in the ledger, or nil when all are
    /// known. Accounts of any status and any moment count, deleted ones
    /// included, because `connect --type` and imports may store a
    /// destination the catalog does not list.
    ///
    /// A filter on an unknown id would return an empty result that reads as
    /// "there are no such accounts", so the CLI rejects it instead.
    public func firstUnknownDestination(in ids: [String]) throws -> UnknownDestination? {
        let catalogIDs = catalog.destinations.map(\.id)
        let unlisted = ids.filter { !catalogIDs.contains($0) }
        guard !unlisted.isEmpty else { return nil }

        let ledgerIDs = try storageOperation {
            try database.read { db in
                try db.statement("SELECT DISTINCT destination FROM accounts").rows { $0.string(0) }
            }
        }
        let known = Set(catalogIDs).union(ledgerIDs)
        guard let unknown = unlisted.first(where: { !known.contains($0) }) else { return nil }

        let lowercased = unknown.lowercased()
        let suggestions = known.filter { $0.lowercased() == lowercased }.sorted()
        return UnknownDestination(id: unknown, suggestions: suggestions, catalogIDs: catalogIDs)
    }
}
