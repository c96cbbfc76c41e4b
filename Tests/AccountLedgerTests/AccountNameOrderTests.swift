@testable import AccountLedger
import Testing

/// The accounts view sorts names by letters without accents, then with
/// them, then by the stored bytes, ignoring case beyond ASCII, and breaks
/// ties by account id, in the current view and at any moment.
@Suite struct AccountNameOrderTests {
    /// `É` as one code point (U+00C9) and as `E` and U+0301.
    static let precomposed = "\u{C9}mile"
    static let decomposed = "E\u{301}mile"

    private func ledger(_ names: [(id: String, name: String)]) throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        for (id, name) in names {
            try fixture.ledger.save(s3Connect(name: name), accountID: id, context: context(at: "2026-01-01T00:00:00Z"))
        }
        return fixture
    }

    private func ids(_ fixture: TemporaryLedger, _ configure: (inout AccountQuery) -> Void = { _ in }) throws -> [String] {
        var query = AccountQuery()
        configure(&query)
        return try fixture.ledger.accounts(query).map(\.accountID)
    }

    /// SQLite's NOCASE put the decomposed form first and the precomposed
    /// one after `Zoe`.
    @Test func bothEncodingsSortBesideE() throws {
        let fixture = try ledger([
            ("a-nfc", Self.precomposed), ("a-nfd", Self.decomposed), ("a-f", "Fabien"), ("a-z", "Zoe"),
        ])

        #expect(try ids(fixture) == ["a-nfd", "a-nfc", "a-f", "a-z"])
    }

    @Test func viewAtMomentUsesSameOrder() throws {
        let fixture = try ledger([
            ("a-nfc", Self.precomposed), ("a-nfd", Self.decomposed), ("a-f", "Fabien"), ("a-z", "Zoe"),
        ])

        #expect(try ids(fixture) { $0.at = TimePoint(asOf: time("2026-02-01")) } == ["a-nfd", "a-nfc", "a-f", "a-z"])
        #expect(try ids(fixture) { $0.at = TimePoint(knownAtPosition: 4) } == ["a-nfd", "a-nfc", "a-f", "a-z"])
    }

    @Test func accentedLatinSortsWithBaseLetter() throws {
        let fixture = try ledger([
            ("z1", "Zürich"), ("z2", "zebra"), ("z3", "Zoe"), ("a1", "Ärger"), ("a2", "Apfel"), ("b1", "banane"),
        ])

        #expect(try ids(fixture) == ["a2", "a1", "b1", "z2", "z3", "z1"])
    }

    /// NOCASE put every upper-case Cyrillic letter before every lower-case one.
    @Test func cyrillicIgnoresCase() throws {
        let fixture = try ledger([("c1", "Юрий"), ("c2", "Яна"), ("c3", "юля"), ("c4", "ягода")])

        #expect(try ids(fixture) == ["c3", "c1", "c4", "c2"])
    }

    @Test func greekIgnoresCase() throws {
        let fixture = try ledger([("g1", "Ωmega"), ("g2", "αlpha"), ("g3", "Βeta")])

        #expect(try ids(fixture) == ["g2", "g3", "g1"])
    }

    @Test func sameFoldedNameBreaksTieByBytesThenId() throws {
        let fixture = try ledger([("b", "anna"), ("c", "Anna"), ("a", "Anna")])

        // "A" (0x41) sorts before "a" (0x61), and equal names go by account id.
        #expect(try ids(fixture) == ["a", "c", "b"])
    }

    @Test func descendingReversesNameOrder() throws {
        let fixture = try ledger([("a-nfc", Self.precomposed), ("a-nfd", Self.decomposed), ("a-z", "Zoe")])

        #expect(try ids(fixture) { $0.descending = true } == ["a-z", "a-nfc", "a-nfd"])
    }

    @Test func otherSortKeysBreakTiesByName() throws {
        let fixture = try ledger([("a-z", "Zoe"), ("a-nfc", Self.precomposed), ("a-f", "fabien")])

        #expect(try ids(fixture) { $0.sort = .destination } == ["a-nfc", "a-f", "a-z"])
        #expect(try ids(fixture) { $0.sort = .destination; $0.descending = true } == ["a-nfc", "a-f", "a-z"])
    }

    @Test func missingExpiryComesLastDescending() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(name: "No expiry"), accountID: "s3", context: context(at: "2026-01-01T00:00:00Z"))
        for (id, expiry) in [("t1", "2026-03-01T00:00:00Z"), ("t2", "2026-04-01T00:00:00Z")] {
            let connect = AccountCommand.connect(ConnectRequest(
                name: "Token \(id)", destination: "in-house-crm", connectionType: .bearerToken,
                secrets: ["token": Secret("token-\(id)")], expiresAt: time(expiry)))
            try fixture.ledger.save(connect, accountID: id, context: context(at: "2026-01-01T00:00:00Z"))
        }

        #expect(try ids(fixture) { $0.sort = .expires } == ["t1", "t2", "s3"])
        #expect(try ids(fixture) { $0.sort = .expires; $0.descending = true } == ["t2", "t1", "s3"])
    }
}
