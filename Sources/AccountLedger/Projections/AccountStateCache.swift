/// Decoded `accounts` projection states, kept per connection so that a
/// write does not read and parse an account's state JSON on every save.
///
/// `Database` empties it whenever its contents may be stale: when a
/// transaction rolls back, and when a transaction begins after another
/// connection committed (SQLite's `PRAGMA data_version` changed). Only
/// `ProjectionWriter` fills it, with exactly what it reads from or writes to
/// the `accounts` table, so within one connection the two cannot differ.
/// A rebuild writes `accounts` rows without it, on a connection of its own,
/// and empties it when done.
final class AccountStateCache {
    /// The maximum number of states kept. Past it the cache starts again
    /// empty, which bounds memory at the cost of reading states again.
    static let capacity = 16_384

    private var states: [String: AccountState] = [:]

    subscript(accountID: String) -> AccountState? {
        states[accountID]
    }

    func store(_ state: AccountState) {
        if states.count >= Self.capacity && states[state.id] == nil {
            states.removeAll(keepingCapacity: true)
        }
        states[state.id] = state
    }

    func removeAll() {
        states.removeAll()
    }
}
