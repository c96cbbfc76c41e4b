import AccountLedger

/// Exit statuses that scripts can rely on; the README lists them.
enum ExitStatus {
    static let success: Int32 = 0
    /// An unexpected failure.
    static let failure: Int32 = 1
    /// The command line does not fit the command's usage.
    static let usage: Int32 = 2
    static let notFound: Int32 = 3
    /// A stale `--expect-version`, or an id that already exists.
    static let conflict: Int32 = 4
    /// Malformed or out-of-range input: a file, a field, a value.
    static let badInput: Int32 = 5
    /// A well-formed change that the account's state does not allow.
    static let rejected: Int32 = 6
    /// The database or key file cannot be used.
    static let storage: Int32 = 7
    /// The log fails verification or contains an event this build cannot read.
    static let integrity: Int32 = 8

    static func status(for error: LedgerError) -> Int32 {
        switch error.category {
        case .notFound: return notFound
        case .conflict: return conflict
        case .badInput: return badInput
        case .rejected: return rejected
        case .storage: return storage
        case .integrity: return integrity
        }
    }
}
