@testable import AccountLedger
import Foundation
import Testing

/// The wording of a fault in one stored event in `verify`, `replay`,
/// `import --events` and `export`. It names the position once, and the
/// column whose bytes are not UTF-8 rather than text repaired with U+FFFD.
@Suite struct EventFaultMessageTests {
    private func populated() throws -> TemporaryLedger {
        try TemporaryLedger.withEvents(3)
    }

    private func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// Stores `hex` as the bytes of `column` of the event at position 2.
    /// The chain and the projections are first rebuilt over `repaired`, the
    /// text with each invalid byte replaced by U+FFFD, which is what a read
    /// that repairs the text returns, so only the bytes themselves are wrong.
    private func storeInvalidUTF8(_ fixture: TemporaryLedger, column: String, hex: String, repaired: String) throws {
        fixture.checksEventSchemas = false
        let file = try RawLedgerFile(path: fixture.path)
        try file.rewrite(position: 2, rechain: true) { event in
            if column == "actor" {
                event.actor = repaired
            } else {
                event.payloadText = repaired
            }
        }
        try fixture.ledger.rebuildProjections()
        try file.execute("UPDATE events SET \(column) = CAST(X'\(hex)' AS TEXT) WHERE position = 2")
    }

    @Test func replayNamesUnknownTypePositionOnce() throws {
        let fixture = try populated()
        fixture.checksEventSchemas = false
        try RawLedgerFile(path: fixture.path).rewrite(position: 2, rechain: true) { $0.type = "AccountFrozen" }
        let into = fixture.folder.appendingPathComponent("replay.sqlite").path
        let error = try #require(throws: LedgerError.self) { try fixture.ledger.replay(upToPosition: 3, into: into) }
        #expect(error.category == .integrity)
        #expect("\(error)".contains("AccountFrozen"))
        #expect(occurrences(of: "position 2", in: "\(error)") == 1, "\(error)")
    }

    @Test func replayStopsReadingAtItsPosition() throws {
        // Replay read the whole log and skipped the events past its
        // position, so a row it never copies could fail it.
        let fixture = try populated()
        try storeInvalidUTF8(fixture, column: "actor", hex: "6D616C6CFF", repaired: "mall\u{FFFD}")
        let into = fixture.folder.appendingPathComponent("replay.sqlite").path
        #expect(try fixture.ledger.replay(upToPosition: 1, into: into) == 1)
    }

    @Test func replayBelowAFaultStillChecksItsEvents() throws {
        let fixture = try populated()
        try storeInvalidUTF8(fixture, column: "actor", hex: "6D616C6CFF", repaired: "mall\u{FFFD}")
        let into = fixture.folder.appendingPathComponent("replay.sqlite").path
        let error = try #require(throws: LedgerError.self) { try fixture.ledger.replay(upToPosition: 2, into: into) }
        #expect("\(error)".contains("column actor is not valid UTF-8"), "\(error)")
        #expect(!FileManager.default.fileExists(atPath: into))
    }

    @Test func importNamesUnknownTypePositionOnce() throws {
        let fixture = try populated()
        fixture.checksEventSchemas = false
        try RawLedgerFile(path: fixture.path).rewrite(position: 2, rechain: true) { $0.type = "AccountFrozen" }
        let loaded = try fixture.loadIntoNewLedger(try fixture.exportLines(), name: "frozen.jsonl")
        let error = try #require(throws: LedgerError.self) { try loaded.result.get() }
        #expect("\(error)".contains("frozen.jsonl line 3"))
        #expect("\(error)".contains("AccountFrozen"))
        #expect(occurrences(of: "position 2", in: "\(error)") == 1, "\(error)")
    }

    @Test func verifyNamesUnreplayableEventPositionOnce() throws {
        // A rename as an account's first event fits its schema, but the
        // fold rejects it.
        let fixture = try populated()
        try RawLedgerFile(path: fixture.path).appendForged { head in
            var forged = head
            forged.accountID = "a3"
            forged.version = 1
            forged.type = "AccountRenamed"
            forged.payloadText = #"{"from":"Nobody","to":"Somebody"}"#
            return forged
        }
        let error = try #require(throws: LedgerError.self) { _ = try fixture.ledger.verify() }
        #expect("\(error)".contains("before the account was connected"), "\(error)")
        #expect(occurrences(of: "position 4", in: "\(error)") == 1, "\(error)")
    }

    @Test func invalidUTF8InActorFailsVerify() throws {
        let fixture = try populated()
        try storeInvalidUTF8(fixture, column: "actor", hex: "6D616C6CFF", repaired: "mall\u{FFFD}")
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 2)
        #expect(failure?.detail.contains("column actor is not valid UTF-8") == true, "\(failure?.detail ?? "no failure")")
    }

    @Test func invalidUTF8InPayloadFailsVerify() throws {
        let fixture = try populated()
        let payload = #"{"from":"","to":"Nightly"}"#
        let hex = Hex.encode(Array(payload.utf8)).replacingOccurrences(of: Hex.encode(Array("Nightly".utf8)), with: "4E69676874FF")
        try storeInvalidUTF8(fixture, column: "payload", hex: hex, repaired: #"{"from":"","to":"Night\#u{FFFD}"}"#)
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 2)
        #expect(failure?.detail.contains("column payload is not valid UTF-8") == true, "\(failure?.detail ?? "no failure")")
    }

    @Test func exportRejectsInvalidUTF8() throws {
        let fixture = try populated()
        try storeInvalidUTF8(fixture, column: "actor", hex: "6D616C6CFF", repaired: "mall\u{FFFD}")
        var lines: [String] = []
        let error = try #require(throws: LedgerError.self) { try fixture.ledger.exportEvents { lines.append($0) } }
        guard case .corruptEvent(let position, let detail) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(position == 2)
        #expect(detail.contains("column actor is not valid UTF-8"))
        #expect(!lines.contains { $0.contains("\u{FFFD}") })
    }
}
