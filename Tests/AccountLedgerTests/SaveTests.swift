import AccountLedger
import Foundation
import Testing

@Suite struct SaveTests {
    @Test func connectAppendsOneEventAtVersionOne() throws {
        let fixture = try TemporaryLedger()
        let result = try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        #expect(result.events.count == 1)
        #expect(result.events[0].type == "AccountConnected")
        #expect(result.events[0].version == 1)
        #expect(result.events[0].position == 1)
        #expect(result.events[0].previousHash == RecordedEvent.genesisHash)
    }

    @Test func shortAccessKeyIDKeepsNoHint() throws {
        let fixture = try TemporaryLedger()
        for (id, keyID) in [("short", "K9"), ("eleven", "AKIA1234567"), ("twelve", "AKIA12345678")] {
            let connect = AccountCommand.connect(ConnectRequest(
                name: id, destination: "amazon-s3",
                secrets: ["accessKeyId": Secret(keyID), "secretKey": Secret("secret-1")]))
            try fixture.ledger.save(connect, accountID: id, context: context(at: "2026-01-01T00:00:00Z"))
        }
        #expect(try fixture.ledger.account(id: "short").credentials["accessKeyId"]?.hint == nil)
        #expect(try fixture.ledger.account(id: "eleven").credentials["accessKeyId"]?.hint == nil)
        #expect(try fixture.ledger.account(id: "twelve").credentials["accessKeyId"]?.hint == "…5678")
    }

    @Test func renameAndRotateShareOneCorrelationID() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let edit = EditRequest(name: "Renamed", secrets: ["secretKey": Secret("secret-2")])
        let result = try fixture.ledger.save(.edit(edit), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        #expect(result.events.map(\.type) == ["AccountRenamed", "CredentialsRotated"])
        #expect(result.events[0].correlationID == result.events[1].correlationID)
    }

    @Test func correlationIDIsALowerCaseVersion4UUID() throws {
        let fixture = try TemporaryLedger()
        let first = try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let second = try fixture.ledger.save(s3Connect(), accountID: "a2", context: context(at: "2026-01-01T00:00:00Z"))
        let id = first.events[0].correlationID
        let characters = Array(id)
        #expect(UUID(uuidString: id) != nil)
        #expect(id == id.lowercased())
        #expect(characters[14] == "4")
        #expect("89ab".contains(characters[19]))
        #expect(second.events[0].correlationID != id)
    }

    @Test func saveThatChangesNothingAppendsNothing() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let same = EditRequest(name: "Exports", secrets: ["secretKey": Secret("secret-1")])
        let result = try fixture.ledger.save(.edit(same), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        #expect(result.events.isEmpty)
        #expect(try fixture.ledger.eventCount() == 1)
    }

    @Test func staleExpectedVersionIsAConflict() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        #expect(throws: LedgerError.versionConflict(accountID: "a1", expected: 0, actual: 1)) {
            try fixture.ledger.save(
                .edit(EditRequest(name: "Other")), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z", expecting: 0))
        }
        #expect(try fixture.ledger.eventCount() == 1)
    }

    @Test func hashChainLinksConsecutiveEvents() throws {
        let fixture = try TemporaryLedger()
        let first = try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let second = try fixture.ledger.save(
            .edit(EditRequest(name: "Two")), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        #expect(second.events[0].previousHash == first.events[0].hash)
        #expect(second.events[0].hash == second.events[0].computeHash())
    }
}
