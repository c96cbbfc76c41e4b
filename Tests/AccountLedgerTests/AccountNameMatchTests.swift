@testable import AccountLedger
import Testing

/// `nameContains` compares case-folded, canonically equivalent text, and
/// matches whole characters only.
@Suite struct AccountNameMatchTests {
    static let names = [
        ("a-nfc", "\u{C9}mile"), ("a-nfd", "E\u{301}mile"), ("cafe", "Cafe"), ("street", "Hauptstraße"),
        ("greek", "ΟΔΟΣ"),
    ]

    private func ids(containing piece: String, names: [(String, String)] = names) throws -> [String] {
        let fixture = try TemporaryLedger()
        for (id, name) in names {
            try fixture.ledger.save(s3Connect(name: name), accountID: id, context: context(at: "2026-01-01T00:00:00Z"))
        }
        var query = AccountQuery()
        query.nameContains = piece
        return try fixture.ledger.accounts(query).map(\.accountID)
    }

    @Test func precomposedPieceFindsBothForms() throws {
        #expect(try ids(containing: "\u{C9}mi") == ["a-nfd", "a-nfc"])
    }

    @Test func decomposedPieceFindsBothForms() throws {
        #expect(try ids(containing: "E\u{301}mi") == ["a-nfd", "a-nfc"])
    }

    @Test func lowerCaseAccentFindsBothForms() throws {
        #expect(try ids(containing: "\u{E9}") == ["a-nfd", "a-nfc"])
        #expect(try ids(containing: "e\u{301}") == ["a-nfd", "a-nfc"])
    }

    @Test func loneCombiningAccentFindsNothing() throws {
        #expect(try ids(containing: "\u{301}").isEmpty)
    }

    @Test func accentedLetterIsNotBaseLetter() throws {
        #expect(try ids(containing: "cafe\u{301}").isEmpty)
        #expect(try ids(containing: "emi").isEmpty)
    }

    @Test func fullCaseFoldingMatches() throws {
        #expect(try ids(containing: "STRASSE") == ["street"])
        #expect(try ids(containing: "οδος") == ["greek"])
    }

    /// ASCII names are compared byte by byte, and must still follow the
    /// rule that non-ASCII names follow.
    @Test func asciiAndNonASCIINamesMatchAlike() throws {
        let names = Self.names + [("ascii-street", "Strasse 1"), ("ascii-cafe", "CAFE"), ("kilo", "kilo")]

        #expect(try ids(containing: "strasse", names: names) == ["street", "ascii-street"])
        #expect(try ids(containing: "\u{DF}", names: names) == ["street", "ascii-street"])
        #expect(try ids(containing: "cafe", names: names) == ["ascii-cafe", "cafe"])
        #expect(try ids(containing: "caf\u{E9}", names: names).isEmpty)
        #expect(try ids(containing: "\u{212A}", names: names) == ["kilo"])
        #expect(try ids(containing: "MILE", names: names) == ["a-nfd", "a-nfc"])
    }
}
