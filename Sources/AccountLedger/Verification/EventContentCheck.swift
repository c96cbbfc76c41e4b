/// The checks of one event that need nothing but the event itself: its
/// hash, and a payload that parses, is canonical and fits its schemas.
///
/// They are most of the work of `verify` and independent from event to
/// event, so `LogVerifier` runs them on a second thread, batch by batch,
/// while it reads the next batch and replays the last one.
struct EventContentCheck: Sendable {
    /// The hash of the event's contents, when it differs from the stored one.
    let recomputedHash: String?
    /// The parsed payload, or the fault that stops it from being used.
    let payload: Result<JSONValue, ContentFault>

    /// A payload fault, worded for `verificationFailed`.
    struct ContentFault: Error, Sendable {
        let detail: String
        /// The member that is wrong, named as in an export line
        /// (`payload.settings.host`, `actor`), or nil when the whole
        /// payload text is.
        var field: String?
    }

    init(_ event: RecordedEvent, schemas: EventSchemas) {
        let computed = event.computeHash()
        recomputedHash = computed == event.hash ? nil : computed
        payload = Self.checkPayload(event, schemas: schemas)
    }

    private static func checkPayload(_ event: RecordedEvent, schemas: EventSchemas) -> Result<JSONValue, ContentFault> {
        let payload: JSONValue
        do {
            payload = try JSONParser.parse(event.payloadText)
        } catch {
            return .failure(ContentFault(detail: "payload is not valid JSON: \(error)"))
        }
        guard JSONWriter.canonical(payload).hasSameBytes(as: event.payloadText) else {
            return .failure(ContentFault(detail: "payload is not in canonical JSON form"))
        }
        do {
            try schemas.validate(event, payload: payload)
        } catch LedgerError.schemaViolation(_, let schema, let path, let problem) {
            return .failure(ContentFault(
                detail: "does not match its schema \(schema) at \(path): \(problem)",
                field: exportLineField(schema: schema, path: path)))
        } catch {
            return .failure(ContentFault(detail: "does not match its schema: \(error)"))
        }
        return .success(payload)
    }

    /// Turns a schema violation's JSON path (`$.name`, `$["a b"]`) into the
    /// member of the export line that contains the bad value. Payload schemas
    /// see the payload alone, so their paths start below `payload`.
    private static func exportLineField(schema: String, path: String) -> String? {
        let below = path.dropFirst()
        guard schema == EventSchemas.envelopeFileName else {
            return "payload" + below
        }
        guard !below.isEmpty else { return nil }
        return below.hasPrefix(".") ? String(below.dropFirst()) : String(below)
    }
}
