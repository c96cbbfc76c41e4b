import AccountLedger

/// One save of a generated history, with the number of events the ledger
/// appends for it. The generator can count them because every change it
/// makes is a real change.
public struct PlannedSave: Sendable {
    public var save: AccountSave
    public var eventCount: Int
}
