@testable import AccountLedger
import Testing

/// `nameContains` matches a literal piece of the name: LIKE's wildcards in
/// it match only themselves.
@Suite struct AccountNameFilterTests {
    private func names(containing piece: String) throws -> [String] {
        let fixture = try TemporaryLedger()
        let at = context(at: "2026-01-01T00:00:00Z")
        try fixture.ledger.save(s3Connect(name: "Cafe\u{301}"), accountID: "a1", context: at)
        try fixture.ledger.save(s3Connect(name: "a_b 100%"), accountID: "a2", context: at)
        var query = AccountQuery()
        query.nameContains = piece
        return try fixture.ledger.accounts(query).map(\.name)
    }

    @Test func underscoreIsLiteral() throws {
        #expect(try names(containing: "_") == ["a_b 100%"])
    }

    @Test func percentIsLiteral() throws {
        #expect(try names(containing: "0%") == ["a_b 100%"])
    }

    /// "_" and a combining mark form one Character that is not "_", so the
    /// wildcard went unescaped and matched "e" and its mark.
    @Test func underscoreBeforeCombiningMarkIsLiteral() throws {
        #expect(try names(containing: "_\u{301}").isEmpty)
    }
}
