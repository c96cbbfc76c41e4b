import AccountLedger
import Foundation
import LedgerHarness
import Testing

/// Several real `ledger` processes write to the same and to different
/// accounts at once while others read.
@Suite struct ConcurrencyTests {
    /// Tallies shared by the worker threads.
    private final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var successes: [String: Int] = [:]
        private(set) var conflicts = 0
        private(set) var reads = 0
        private(set) var problems: [String] = []

        func record(success account: String) {
            lock.withLock { successes[account, default: 0] += 1 }
        }

        func recordConflict() {
            lock.withLock { conflicts += 1 }
        }

        func recordRead() {
            lock.withLock { reads += 1 }
        }

        func record(problem: String) {
            lock.withLock { problems.append(problem) }
        }
    }

    private static let editsPerWriter = 6
    private static let readsPerReader = 8

    @Test func concurrentSavesLoseNothing() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "shared", context: context())
        try fixture.ledger.save(s3Connect(), accountID: "own", context: context())
        let ledger = ChildProcess(executable: LedgerProcess.executableURL)
        let tally = Tally()
        let path = fixture.path

        // Workers 0-2 race on one account with --expect-version, worker 3
        // edits another account, workers 4-5 read the shared one.
        DispatchQueue.concurrentPerform(iterations: 6) { worker in
            switch worker {
            case 0...2:
                Self.raceOnSharedAccount(worker: worker, ledger: ledger, path: path, tally: tally)
            case 3:
                Self.editOwnAccount(ledger: ledger, path: path, tally: tally)
            default:
                Self.readSharedAccount(ledger: ledger, path: path, tally: tally)
            }
        }

        #expect(tally.problems == [])
        let shared = try fixture.ledger.account(id: "shared")
        let own = try fixture.ledger.account(id: "own")
        #expect(shared.version == 1 + 2 * (tally.successes["shared"] ?? 0))
        #expect(own.version == 1 + 2 * Self.editsPerWriter)
        #expect((tally.successes["shared"] ?? 0) + tally.conflicts == 3 * Self.editsPerWriter)
        #expect((tally.successes["shared"] ?? 0) >= Self.editsPerWriter)
        #expect(tally.reads == 2 * Self.readsPerReader)
        let report = try fixture.ledger.verify()
        #expect(report.eventCount == Int64(shared.version + own.version))
    }

    private static func raceOnSharedAccount(worker: Int, ledger: ChildProcess, path: String, tally: Tally) {
        for edit in 0..<editsPerWriter {
            do {
                let shown = try ledger.run(["show", "shared", "--db", path, "--json"])
                guard shown.status == 0, let version = try JSONParser.parse(shown.standardOutput)["version"]?.integerValue else {
                    tally.record(problem: "show failed: \(shown.status) \(shown.standardError)")
                    continue
                }
                let saved = try ledger.run(
                    ["edit", "shared", "--db", path, "--name", "Writer \(worker) edit \(edit)",
                     "--secret", "secretKey=stdin", "--expect-version", String(version)],
                    input: "secret-\(worker)-\(edit)\n")
                switch saved.status {
                case 0:
                    tally.record(success: "shared")
                case 4 where saved.standardError.contains("version conflict on account shared"):
                    tally.recordConflict()
                default:
                    tally.record(problem: "edit exited \(saved.status): \(saved.standardError)")
                }
            } catch {
                tally.record(problem: "cannot run ledger: \(error)")
            }
        }
    }

    private static func editOwnAccount(ledger: ChildProcess, path: String, tally: Tally) {
        for edit in 0..<editsPerWriter {
            do {
                let saved = try ledger.run(
                    ["edit", "own", "--db", path, "--name", "Own edit \(edit)", "--secret", "secretKey=stdin"],
                    input: "own-secret-\(edit)\n")
                if saved.status == 0 {
                    tally.record(success: "own")
                } else {
                    tally.record(problem: "edit of own exited \(saved.status): \(saved.standardError)")
                }
            } catch {
                tally.record(problem: "cannot run ledger: \(error)")
            }
        }
    }

    /// Reads the shared account's history and state; every save renames and
    /// rotates, so a reader must see both events of a save or neither.
    private static func readSharedAccount(ledger: ChildProcess, path: String, tally: Tally) {
        for _ in 0..<readsPerReader {
            do {
                let history = try ledger.run(["history", "shared", "--db", path, "--json"])
                guard history.status == 0 else {
                    tally.record(problem: "history exited \(history.status): \(history.standardError)")
                    continue
                }
                var eventsPerSave: [String: Int] = [:]
                var lastVersion: Int64 = 0
                for line in history.standardOutput.split(separator: "\n") {
                    let event = try JSONParser.parse(String(line))
                    eventsPerSave[event["correlation_id"]?.stringValue ?? "", default: 0] += 1
                    lastVersion = event["version"]?.integerValue ?? -1
                }
                let halfSaves = eventsPerSave.values.filter { $0 != 2 }.count
                if halfSaves != 1 || lastVersion % 2 != 1 {
                    tally.record(problem: "a reader saw half a save: versions up to \(lastVersion), saves \(eventsPerSave)")
                }
                let shown = try ledger.run(["show", "shared", "--db", path, "--json"])
                let version = try JSONParser.parse(shown.standardOutput)["version"]?.integerValue ?? 0
                if shown.status != 0 || version % 2 != 1 {
                    tally.record(problem: "show saw version \(version), status \(shown.status): \(shown.standardError)")
                }
                tally.recordRead()
            } catch {
                tally.record(problem: "cannot read: \(error)")
            }
        }
    }
}
