/// The sizes, sample counts and paths of one benchmark run.
public struct BenchmarkConfiguration: Sendable {
    /// Events in the generated history, appended by batched import.
    public var events: Int
    public var accounts: Int
    public var seed: UInt64 = 20_261_204
    /// A folder for the ledger and baseline files; it must not exist yet.
    public var folder: String
    /// The `ledger` executable for the child-process measurements (cold
    /// start); nil skips them.
    public var ledgerExecutable: String?
    /// A Python interpreter with `eventsourcing` installed, and the baseline
    /// script; nil skips the Python baseline.
    public var python: String?
    public var pythonScript: String?
    /// Saves appended one transaction each after the history, a fixed
    /// sample at every size because a whole history would take too long.
    public var singleSaves = 1_000
    public var savesPerBatch = 500
    public var viewQueries = 50
    public var accountQueries = 1_000
    public var auditQueries = 20
    public var streamReads = 200
    public var coldStarts = 10
    /// Stops after the batched import, to profile the write path alone.
    public var importOnly = false

    public init(events: Int, accounts: Int, folder: String) {
        self.events = events
        self.accounts = accounts
        self.folder = folder
    }

    /// Returns the account count used when none is given: one account per
    /// hundred events, so the 1M history has 10k accounts.
    public static func defaultAccounts(forEvents events: Int) -> Int {
        max(10, events / 100)
    }
}
