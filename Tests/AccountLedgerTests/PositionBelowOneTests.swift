@testable import AccountLedger
import Foundation
import LedgerHarness
import Testing

/// An event row stored below position 1, which no append writes but the
/// sqlite3 shell can insert once `events_require_next_position` is dropped.
/// `history` and `show --as-of` read it by account and version, so every
/// full read of the log must stop at it rather than skip it.
@Suite struct PositionBelowOneTests {
    /// Returns a ledger whose account a1 has versions 1 and 2, with a rename
    /// of a1 to "Hacked" inserted at `position` as version 3.
    private func ledgerWithRow(at position: Int64) throws -> TemporaryLedger {
        let fixture = try TemporaryLedger.withEvents(2)
        fixture.checksEventSchemas = false
        try RawLedgerFile(path: fixture.path).execute("""
            INSERT INTO events VALUES (\(position), 'a1', 3, 'AccountRenamed', 1, 1780000000000, 1780000000000,
                'bob', 'cover-up', 'c1', NULL, '{"from":"One","to":"Hacked"}', 'x', 'y')
            """)
        return fixture
    }

    @Test func verifyNamesRowBelowPositionOne() throws {
        for position: Int64 in [-1, 0] {
            let fixture = try ledgerWithRow(at: position)
            let failure = verificationFailure { _ = try fixture.ledger.verify() }
            #expect(failure?.position == position)
            #expect(failure?.detail.contains("below position 1") == true, "\(failure?.detail ?? "no failure")")
        }
    }

    @Test func verifyWithReceiptStillFails() throws {
        let fixture = try ledgerWithRow(at: -1)
        let receipt = try fixture.ledger.digest()
        let failure = verificationFailure { _ = try fixture.ledger.verify(receipt: receipt) }
        #expect(failure?.position == -1)
    }

    @Test func exportStopsAtRowBelowPositionOne() throws {
        let fixture = try ledgerWithRow(at: -1)
        var lines: [String] = []
        let error = try #require(throws: LedgerError.self) { try fixture.ledger.exportEvents { lines.append($0) } }
        guard case .corruptEvent(let position, let detail) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(position == -1)
        #expect(detail.contains("below position 1"))
        #expect(!lines.contains { $0.contains("Hacked") })
    }

    @Test func rebuildStopsAtRowBelowPositionOne() throws {
        let fixture = try ledgerWithRow(at: 0)
        let before = try ProjectionDump(path: fixture.path)
        let error = try #require(throws: LedgerError.self) { try fixture.ledger.rebuildProjections() }
        #expect(error.category == .integrity)
        #expect("\(error)".contains("event at position 0"))
        #expect(try ProjectionDump(path: fixture.path) == before)
    }

    @Test func commandLineVerifyExitsWithIntegrityStatus() throws {
        let fixture = try ledgerWithRow(at: -1)
        let output = try LedgerProcess.run(["verify", "--db", fixture.path])
        #expect(output.status == 8)
        #expect(output.standardError.hasPrefix("Error: verification failed at position -1:"), "\(output.standardError)")
    }
}
