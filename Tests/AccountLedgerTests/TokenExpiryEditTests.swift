import AccountLedger
import Testing

/// What `ledger edit` does to a bearer token's expiry when the token changes.
@Suite struct TokenExpiryEditTests {
    private func bearerLedger() throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        let connect = AccountCommand.connect(ConnectRequest(
            name: "B", destination: "in-house", connectionType: .bearerToken,
            secrets: ["token": Secret("T1")], expiresAt: time("2026-02-01")))
        try fixture.ledger.save(connect, accountID: "b", context: context(at: "2026-01-01T00:00:00Z"))
        return fixture
    }

    private func editToken(_ token: String, expiresAt: Int64? = nil, in fixture: TemporaryLedger) throws -> SaveResult {
        try fixture.ledger.save(
            .edit(EditRequest(secrets: ["token": Secret(token)], expiresAt: expiresAt)),
            accountID: "b", context: context(at: "2026-03-01T00:00:00Z"))
    }

    @Test func newTokenWithoutExpiryClearsOldExpiry() throws {
        let fixture = try bearerLedger()
        let result = try editToken("T2", in: fixture)
        guard case .credentialsRotated(let change) = try decodedEvent(try #require(result.events.last)) else {
            Issue.record("expected CredentialsRotated")
            return
        }
        #expect(change.expiresAt == TimeChange(from: time("2026-02-01"), to: nil))
        #expect(try fixture.ledger.account(id: "b").expiresAt == nil)
        var query = AccountQuery()
        query.at = TimePoint(asOf: time("2026-03-01"))
        #expect(try fixture.ledger.accounts(query).map(\.status) == [.active])
    }

    @Test func newTokenWithExpiryTakesIt() throws {
        let fixture = try bearerLedger()
        _ = try editToken("T2", expiresAt: time("2026-06-01"), in: fixture)
        #expect(try fixture.ledger.account(id: "b").expiresAt == time("2026-06-01"))
    }

    @Test func sameTokenKeepsExpiry() throws {
        let fixture = try bearerLedger()
        let result = try editToken("T1", in: fixture)
        #expect(result.events.isEmpty)
        #expect(try fixture.ledger.account(id: "b").expiresAt == time("2026-02-01"))
    }
}
