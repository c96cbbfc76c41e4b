import Foundation
import Testing

/// Every format of `ledger accounts` lists names in one order, in which
/// both Unicode forms of `Émile` sort beside each other, before `Fabien`.
@Suite struct AccountNameOrderCommandLineTests {
    private func connectNames() throws -> CommandLineLedger {
        let ledger = try CommandLineLedger()
        let names = [("a-nfc", "\u{C9}mile"), ("a-nfd", "E\u{301}mile"), ("a-f", "Fabien"), ("a-z", "Zoe")]
        for (id, name) in names {
            let output = try ledger.run(
                ["connect", "--id", id, "--destination", "in-house", "--type", "server-to-server", "--name", name])
            try #require(output.status == 0, "\(output.standardError)")
        }
        return ledger
    }

    /// Returns the last cell of each line after the header. CSV lines end
    /// in CR LF, which is one `Character`, so lines split on `isNewline`.
    private func lastColumn(_ text: String, separator: Character) -> [String] {
        text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            line.split(separator: separator, omittingEmptySubsequences: true).last.map(String.init)
        }
    }

    @Test func tableCsvAndJsonShareOrder() throws {
        let ledger = try connectNames()
        let expected = ["a-nfd", "a-nfc", "a-f", "a-z"]

        let table = try ledger.run(["accounts"])
        let csv = try ledger.run(["accounts", "--csv"])
        let json = try ledger.run(["accounts", "--json"])
        let asOf = try ledger.run(["accounts", "--csv", "--as-of", "2099-01-01"])

        #expect(Array(lastColumn(table.standardOutput, separator: " ").dropLast()) == expected)
        #expect(lastColumn(csv.standardOutput, separator: ",") == expected)
        #expect(lastColumn(asOf.standardOutput, separator: ",") == expected)
        let jsonIDs = try json.standardOutput.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["id"] as? String ?? ""
        }
        #expect(jsonIDs == expected)
    }

    @Test func nameContainsFindsBothForms() throws {
        let ledger = try connectNames()

        let output = try ledger.run(["accounts", "--csv", "--name-contains", "\u{E9}mile"])

        #expect(output.status == 0)
        #expect(lastColumn(output.standardOutput, separator: ",") == ["a-nfd", "a-nfc"])
    }
}
