import AccountLedger
import Foundation
import Testing

/// Several `ledger` processes writing the same account at the same moment.
@Suite struct ConcurrentWriterTests {
    static let writers = 4
    static let rounds = 6

    @Test func racingExpectedVersionsGiveOneWinner() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        for round in 1...Self.rounds {
            let running = try (1...Self.writers).map { writer in
                try LedgerProcess.launch(
                    ["edit", "s3", "--name", "Round \(round) writer \(writer)", "--expect-version", String(round)],
                    environment: ledger.environment)
            }
            let outputs = try running.map { try $0.wait() }
            let winners = outputs.filter { $0.status == 0 }
            #expect(winners.count == 1, "round \(round): \(outputs.map(\.standardError))")
            for loser in outputs where loser.status != 0 {
                #expect(loser.status == 4, "round \(round): \(loser.standardError)")
                #expect(loser.standardError.hasPrefix(
                    "Error: version conflict on account s3: expected version \(round), but it is at version \(round + 1)"))
            }
        }
        try expectGapless(ledger, events: 1 + Self.rounds, version: 1 + Self.rounds)
    }

    @Test func racingWritersWithoutExpectedVersionAllSucceed() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let running = try (1...Self.writers).map { writer in
            try LedgerProcess.launch(["edit", "s3", "--name", "Writer \(writer)"], environment: ledger.environment)
        }
        for output in try running.map({ try $0.wait() }) {
            #expect(output.status == 0, "\(output.standardError)")
            #expect(!output.combined.contains("locked"))
        }
        try expectGapless(ledger, events: 1 + Self.writers, version: 1 + Self.writers)
    }

    /// Every writer that read the old schema version before the lock printed
    /// that it upgraded the file, though only one ran the migration. A write
    /// transaction held here keeps the writers waiting after they read the
    /// version.
    @Test func racingUpgradeIsReportedOnce() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        try RawLedgerFile(path: ledger.path).execute(
            "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)")
        let lock = try Database(path: ledger.path, mode: .readWrite)

        // NOTE: on a machine so slow that a writer starts after the lock is
        // released, that writer reads the new version. The race is then not
        // reproduced, and the test passes without showing the fix.
        let running = try lock.write { _ in
            let launched = try (1...3).map { writer in
                try LedgerProcess.launch(["edit", "s3", "--name", "Writer \(writer)"], environment: ledger.environment)
            }
            Thread.sleep(forTimeInterval: 1.5)
            return launched
        }
        let outputs = try running.map { try $0.wait() }

        #expect(outputs.allSatisfy { $0.status == 0 }, "\(outputs.map(\.standardError))")
        let notes = outputs.filter { $0.standardError.contains("Note: upgraded the database") }
        #expect(notes.count == 1, "\(outputs.map(\.standardError))")
    }

    @Test func racingConnectsOfOneIDGiveOneWinner() throws {
        let ledger = try CommandLineLedger()
        let running = try (1...Self.writers).map { writer in
            try LedgerProcess.launch(
                ["connect", "--id", "z1", "--destination", "data-landing-zone", "--name", "Zone \(writer)"],
                environment: ledger.environment)
        }
        let outputs = try running.map { try $0.wait() }
        #expect(outputs.filter { $0.status == 0 }.count == 1)
        for loser in outputs where loser.status != 0 {
            #expect(loser.status == 4)
            #expect(loser.standardError.hasPrefix("Error: account z1 already exists"))
        }
        try expectGapless(ledger, events: 1, version: 1)
    }

    @Test func racingInitsLeaveOneWorkingLedger() throws {
        for round in 1...3 {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-init-race-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("ledger.sqlite").path
            let running = try (1...Self.writers).map { _ in try LedgerProcess.launch(["init", "--db", path]) }
            let outputs = try running.map { try $0.wait() }
            #expect(outputs.filter { $0.status == 0 }.count == 1, "round \(round): \(outputs.map(\.standardError))")
            for loser in outputs where loser.status != 0 {
                #expect(loser.status == 7)
                #expect(loser.standardError == "Error: database \(path): already exists; use it as it is, or choose another --db path\n")
            }
            let listed = try LedgerProcess.run(["accounts", "--db", path])
            #expect(listed.status == 0, "round \(round): \(listed.standardError)")
        }
    }

    /// Checks that positions run 1...events and the account's versions
    /// 1...version, each event linked to the one before.
    private func expectGapless(
        _ ledger: CommandLineLedger,
        events: Int,
        version: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let reader = try Ledger(path: ledger.path, access: .read, environment: [:])
        var positions: [Int64] = []
        var previousHash = RecordedEvent.genesisHash
        for id in ["s3", "z1"] {
            guard let history = try? reader.history(accountID: id) else { continue }
            #expect(history.map(\.version) == Array(1...version), sourceLocation: sourceLocation)
            positions += history.map(\.position)
        }
        #expect(positions.sorted() == (1...Int64(events)).map { $0 }, sourceLocation: sourceLocation)
        for id in ["s3", "z1"] {
            guard let history = try? reader.history(accountID: id) else { continue }
            for event in history {
                #expect(event.previousHash == previousHash, sourceLocation: sourceLocation)
                previousHash = event.hash
            }
        }
    }
}
