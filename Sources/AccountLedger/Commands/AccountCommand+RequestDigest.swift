/// A digest of the request a command makes, so the ledger can distinguish a
/// retried save from a different save that reuses the same idempotency key.
extension AccountCommand {
    /// Returns the SHA-256, in hex, of the command's canonical description for
    /// `accountID`. Secrets enter only as keyed fingerprints, so the digest
    /// reveals nothing a fingerprint would not.
    ///
    /// - Parameter context: who made the save, why and when. An explicit
    ///   occurred time counts, a default one does not, because a retry made
    ///   later would differ from the first attempt. Nil leaves the context
    ///   out, as earlier builds did, to match the digests they stored.
    func requestDigest(
        accountID: String, context: SaveContext?, fingerprint: (Secret) throws -> String
    ) throws -> String {
        var members: JSONObject = ["account": .string(accountID)]
        if let context {
            members["context"] = [
                "actor": .string(context.actor),
                "reason": context.reason.map { .string($0) } ?? .null,
                "occurredAt": context.occurredAt.map { .integer($0) } ?? .null,
            ]
        }
        func secrets(_ values: [String: Secret]) throws -> JSONValue {
            .object(try JSONObject(values) { .string(try fingerprint($0)) })
        }
        func optional(_ value: String?) -> JSONValue {
            value.map { .string($0) } ?? .null
        }
        func optional(_ value: Int64?) -> JSONValue {
            value.map { .integer($0) } ?? .null
        }
        switch self {
        case .connect(let request):
            members["command"] = "connect"
            members["name"] = .string(request.name)
            members["description"] = .string(request.description)
            members["destination"] = .string(request.destination)
            members["connectionType"] = optional(request.connectionType?.rawValue)
            members["username"] = optional(request.username)
            members["settings"] = .object(JSONObject(request.settings) { .string($0) })
            members["secrets"] = try secrets(request.secrets)
            members["expiresAt"] = optional(request.expiresAt)
        case .edit(let request):
            members["command"] = "edit"
            members["name"] = optional(request.name)
            members["description"] = optional(request.description)
            members["username"] = optional(request.username)
            members["settings"] = .object(JSONObject(request.settings) { .string($0) })
            members["secrets"] = try secrets(request.secrets)
            members["expiresAt"] = optional(request.expiresAt)
        case .reconnect(let request):
            members["command"] = "reconnect"
            members["secrets"] = try secrets(request.secrets)
            members["expiresAt"] = optional(request.expiresAt)
        case .setEncryptionKey(let publicKey, let algorithm):
            members["command"] = "set-encryption-key"
            members["publicKey"] = .string(Hex.encode(Digest.sha256(publicKey)))
            members["algorithm"] = .string(algorithm)
        case .removeEncryptionKey:
            members["command"] = "remove-encryption-key"
        case .activateDataflow(let dataflowID):
            members["command"] = "activate"
            members["dataflow"] = .string(dataflowID)
        case .deactivateDataflow(let dataflowID):
            members["command"] = "deactivate"
            members["dataflow"] = .string(dataflowID)
        case .delete(let force):
            members["command"] = "delete"
            members["force"] = .bool(force)
        }
        return Hex.encode(Digest.sha256(JSONWriter.canonical(.object(members))))
    }
}
