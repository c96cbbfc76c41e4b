extension ProjectionWriter {
    /// Decodes a stored event and applies it to the projections, as
    /// `import --events` and `replay` do when they copy a log.
    ///
    /// - Parameter parsed: the payload when the caller has parsed it already.
    /// - Throws: `LedgerError.corruptEvent` or `.unknownEventType` when the
    ///   event cannot be decoded or cannot follow the account's state.
    func replay(_ event: RecordedEvent, payload parsed: JSONValue? = nil) throws {
        let decoded = try Self.decode(event, payload: parsed)
        let before = try currentState(accountID: event.accountID)
        let after = try AccountFold.apply(decoded.event, sourceEtag: decoded.sourceEtag, to: before, envelope: event)
        try apply(event, event: decoded.event, before: before, after: after)
    }

    /// Parses, when `parsed` is nil, and decodes a stored event's payload.
    static func decode(
        _ event: RecordedEvent, payload parsed: JSONValue?
    ) throws -> (event: AccountEvent, sourceEtag: String?) {
        let payload: JSONValue
        do {
            payload = try parsed ?? JSONParser.parse(event.payloadText)
        } catch {
            throw LedgerError.corruptEvent(position: event.position, detail: "payload is not valid JSON: \(error)")
        }
        return try EventCodec.decode(
            type: event.type, schemaVersion: event.schemaVersion, payload: payload, position: event.position)
    }
}
