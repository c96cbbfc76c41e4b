@testable import AccountLedger
import Testing

/// `nameContains` compares case-folded, canonically equivalent text, and
/// matches whole characters only.
@Suite struct AccountNameMatchTests {
    private func ids(containing piece: String) throws -> [String] {
        let fixture = try TemporaryLedger()
        let names = [
            ("a-nfc", "\u{C9}mile"), ("a-nfd", "E\u{301}mile"), ("cafe", "Cafe"), ("street", "Hauptstraße"),
            ("greek", "ΟΔΟΣ"),
        ]
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
}
