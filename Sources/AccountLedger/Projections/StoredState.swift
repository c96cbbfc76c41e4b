/// Decodes the account states that the `accounts` and `account_snapshots`
/// projections keep as JSON, so that a damaged row fails with a storage
/// error naming the account, the projection and the repair.
enum StoredState {
    /// The advice every unreadable or mismatched stored state ends with.
    /// Projections are derived from the log, so a rebuild rewrites them,
    /// but `verify` comes first because damage may reach the log as well.
    static let repairAdvice = "run `ledger verify` to check the event log, then `ledger rebuild` to write the projections again from it"

    /// Decodes the stored state of `accountID`, which `row` describes in
    /// messages ("in the accounts projection", "in the account_snapshots projection at version 64").
    ///
    /// - Throws: `LedgerError.storage` naming `path`, the account and the
    ///   row when the JSON is malformed, lacks a member a state needs, or
    ///   belongs to another account.
    static func decode(_ bytes: [UInt8], accountID: String, row: String, path: String) throws -> AccountState {
        let state: AccountState
        do {
            state = try AccountState(json: JSONParser.parse(bytes))
        } catch {
            throw LedgerError.storage(
                path: path,
                problem: "the stored state of account \(accountID) \(row) is unreadable (\(error)); \(repairAdvice)")
        }
        guard state.id == accountID else {
            throw LedgerError.storage(
                path: path,
                problem: "the stored state of account \(accountID) \(row) is the state of account \(state.id); \(repairAdvice)")
        }
        return state
    }
}
