extension ProjectionWriter {
    /// Decodes a stored event and applies it to the projections, as a
    /// rebuild or a verification does when it replays the log.
    ///
    /// - Parameter parsed: the payload when the caller has parsed it already.
    /// - Throws: `LedgerError.corruptEvent` or `.unknownEventType` when the
    ///   event cannot be decoded or cannot follow the account's state.
    func replay(_ event: RecordedEvent, payload parsed: JSONValue? = nil) throws {
        let payload: JSONValue
        do {
            payload = try parsed ?? JSONParser.parse(event.payloadText)
        } catch {
            throw LedgerError.corruptEvent(position: event.position, detail: "payload is not valid JSON: \(error)")
        }
        let decoded = try EventCodec.decode(
            type: event.type, schemaVersion: event.schemaVersion, payload: payload, position: event.position)
        let before = try currentState(accountID: event.accountID)
        let after = try AccountFold.apply(decoded.event, sourceEtag: decoded.sourceEtag, to: before, envelope: event)
        try apply(event, event: decoded.event, before: before, after: after)
    }
}
