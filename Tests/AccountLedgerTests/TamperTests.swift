@testable import AccountLedger
import Testing

/// A ledger with five events: a1 connected (1), its description changed by
/// alice (2), renamed and rotated in one save (3, 4), and a2 connected (5).
private func populatedLedger() throws -> TemporaryLedger {
    let fixture = try TemporaryLedger()
    let ledger = fixture.ledger
    try ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
    try ledger.save(
        .edit(EditRequest(description: "Nightly exports")), accountID: "a1",
        context: context("alice", at: "2026-01-02T00:00:00Z"))
    try ledger.save(
        .edit(EditRequest(name: "Exports EU", secrets: ["secretKey": Secret("secret-2")])), accountID: "a1",
        context: context(at: "2026-01-03T00:00:00Z"))
    try ledger.save(s3Connect(name: "Archive"), accountID: "a2", context: context(at: "2026-01-04T00:00:00Z"))
    return fixture
}

@Suite struct TamperTests {
    @Test func untouchedLogVerifies() throws {
        let fixture = try populatedLedger()
        let report = try fixture.ledger.verify()
        #expect(report.eventCount == 5)
        #expect(report.accountCount == 2)
        #expect(report.headHash == (try RawLedgerFile(path: fixture.path).events().last?.hash))
    }

    @Test func emptyLogVerifies() throws {
        let fixture = try TemporaryLedger()
        let report = try fixture.ledger.verify()
        #expect(report.eventCount == 0)
        #expect(report.headHash == RecordedEvent.genesisHash)
    }

    @Test func editedPayloadIsCaught() throws {
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).execute(
            "UPDATE events SET payload = replace(payload, 'Nightly', 'Weekly') WHERE position = 2")
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 2)
        #expect(failure?.detail.contains("does not match the hash of its contents") == true)
    }

    @Test func payloadBytesThatAreNotUTF8MakeAReadAsOfAMomentFail() throws {
        let fixture = try populatedLedger()
        fixture.checksEventSchemas = false
        try RawLedgerFile(path: fixture.path).execute(
            "UPDATE events SET payload = substr(payload, 1, 5) || CAST(X'FF' AS TEXT) || substr(payload, 6) WHERE position = 2")
        #expect {
            _ = try fixture.ledger.account(id: "a1", at: TimePoint(asOf: .max))
        } throws: { error in
            guard case .corruptEvent(let position, let detail) = error as? LedgerError else { return false }
            return position == 2 && detail.contains("invalid UTF-8 byte 0xFF")
        }
    }

    @Test func changedActorIsCaught() throws {
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).execute("UPDATE events SET actor = 'mallory' WHERE position = 2")
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 2)
        #expect(failure?.detail.contains("altered") == true)
    }

    @Test func deletedRowIsCaught() throws {
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM events WHERE position = 3")
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 3)
        #expect(failure?.detail.contains("position 3 is missing") == true)
    }

    @Test func swappedRowsAreCaught() throws {
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).execute("""
            UPDATE events SET position = -1 WHERE position = 3;
            UPDATE events SET position = 3 WHERE position = 4;
            UPDATE events SET position = 4 WHERE position = -1;
            """)
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 3)
    }

    @Test func forgedAppendWithValidChainIsCaughtByReplay() throws {
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).appendForged { head in
            var forged = head
            forged.version = head.version + 1
            forged.type = "AccountRenamed"
            forged.payloadText = #"{"from":"Archive","to":"Hijacked"}"#
            forged.actor = "mallory"
            return forged
        }
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 5)
        #expect(failure?.detail.contains("projection accounts holds a row that a replay does not produce, for account a2") == true)
    }

    @Test func rewrittenHistoryWithRecomputedChainPassesWithoutReceipt() throws {
        // An attacker who rewrites the event, recomputes the chain and fixes
        // the audit row leaves a log that is consistent on its own; this is
        // what receipts are for.
        let fixture = try populatedLedger()
        try blameMallory(fixture)
        #expect(try fixture.ledger.verify().eventCount == 5)
    }

    @Test func rewrittenHistoryWithRecomputedChainIsCaughtByReceipt() throws {
        let fixture = try populatedLedger()
        let receipt = try fixture.ledger.digest()
        try blameMallory(fixture)
        let failure = verificationFailure { _ = try fixture.ledger.verify(receipt: receipt) }
        #expect(failure?.position == 5)
        #expect(failure?.detail.contains("differs from the receipt") == true)
    }

    @Test func renameFromOtherNameIsCaughtAfterRebuild() throws {
        // Re-hashing and rebuilding make the chain and the projections
        // agree, but no save renames an account from a name it did not have.
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).rewrite(position: 3, rechain: true) { event in
            event.payloadText = #"{"from":"Somebody else's","to":"Exports EU"}"#
        }
        try fixture.ledger.rebuildProjections()
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 3)
        #expect(failure?.detail == "renames the account from a name it did not have")
    }

    @Test func changeAfterDeleteIsCaughtAfterRebuild() throws {
        let fixture = try populatedLedger()
        try fixture.ledger.save(.delete(force: false), accountID: "a2", context: context(at: "2026-01-05T00:00:00Z"))
        try RawLedgerFile(path: fixture.path).appendForged { head in
            var forged = head
            forged.version = head.version + 1
            forged.type = "AccountRenamed"
            forged.payloadText = #"{"from":"Archive","to":"Back again"}"#
            return forged
        }
        try fixture.ledger.rebuildProjections()
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 7)
        #expect(failure?.detail == "AccountRenamed after the account was deleted; a deleted account takes no change")
    }

    @Test func rewriteWithoutRechainNamesFirstBrokenLink() throws {
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).rewrite(position: 2, rechain: false) { event in
            event.actor = "mallory"
            event.hash = event.computeHash()
        }
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 3)
        #expect(failure?.detail.contains("prev_hash") == true)
    }

    @Test func truncatedEndIsCaughtByReplay() throws {
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM events WHERE position = 5")
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 5)
        #expect(failure?.detail.contains("projection accounts holds a row") == true)
    }

    @Test func truncationWithProjectionsTidiedPassesWithoutReceipt() throws {
        let fixture = try populatedLedger()
        try truncateLastAccount(fixture)
        #expect(try fixture.ledger.verify().eventCount == 4)
    }

    @Test func truncationWithProjectionsTidiedIsCaughtByReceipt() throws {
        let fixture = try populatedLedger()
        let receipt = try fixture.ledger.digest()
        try truncateLastAccount(fixture)
        let failure = verificationFailure { _ = try fixture.ledger.verify(receipt: receipt) }
        #expect(failure?.position == 5)
        #expect(failure?.detail.contains("events were removed from the end") == true)
    }

    /// A receipt carries no ledger identity, so a receipt from another
    /// ledger reads as a rewritten log, and the message must allow for it.
    @Test func receiptOfOtherLedgerNamesThatCause() throws {
        let fixture = try populatedLedger()
        let other = try populatedLedger()
        try other.ledger.save(s3Connect(name: "Extra"), accountID: "extra", context: context(at: "2026-03-01T00:00:00Z"))
        let receipt = try other.ledger.digest()

        let failure = verificationFailure { _ = try fixture.ledger.verify(receipt: receipt, receiptSource: "other.json") }

        #expect(failure?.detail.hasPrefix("receipt other.json: ") == true, "\(String(describing: failure))")
        #expect(failure?.detail.hasSuffix("unless the receipt was taken from another ledger") == true, "\(String(describing: failure))")
    }

    @Test func editedProjectionIsCaught() throws {
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).execute("UPDATE accounts SET name = 'Renamed quietly' WHERE account_id = 'a1'")
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 4)
        #expect(failure?.detail.contains("projection accounts") == true)
    }

    @Test func editedVersionRowIsCaught() throws {
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).execute("UPDATE account_versions SET name = 'Quiet' WHERE account_id = 'a1' AND version = 2")
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 2)
        #expect(failure?.detail.contains("projection account_versions holds a row that a replay does not produce, for account a1") == true)
    }

    @Test func deletedVersionRowIsCaught() throws {
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM account_versions WHERE account_id = 'a1' AND version = 3")
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 3)
        #expect(failure?.detail.contains("projection account_versions lacks or alters a row that a replay produces, for account a1") == true)
    }

    @Test func projectionRowsOfAnAccountWithoutEventsAreCaught() throws {
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).execute("""
            INSERT INTO accounts SELECT 'ghost', name, description, destination, connection_type, username,
                dataflow_count, authorized_at, expires_at, deleted, version, created_at, updated_at, last_position, state
            FROM accounts WHERE account_id = 'a2'
            """)
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 5)
        #expect(failure?.detail.contains("projection accounts holds a row that a replay does not produce, for account ghost") == true)
    }

    @Test func canonicallyEquivalentRewriteOfAProjectionIsCaught() throws {
        // "é" as one code point and as "e" plus a combining accent compare
        // equal as Swift strings; verify compares the stored bytes.
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(name: "Caf\u{E9}"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try RawLedgerFile(path: fixture.path).execute("UPDATE account_versions SET name = 'Cafe' || char(769)")
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.detail.contains("projection account_versions holds a row") == true)
    }

    @Test func deletedCheckpointRowIsCaughtAndRebuilt() throws {
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM projection_checkpoints WHERE projection = 'accounts'")
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 5)
        #expect(failure?.detail.contains("projection accounts has no row in projection_checkpoints") == true)
        try fixture.ledger.rebuildProjections(["accounts"])
        #expect(try fixture.ledger.verify().eventCount == 5)
    }

    @Test func deletedAuditRowIsCaught() throws {
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM credential_changes WHERE position = 4")
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 4)
        #expect(failure?.detail.contains("projection credential_changes lacks") == true)
    }

    @Test func nonCanonicalPayloadIsCaught() throws {
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).rewrite(position: 2, rechain: true) {
            $0.payloadText = $0.payloadText.replacingOccurrences(of: ":", with: ": ")
        }
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 2)
        #expect(failure?.detail.contains("canonical") == true)
    }

    @Test func occurredTimeGoingBackIsCaught() throws {
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).rewrite(position: 2, rechain: true) {
            $0.occurredAt = time("2025-12-31T00:00:00Z")
        }
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 2)
        #expect(failure?.detail.contains("occurred_at") == true)
    }

    @Test func recordedTimeGoingBackIsCaught() throws {
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).rewrite(position: 5, rechain: true) { $0.recordedAt = 1 }
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 5)
        #expect(failure?.detail.contains("recorded_at") == true)
    }

    @Test func versionGapIsCaught() throws {
        let fixture = try populatedLedger()
        try RawLedgerFile(path: fixture.path).rewrite(position: 2, rechain: true) { $0.version = 7 }
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 2)
        #expect(failure?.detail.contains("expected version 2") == true)
    }

    @Test func unknownEventTypeIsCaught() throws {
        let fixture = try populatedLedger()
        fixture.checksEventSchemas = false
        try RawLedgerFile(path: fixture.path).rewrite(position: 2, rechain: true) { $0.type = "AccountTeleported" }
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 2)
        #expect(failure?.detail.contains("does not match its schema") == true, "\(failure?.detail ?? "")")
    }

    @Test func payloadOutsideItsSchemaIsCaught() throws {
        let fixture = try populatedLedger()
        fixture.checksEventSchemas = false
        try RawLedgerFile(path: fixture.path).rewrite(position: 2, rechain: true) {
            $0.payloadText = #"{"from":"","to":7}"#
        }
        let failure = verificationFailure { _ = try fixture.ledger.verify() }
        #expect(failure?.position == 2)
        #expect(failure?.detail.contains("does not match its schema") == true)
    }

    /// Rewrites the actor of position 2 in the log and its audit row, and
    /// recomputes the hash chain from there.
    private func blameMallory(_ fixture: TemporaryLedger) throws {
        let file = try RawLedgerFile(path: fixture.path)
        try file.rewrite(position: 2, rechain: true) { $0.actor = "mallory" }
        try file.execute("UPDATE credential_changes SET actor = 'mallory' WHERE position = 2")
    }

    /// Removes the last event and every projection row of account a2, as a
    /// careful attacker would, leaving a log that is consistent on its own.
    private func truncateLastAccount(_ fixture: TemporaryLedger) throws {
        try RawLedgerFile(path: fixture.path).execute("""
            DELETE FROM events WHERE position = 5;
            DELETE FROM accounts WHERE account_id = 'a2';
            DELETE FROM account_versions WHERE account_id = 'a2';
            DELETE FROM credential_changes WHERE account_id = 'a2';
            UPDATE projection_checkpoints SET position = 4;
            """)
    }
}
