/// One base connection read from a platform snapshot, with every field the
/// importer uses checked for type. Fields the importer does not use
/// (`createdClient`, `sandboxId`, `state`, `version`, ...) are not kept.
public struct ConnectionRecord: Sendable {
    /// The file and place of the record, for error messages.
    public let source: RecordSource
    /// The platform's connection id, which becomes the account id.
    public let id: String
    public let name: String
    /// Empty when the record has no `description`.
    public let description: String
    /// `connectionSpec.id`: which destination the account belongs to.
    public let connectionSpecID: String
    /// `auth.specName` as written, in whatever casing the platform used.
    public let authSpecName: String
    /// `auth.params` by name.
    public let parameters: [String: AuthParameter]
    /// `encryption.params.publicKey`, when present.
    public let publicKey: String?
    /// `encryption.params.encryptionAlgo`, when present.
    public let encryptionAlgorithm: String?
    /// Milliseconds since the epoch, UTC.
    public let createdAt: Int64?
    /// Milliseconds since the epoch, UTC.
    public let updatedAt: Int64?
    /// Who created the connection; the actor when `updatedBy` is absent.
    public let createdBy: String?
    /// Who changed the connection last; the actor of the record's events.
    public let updatedBy: String?
    /// The platform's version tag, quotes included; it changes on every update.
    public let etag: String?

    /// Returns the error for a bad value in `field` of this record.
    func invalid(_ field: String, _ problem: String) -> LedgerError {
        source.invalid(field, problem)
    }
}

/// The place of a record: its file, its 1-based position in the file, and
/// its id once known.
public struct RecordSource: Sendable, CustomStringConvertible {
    public let fileName: String
    /// 1-based, in file order.
    public let index: Int
    public let id: String?

    /// The record as error messages name it, such as
    /// `snapshot.json record 2 (id 139f...)`.
    public var description: String {
        guard let id else { return "\(fileName) record \(index)" }
        return "\(fileName) record \(index) (id \(id))"
    }

    func invalid(_ field: String, _ problem: String) -> LedgerError {
        LedgerError.invalidInput(location: "\(self): \(field)", problem: problem)
    }

    /// Returns the location of `field`, for `InputLimits` checks.
    func location(_ field: String) -> String {
        "\(self): \(field)"
    }
}
