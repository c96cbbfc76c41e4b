@testable import AccountLedger
import Foundation
import Testing

/// The time an import gives records without `updatedAt` or `createdAt`.
@Suite struct ImportClockTests {
    @Test func untimedRecordTakesTimeAfterWaitingForLock() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(listSnapshot([s3Connection(removing: ["updatedAt"])]))
        let blocker = try Database(path: fixture.path, mode: .readWrite)
        try blocker.execute("BEGIN IMMEDIATE")

        // The import starts while another writer holds the lock, and waits.
        let path = fixture.path
        let renamed = listSnapshot([s3Connection(["name": "Renamed"], removing: ["updatedAt"])])
        let outcome = BackgroundBatch(on: DispatchQueue(label: "import")) {
            // The error as text, because a Result must be Sendable to cross threads.
            do {
                return try Ledger(path: path, access: .write, environment: [:]).importSnapshot(renamed).changed
            } catch {
                return ["failed: \(error)"]
            }
        }
        Thread.sleep(forTimeInterval: 0.3)
        // The other writer's change is dated when it commits, after the
        // import began to wait.
        try blocker.run(
            "UPDATE accounts SET state = json_set(state, '$.updatedAt', ?)", [.integer(Clock.nowMilliseconds())])
        try blocker.execute("COMMIT")

        #expect(outcome.wait() == ["acct-1"])
    }
}
