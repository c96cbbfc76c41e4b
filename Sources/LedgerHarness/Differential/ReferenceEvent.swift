import AccountLedger

/// An event as read back from `ledger export`, with its payload as plain JSON.
///
/// The reference model reads these instead of `AccountEvent` values, so it
/// shares no decoding or folding code with the ledger it checks.
struct ReferenceEvent {
    let position: Int64
    let accountID: String
    let version: Int
    let type: String
    let schemaVersion: Int
    let occurredAt: Int64
    let recordedAt: Int64
    let actor: String
    let reason: String?
    let correlationID: String
    let payload: JSONValue

    init(exportLine: String) throws {
        let value = try JSONParser.parse(exportLine)
        position = value["position"]?.integerValue ?? 0
        accountID = value["account_id"]?.stringValue ?? ""
        version = Int(value["version"]?.integerValue ?? 0)
        type = value["type"]?.stringValue ?? ""
        schemaVersion = Int(value["schema_version"]?.integerValue ?? 0)
        occurredAt = value["occurred_at"]?.integerValue ?? 0
        recordedAt = value["recorded_at"]?.integerValue ?? 0
        actor = value["actor"]?.stringValue ?? ""
        reason = value["reason"]?.stringValue
        correlationID = value["correlation_id"]?.stringValue ?? ""
        payload = value["payload"] ?? .null
    }
}
