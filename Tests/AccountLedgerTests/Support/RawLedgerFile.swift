@testable import AccountLedger
import Foundation

/// Raw SQL access to a ledger file, for tests that play an attacker with
/// write access to the file. Each edit drops the guard triggers on `events`
/// and creates them again afterwards, as a careful attacker would, so that
/// `verify` reaches the edit itself. `EventGuardTests` covers the triggers.
final class RawLedgerFile {
    let database: Database

    init(path: String) throws {
        database = try Database(path: path, mode: .readWrite)
    }

    func execute(_ sql: String) throws {
        try withoutGuards { try database.execute(sql) }
    }

    /// Runs `sql` as the sqlite3 shell would, leaving the guard triggers
    /// as `sql` leaves them, for tests of those triggers themselves.
    func executeKeepingGuards(_ sql: String) throws {
        try database.execute(sql)
    }

    /// Every stored event, in position order.
    func events() throws -> [RecordedEvent] {
        try database.statement("SELECT \(EventStore.columns) FROM events ORDER BY position").rows([], EventStore.decodeRow)
    }

    /// Changes the event at `position` and, when `rechain` is true, recomputes
    /// its hash and every later hash so the chain links up again.
    func rewrite(position: Int64, rechain: Bool, _ change: (inout RecordedEvent) -> Void) throws {
        try withoutGuards { try rewriteUnguarded(position: position, rechain: rechain, change) }
    }

    private func rewriteUnguarded(position: Int64, rechain: Bool, _ change: (inout RecordedEvent) -> Void) throws {
        var previousHash: String?
        for var event in try events() where event.position >= position {
            if event.position == position {
                change(&event)
            }
            if rechain {
                if let previousHash {
                    event.previousHash = previousHash
                }
                event.hash = event.computeHash()
                previousHash = event.hash
            }
            try replace(event)
        }
    }

    /// Appends `event` after the last one with a correct hash chain, as a forger would.
    func appendForged(_ make: (_ head: RecordedEvent) -> RecordedEvent) throws {
        guard let head = try events().last else { return }
        var event = make(head)
        event.position = head.position + 1
        event.previousHash = head.hash
        event.hash = event.computeHash()
        try withoutGuards { try EventStore(db: database).insert(event) }
    }

    private func withoutGuards(_ edit: () throws -> Void) throws {
        for definition in EventGuards.definitions {
            try database.execute("DROP TRIGGER IF EXISTS \(definition.name)")
        }
        do {
            try edit()
        } catch {
            _ = try? EventGuards.restore(in: database)
            throw error
        }
        _ = try EventGuards.restore(in: database)
    }

    private func replace(_ event: RecordedEvent) throws {
        try database.run("DELETE FROM events WHERE position = ?", [.integer(event.position)])
        try EventStore(db: database).insert(event)
    }
}

/// Runs `body` and returns the `LedgerError.verificationFailed` it throws,
/// or nil when it throws nothing or another error.
func verificationFailure(_ body: () throws -> Void) -> (position: Int64?, detail: String)? {
    do {
        try body()
    } catch LedgerError.verificationFailed(let position, let detail) {
        return (position, detail)
    } catch {
        return nil
    }
    return nil
}
