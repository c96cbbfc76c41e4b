@testable import AccountLedger
import Testing

/// Paths in the commands that messages suggest are quoted as one shell
/// word, so that pasting the command cannot split the path or run
/// anything inside it.
@Suite struct ShellWordTests {
    @Test(arguments: ["ledger.sqlite", "/var/lib/ledger/main.sqlite", "a@b:c,d+e=f%g"])
    func plainWordStaysAsItIs(_ word: String) {
        #expect(word.quotedAsShellWord() == word)
    }

    @Test func spaceIsQuoted() {
        #expect("my ledger.sqlite".quotedAsShellWord() == "'my ledger.sqlite'")
    }

    @Test func commandSubstitutionIsQuoted() {
        #expect("$(rm -rf x).sqlite".quotedAsShellWord() == "'$(rm -rf x).sqlite'")
    }

    @Test func singleQuoteIsClosedAndEscaped() {
        #expect("it's.sqlite".quotedAsShellWord() == "'it'\\''s.sqlite'")
    }

    @Test func emptyWordIsTwoQuotes() {
        #expect("".quotedAsShellWord() == "''")
    }

    @Test func nonASCIIIsQuoted() {
        #expect("café.sqlite".quotedAsShellWord() == "'café.sqlite'")
    }

    /// `chmod 600 -k.key` read `-k` as an option, so the suggested command
    /// changed nothing.
    @Test func pathStartingWithDashGetsDotSlash() {
        #expect("-k.key".quotedAsShellPath() == "./-k.key")
        #expect("--help".quotedAsShellPath() == "./--help")
    }

    @Test func otherPathsStayWords() {
        #expect("/tmp/-k.key".quotedAsShellPath() == "/tmp/-k.key")
        #expect("my key".quotedAsShellPath() == "'my key'")
    }

    /// The message a tester copied: a path with `$(...)` in it.
    @Test func missingLedgerMessageQuotesPath() throws {
        let path = "/tmp/$(touch x) ledger.sqlite"
        let error = try #require(throws: LedgerError.self) { try Ledger(path: path, access: .read) }

        #expect("\(error)".contains("run `ledger init --db '/tmp/$(touch x) ledger.sqlite'` first"), "\(error)")
    }
}
