/// One stored event: the envelope and its payload.
public struct RecordedEvent: Equatable, Sendable {
    /// Global, gapless, strictly increasing, from 1.
    public var position: Int64
    public var accountID: String
    /// The account's stream version, from 1, without gaps.
    public var version: Int
    public var type: String
    public var schemaVersion: Int
    /// When the change happened, in milliseconds since the epoch (UTC).
    public var occurredAt: Int64
    /// When the ledger stored it, in milliseconds since the epoch (UTC).
    public var recordedAt: Int64
    public var actor: String
    public var reason: String?
    public var correlationID: String
    public var idempotencyKey: String?
    /// The payload as canonical JSON text, exactly as hashed and stored.
    public var payloadText: String
    public var previousHash: String
    public var hash: String

    /// The hash that precedes the first event.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Returns the canonical envelope text that `hash` covers: every column
    /// but `hash` itself, keys sorted, with the payload embedded as JSON.
    ///
    /// The payload text is spliced in as stored, which is canonical because
    /// the store writes it with `JSONWriter.canonical`; verification checks that.
    public func canonicalEnvelope() -> String {
        var text = "{"
        var isFirst = true
        func member(_ key: String, _ value: String) {
            if !isFirst { text += "," }
            isFirst = false
            JSONWriter.writeString(key, into: &text)
            text += ":"
            text += value
        }
        func quoted(_ value: String?) -> String {
            guard let value else { return "null" }
            var output = ""
            JSONWriter.writeString(value, into: &output)
            return output
        }
        member("account_id", quoted(accountID))
        member("actor", quoted(actor))
        member("correlation_id", quoted(correlationID))
        member("idempotency_key", quoted(idempotencyKey))
        member("occurred_at", String(occurredAt))
        member("payload", payloadText)
        member("position", String(position))
        member("prev_hash", quoted(previousHash))
        member("reason", quoted(reason))
        member("recorded_at", String(recordedAt))
        member("schema_version", String(schemaVersion))
        member("type", quoted(type))
        member("version", String(version))
        text += "}"
        return text
    }

    /// Returns the SHA-256, in hex, of the canonical envelope.
    public func computeHash() -> String {
        Hex.encode(Digest.sha256(canonicalEnvelope()))
    }

    /// Returns the payload parsed into an event, upgraded to the current schema.
    public func decodedEvent() throws -> AccountEvent {
        let payload: JSONValue
        do {
            payload = try JSONParser.parse(payloadText)
        } catch {
            throw LedgerError.corruptEvent(position: position, detail: "payload is not valid JSON: \(error)")
        }
        return try EventCodec.decode(type: type, schemaVersion: schemaVersion, payload: payload, position: position).event
    }
}
