extension RecordedEvent {
    /// The event as one line of `ledger export`: the envelope with the
    /// payload as a JSON object, keys sorted, without a line end.
    ///
    /// - Throws: `LedgerError.corruptEvent` when the payload is not a JSON object.
    public var exportLine: String {
        get throws { JSONWriter.canonical(try json) }
    }

    /// The members of an export line: every column of the events table.
    static let exportLineMembers: Set<String> = [
        "position", "account_id", "version", "type", "schema_version", "occurred_at", "recorded_at", "actor",
        "reason", "correlation_id", "idempotency_key", "payload", "prev_hash", "hash",
    ]

    /// Parses one line of `ledger export`. The payload is re-serialized in
    /// canonical form, which is the text the hash covers.
    ///
    /// - Throws: `LedgerError.invalidInput` naming `location` and the field
    ///   that is missing or has the wrong type.
    init(exportLine line: String, location: String) throws {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch let error as JSONSyntaxError {
            // The location already names the file's line, and the parser
            // saw only this line, so its own line number is always 1.
            throw LedgerError.invalidInput(
                location: location, problem: "not valid JSON at column \(error.column): \(error.message)")
        } catch {
            throw LedgerError.invalidInput(location: location, problem: "not valid JSON: \(error)")
        }
        guard let members = value.objectValue else {
            throw LedgerError.invalidInput(location: location, problem: "expected a JSON object per line")
        }
        // The hash does not cover members outside the envelope, so one that
        // was dropped on load would vanish without a trace.
        if let unknown = members.keys.sorted().first(where: { !Self.exportLineMembers.contains($0) }) {
            throw LedgerError.invalidInput(
                location: "\(location), field \(unknown)",
                problem: "unknown member; an event line has only \(Self.exportLineMembers.sorted().joined(separator: ", "))")
        }
        func invalid(_ field: String, _ expected: String) -> LedgerError {
            LedgerError.invalidInput(location: "\(location), field \(field)", problem: "expected \(expected)")
        }
        func integer(_ field: String) throws -> Int64 {
            guard let number = value[field]?.integerValue else { throw invalid(field, "an integer") }
            return number
        }
        func string(_ field: String) throws -> String {
            guard let text = value[field]?.stringValue else { throw invalid(field, "a string") }
            return text
        }
        func optionalString(_ field: String) throws -> String? {
            guard let member = value[field], !member.isNull else { return nil }
            guard let text = member.stringValue else { throw invalid(field, "a string or null") }
            return text
        }
        guard let payload = value["payload"], payload.objectValue != nil else {
            throw invalid("payload", "an object")
        }
        let version = try integer("version")
        let schemaVersion = try integer("schema_version")
        guard let version = Int(exactly: version), let schemaVersion = Int(exactly: schemaVersion) else {
            throw invalid("version", "an integer in range")
        }
        self.init(
            position: try integer("position"),
            accountID: try string("account_id"),
            version: version,
            type: try string("type"),
            schemaVersion: schemaVersion,
            occurredAt: try integer("occurred_at"),
            recordedAt: try integer("recorded_at"),
            actor: try string("actor"),
            reason: try optionalString("reason"),
            correlationID: try string("correlation_id"),
            idempotencyKey: try optionalString("idempotency_key"),
            payloadText: JSONWriter.canonical(payload),
            previousHash: try string("prev_hash"),
            hash: try string("hash"))
    }
}
