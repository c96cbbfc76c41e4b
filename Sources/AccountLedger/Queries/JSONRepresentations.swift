/// JSON forms of query results for `--json` output and exports. Times are
/// RFC 3339 in UTC; fingerprints are the full keyed hex values.
extension AccountRow {
    public var json: JSONValue {
        .object([
            "id": .string(accountID),
            "name": .string(name),
            "destination": .string(destination),
            "connectionType": .string(connectionType.rawValue),
            "username": username.map { .string($0) } ?? .null,
            "dataflows": .integer(Int64(dataflowCount)),
            "authorizedAt": authorizedAt.map { .string(Timestamp.format($0)) } ?? .null,
            "expiresAt": expiresAt.map { .string(Timestamp.format($0)) } ?? .null,
            "status": .string(status.rawValue),
            "version": .integer(Int64(version)),
            "updatedAt": .string(Timestamp.format(updatedAt)),
        ])
    }
}

extension AccountState {
    /// The state as shown by `ledger show --json`, with status judged at `moment`.
    public func json(statusAt moment: Int64) -> JSONValue {
        var members: JSONObject = [
            "id": .string(id),
            "name": .string(name),
            "description": .string(description),
            "destination": .string(destination),
            "connectionType": .string(connectionType.rawValue),
            "username": username.map { .string($0) } ?? .null,
            "settings": .object(JSONObject(settings) { .string($0) }),
            "credentials": .object(JSONObject(credentials) { $0.json }),
            "dataflows": .array(dataflows.sorted().map { .string($0) }),
            "authorizedAt": authorizedAt.map { .string(Timestamp.format($0)) } ?? .null,
            "expiresAt": expiresAt.map { .string(Timestamp.format($0)) } ?? .null,
            "status": .string(status(at: moment).rawValue),
            "version": .integer(Int64(version)),
            "createdAt": .string(Timestamp.format(createdAt)),
            "updatedAt": .string(Timestamp.format(updatedAt)),
            "credentialsChangedAt": .string(Timestamp.format(credentialsChangedAt)),
        ]
        members["deletedAt"] = deletedAt.map { .string(Timestamp.format($0)) } ?? .null
        if let encryptionKey {
            members["encryptionKey"] = .object([
                "algorithm": .string(encryptionKey.algorithm),
                "fingerprint": .string(encryptionKey.fingerprint),
            ])
        } else {
            members["encryptionKey"] = .null
        }
        return .object(members)
    }
}

extension RecordedEvent {
    /// The whole envelope with the payload as a JSON value; times stay in
    /// milliseconds so an export can be re-imported with the same hashes.
    ///
    /// - Throws: `LedgerError.corruptEvent` when the stored payload is not a
    ///   JSON object, as `Schemas/envelope.schema.json` requires, so no
    ///   output passes a damaged payload on as if it were valid.
    public var json: JSONValue {
        get throws {
            let payload: JSONValue
            do {
                payload = try JSONParser.parse(payloadText)
            } catch {
                throw Self.invalidPayload(error, position: position)
            }
            guard payload.objectValue != nil else {
                throw LedgerError.corruptEvent(position: position, detail: "payload is valid JSON but not an object")
            }
            return json(payload: payload)
        }
    }

    /// Returns the envelope with `payload`, the payload text parsed already.
    ///
    /// The names are distinct by construction, so the object takes them as
    /// they are: a dictionary literal would search the members for each
    /// name, and `verify` builds this for every event.
    func json(payload: JSONValue) -> JSONValue {
        func member(_ name: String, _ value: JSONValue) -> JSONObject.Member {
            JSONObject.Member(name: name, value: value)
        }
        return .object(JSONObject(distinctMembers: [
            member("position", .integer(position)),
            member("account_id", .string(accountID)),
            member("version", .integer(Int64(version))),
            member("type", .string(type)),
            member("schema_version", .integer(Int64(schemaVersion))),
            member("occurred_at", .integer(occurredAt)),
            member("recorded_at", .integer(recordedAt)),
            member("actor", .string(actor)),
            member("reason", reason.map { .string($0) } ?? .null),
            member("correlation_id", .string(correlationID)),
            member("idempotency_key", idempotencyKey.map { .string($0) } ?? .null),
            member("payload", payload),
            member("prev_hash", .string(previousHash)),
            member("hash", .string(hash)),
        ]))
    }
}

