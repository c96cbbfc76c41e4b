@testable import AccountLedger
import Foundation
import LedgerHarness
import Testing

@Suite struct EventVersionTests {
    /// Appends an event after the current head with raw SQL, hashed and
    /// chained correctly, as an older or newer build would have written it.
    /// Projections are not touched.
    private func appendRaw(
        _ fixture: TemporaryLedger, accountID: String, type: String, schemaVersion: Int, payload: String, at moment: String
    ) throws -> RecordedEvent {
        let database = try Database(path: fixture.path, mode: .readWrite)
        let head = try EventStore(db: database).head()
        let version = try database.scalarInt(
            "SELECT coalesce(max(version), 0) FROM events WHERE account_id = ?", [.text(accountID)]) ?? 0
        var event = RecordedEvent(
            position: head.position + 1, accountID: accountID, version: Int(version) + 1, type: type,
            schemaVersion: schemaVersion, occurredAt: time(moment), recordedAt: max(head.recordedAt, Clock.nowMilliseconds()),
            actor: "older-build", reason: "rotation", correlationID: "c-raw", idempotencyKey: nil,
            payloadText: JSONWriter.canonical(try JSONParser.parse(payload)), previousHash: head.hash, hash: "")
        event.hash = event.computeHash()
        try database.run("""
            INSERT INTO events (position, account_id, version, type, schema_version, occurred_at, recorded_at, actor,
                reason, correlation_id, idempotency_key, payload, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)
            """, [
                .integer(event.position), .text(accountID), .integer(Int64(event.version)), .text(type),
                .integer(Int64(schemaVersion)), .integer(event.occurredAt), .integer(event.recordedAt), .text(event.actor),
                .text("rotation"), .text("c-raw"), .text(event.payloadText), .text(event.previousHash), .text(event.hash),
            ])
        return event
    }

    /// A version 1 `CredentialsRotated` payload that rotates secretKey to `newSecret`.
    private func version1Rotation(_ fixture: TemporaryLedger, from oldSecret: String, to newSecret: String) throws -> String {
        let key = try fixture.ledger.fingerprintKey()
        let old = key.fingerprint(Secret(oldSecret)).hex
        let new = key.fingerprint(Secret(newSecret)).hex
        return """
            {"secrets": {"secretKey": {"from": {"fingerprint": "\(old)"}, "to": {"fingerprint": "\(new)"}}}}
            """
    }

    @Test func everyTypeIsFoundByItsStoredNameAndNothingElse() {
        for type in EventType.allCases {
            #expect(EventType.named(type.rawValue) == type)
        }
        #expect(EventType.named("accountRenamed") == nil)
        #expect(EventType.named("") == nil)
    }

    @Test func rotationIsWrittenAtVersionTwo() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let result = try fixture.ledger.save(
            .edit(EditRequest(secrets: ["secretKey": Secret("k2")])), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        #expect(result.events.map(\.schemaVersion) == [2])
        #expect(result.events[0].payloadText.hasPrefix("{\"changes\":[{\"field\":\"secretKey\",\"from\":"))
    }

    @Test func version1PayloadUpcastsToCurrentShape() throws {
        let fixture = try TemporaryLedger()
        let payload = try JSONParser.parse(try version1Rotation(fixture, from: "secret-1", to: "k2"))
        let decoded = try EventCodec.decode(type: "CredentialsRotated", schemaVersion: 1, payload: payload, position: 9)
        let key = try fixture.ledger.fingerprintKey()
        let expected = CredentialChange(secrets: [
            "secretKey": FingerprintChange(from: key.fingerprint(Secret("secret-1")), to: key.fingerprint(Secret("k2")))
        ])
        #expect(decoded.event == .credentialsRotated(expected))
        let reencoded = EventCodec.encode(.credentialsRotated(expected))
        #expect(try EventCodec.decode(type: "CredentialsRotated", schemaVersion: 2, payload: reencoded, position: 9).event == decoded.event)
    }

    @Test func storedVersion1EventReadsCorrectly() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(secretKey: "secret-1"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        _ = try appendRaw(
            fixture, accountID: "a1", type: "CredentialsRotated", schemaVersion: 1,
            payload: try version1Rotation(fixture, from: "secret-1", to: "k2"), at: "2026-01-02T00:00:00Z")
        let key = try fixture.ledger.fingerprintKey()
        let asOf = try fixture.ledger.account(id: "a1", at: TimePoint(asOf: time("2026-01-03")))
        #expect(asOf.credentials["secretKey"] == key.fingerprint(Secret("k2")))
        #expect(asOf.credentialsChangedAt == time("2026-01-02T00:00:00Z"))
        let history = try fixture.ledger.history(accountID: "a1")
        #expect(try history.last?.decodedEvent() == .credentialsRotated(CredentialChange(secrets: [
            "secretKey": FingerprintChange(from: key.fingerprint(Secret("secret-1")), to: key.fingerprint(Secret("k2")))
        ])))
        try fixture.ledger.rebuildProjections()
        #expect(try fixture.ledger.account(id: "a1").credentials["secretKey"] == key.fingerprint(Secret("k2")))
        #expect(try fixture.ledger.credentialUsage(of: Secret("k2")).map(\.from) == [time("2026-01-02T00:00:00Z")])
        #expect(try fixture.ledger.verify().eventCount == 2)
    }

    @Test func unknownTypeIsNamedByEveryRead() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        _ = try appendRaw(
            fixture, accountID: "a1", type: "AccountTeleported", schemaVersion: 1, payload: "{\"to\": \"mars\"}",
            at: "2026-01-02T00:00:00Z")
        let unknown = LedgerError.unknownEventType("AccountTeleported", position: 2)
        #expect(throws: unknown) { try fixture.ledger.account(id: "a1") }
        #expect(throws: unknown) { try fixture.ledger.account(id: "a1", at: TimePoint(asOf: time("2026-01-03"))) }
        #expect(throws: unknown) { try fixture.ledger.history(accountID: "a1") }
        let before = try ProjectionDump(path: fixture.path)
        #expect(throws: unknown) { try fixture.ledger.rebuildProjections() }
        #expect(try ProjectionDump(path: fixture.path) == before)
        // The schema check of the test fixture would flag the planted event.
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM events WHERE position = 2")
    }

    @Test func unknownTypeFailsCommandsWithIntegrityStatus() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        _ = try appendRaw(
            fixture, accountID: "a1", type: "AccountTeleported", schemaVersion: 1, payload: "{}", at: "2026-01-02T00:00:00Z")
        let commands = [
            ["show", "a1"], ["history", "a1"], ["history", "a1", "--json"], ["audit", "stale", "--older-than", "1d"],
            ["rebuild"],
        ]
        for arguments in commands {
            let output = try LedgerProcess.run(arguments + ["--db", fixture.path])
            #expect(output.status == 8, "\(arguments): \(output.standardError)")
            #expect(output.standardError.contains("AccountTeleported"), "\(arguments): \(output.standardError)")
            #expect(output.standardError.contains("position 2"), "\(arguments): \(output.standardError)")
        }
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM events WHERE position = 2")
    }

    @Test func staleReportNamesFirstUnknownEventOfLog() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(s3Connect(), accountID: "a2", context: context(at: "2026-01-01T00:00:00Z"))
        _ = try appendRaw(
            fixture, accountID: "a2", type: "AccountTeleported", schemaVersion: 1, payload: "{}", at: "2026-01-02T00:00:00Z")
        _ = try appendRaw(
            fixture, accountID: "a1", type: "AccountFrozen", schemaVersion: 1, payload: "{}", at: "2026-01-02T00:00:00Z")
        // The report checks the log once, not each account, so it names the
        // log's first unreadable event even though a1 sorts first.
        #expect(throws: LedgerError.unknownEventType("AccountTeleported", position: 3)) {
            try fixture.ledger.staleAccounts(olderThan: 0)
        }
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM events WHERE position >= 3")
    }

    @Test func staleReportAtPastMomentNamesUnknownEvent() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        _ = try appendRaw(
            fixture, accountID: "a1", type: "AccountTeleported", schemaVersion: 1, payload: "{}", at: "2026-01-02T00:00:00Z")
        #expect(throws: LedgerError.unknownEventType("AccountTeleported", position: 2)) {
            try fixture.ledger.staleAccounts(olderThan: 0, at: TimePoint(asOf: time("2026-01-03")))
        }
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM events WHERE position = 2")
    }

    /// Stores a snapshot of `state` at the version and position of `event`,
    /// as a newer build that can read `event` would have written it.
    private func storeSnapshot(_ fixture: TemporaryLedger, _ state: AccountState, after event: RecordedEvent) throws {
        var state = state
        state.version = event.version
        let database = try Database(path: fixture.path, mode: .readWrite)
        try database.run(AccountSnapshots.insertSQL, AccountSnapshots.row(event, after: state))
    }

    @Test func foldNamesUnknownEventBeforeSnapshot() throws {
        // A fold from the snapshot never decoded the event before it, so
        // the state was shown as if that event had been understood.
        let fixture = try TemporaryLedger()
        fixture.checksEventSchemas = false
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let state = try fixture.ledger.account(id: "a1")
        let unknown = try appendRaw(
            fixture, accountID: "a1", type: "AccountTeleported", schemaVersion: 1, payload: "{}", at: "2026-01-02T00:00:00Z")
        try storeSnapshot(fixture, state, after: unknown)
        let moment = TimePoint(asOf: time("2026-01-03"))
        let expected = LedgerError.unknownEventType("AccountTeleported", position: 2)
        #expect(throws: expected) { try fixture.ledger.account(id: "a1", at: moment) }
        #expect(throws: expected) { try fixture.ledger.staleAccounts(olderThan: 0, at: moment) }
    }

    @Test func pastReadsIgnoreUnknownEventAfterMoment() throws {
        let fixture = try TemporaryLedger()
        fixture.checksEventSchemas = false
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        _ = try appendRaw(
            fixture, accountID: "a1", type: "AccountTeleported", schemaVersion: 1, payload: "{}", at: "2026-01-05T00:00:00Z")
        let moment = TimePoint(asOf: time("2026-01-03"))
        #expect(try fixture.ledger.account(id: "a1", at: moment).version == 1)
        #expect(try fixture.ledger.staleAccounts(olderThan: 0, at: moment).map(\.id) == ["a1"])
        #expect(try fixture.ledger.staleAccounts(olderThan: 0, at: TimePoint(knownAtPosition: 1)).map(\.id) == ["a1"])
    }

    @Test func readabilityChecksUseIndexes() throws {
        let fixture = try TemporaryLedger()
        let database = try Database(path: fixture.path, mode: .readOnly)
        func plan(_ sql: String, _ values: [SQLiteValue]) throws -> [String] {
            try database.statement("EXPLAIN QUERY PLAN " + sql).rows(values) { $0.string(3) }
        }
        // One account's check seeks that account's events.
        let account = try plan(Ledger.accountEventKindsSQL, [.text("a1"), .integer(.max), .integer(.max)])
        #expect(account.contains("SEARCH events USING INDEX sqlite_autoindex_events_1 (account_id=?)"))
        // The check of the whole log reads the table in position order and
        // stops at the moment's position.
        let log = try plan(Ledger.logEventKindsSQL, [.integer(5), .integer(.max)])
        #expect(log.contains("SEARCH events USING INTEGER PRIMARY KEY (rowid<?)"))
    }

    @Test func newerSchemaVersionIsNamed() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        _ = try appendRaw(
            fixture, accountID: "a1", type: "AccountRenamed", schemaVersion: 7, payload: "{\"from\": \"a\", \"to\": \"b\"}",
            at: "2026-01-02T00:00:00Z")
        #expect(throws: LedgerError.unknownEventType("AccountRenamed schema version 7", position: 2)) {
            try fixture.ledger.history(accountID: "a1")
        }
        try RawLedgerFile(path: fixture.path).execute("DELETE FROM events WHERE position = 2")
    }
}
