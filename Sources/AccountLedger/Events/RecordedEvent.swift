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
        var output = JSONBytes(capacity: 256 + payloadText.utf8.count)
        func name(_ key: String, first: Bool = false) {
            if !first { output.append(UInt8(ascii: ",")) }
            output.appendQuoted(key)
            output.append(UInt8(ascii: ":"))
        }
        func quoted(_ value: String?) {
            guard let value else {
                output.append("null")
                return
            }
            output.appendQuoted(value)
        }
        output.append(UInt8(ascii: "{"))
        name("account_id", first: true)
        quoted(accountID)
        name("actor")
        quoted(actor)
        name("correlation_id")
        quoted(correlationID)
        name("idempotency_key")
        quoted(idempotencyKey)
        name("occurred_at")
        output.append(occurredAt)
        name("payload")
        output.append(payloadText)
        name("position")
        output.append(position)
        name("prev_hash")
        quoted(previousHash)
        name("reason")
        quoted(reason)
        name("recorded_at")
        output.append(recordedAt)
        name("schema_version")
        output.append(Int64(schemaVersion))
        name("type")
        quoted(type)
        name("version")
        output.append(Int64(version))
        output.append(UInt8(ascii: "}"))
        return output.text
    }

    /// Returns the SHA-256, in hex, of the canonical envelope.
    public func computeHash() -> String {
        Hex.encode(Digest.sha256(canonicalEnvelope()))
    }

    /// Returns the payload parsed into an event, upgraded to the current schema.
    public func decodedEvent() throws -> AccountEvent {
        try decodedPayload().event
    }

    /// Returns the payload decoded into an event and the source etag it
    /// carries, parsing the text unless `parsed` is given.
    ///
    /// - Throws: `LedgerError.corruptEvent` for a payload that is not JSON,
    ///   and the errors of `EventCodec.decode`.
    func decodedPayload(parsed: JSONValue? = nil) throws -> (event: AccountEvent, sourceEtag: String?) {
        let payload: JSONValue
        do {
            payload = try parsed ?? JSONParser.parse(payloadText)
        } catch {
            throw Self.invalidPayload(error, position: position)
        }
        return try EventCodec.decode(type: type, schemaVersion: schemaVersion, payload: payload, position: position)
    }

    /// Parses payload bytes read straight from the database, which skips
    /// making a `String` of them first; invalid UTF-8 is a corrupt event.
    static func parsedPayload(_ bytes: [UInt8], position: Int64) throws -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw invalidPayload(error, position: position)
        }
    }

    static func invalidPayload(_ error: any Error, position: Int64) -> LedgerError {
        .corruptEvent(position: position, detail: "payload is not valid JSON: \(error)")
    }
}
