import AccountLedger
import Foundation
import Testing

/// How tables and CSV show stored values: tables are for people and keep
/// their columns aligned, CSV is for programs and keeps values as stored.
@Suite struct TableOutputTests {
    /// Returns a ledger with account `z1` named `name`.
    private func ledger(named name: String, description: String = "") throws -> CommandLineLedger {
        let ledger = try CommandLineLedger()
        let connected = try ledger.run([
            "connect", "--id", "z1", "--destination", "data-landing-zone", "--name", name, "--description", description,
        ])
        try #require(connected.status == 0, "stderr: \(connected.standardError)")
        return ledger
    }

    @Test func tableShowsTabAndLineFeedApart() throws {
        let ledger = try ledger(named: "Zone", description: "a\tb\nc")
        let output = try ledger.run(["show", "z1"]).standardOutput
        #expect(output.contains("description:          a<U+0009>b<U+000A>c\n"), "\(output)")
    }

    @Test func wideNamesKeepColumnsAligned() throws {
        // Three wide characters take the six columns of "abcdef".
        let ledger = try ledger(named: "日本語")
        let connected = try ledger.run(["connect", "--id", "z2", "--destination", "data-landing-zone", "--name", "abcdef"])
        try #require(connected.status == 0)
        let lines = try ledger.run(["accounts"]).standardOutput.split(separator: "\n")
        let wide = try #require(lines.first { $0.hasPrefix("日本語") })
        let narrow = try #require(lines.first { $0.hasPrefix("abcdef") })
        #expect(wide.dropFirst(3).hasPrefix("  data-landing-zone"), "\(wide)")
        #expect(narrow.dropFirst(6).hasPrefix("  data-landing-zone"), "\(narrow)")
    }

    @Test func emojiWithVariationSelectorIsWide() throws {
        // U+2764 U+FE0F is drawn two columns wide, as "ab" is.
        let ledger = try ledger(named: "\u{2764}\u{FE0F}")
        let connected = try ledger.run(["connect", "--id", "z2", "--destination", "data-landing-zone", "--name", "ab"])
        try #require(connected.status == 0)
        let lines = try ledger.run(["accounts"]).standardOutput.split(separator: "\n")
        let heart = try #require(lines.first { $0.hasPrefix("\u{2764}\u{FE0F}") })
        #expect(heart.dropFirst(1).hasPrefix("    data-landing-zone"), "\(heart)")
    }

    @Test func invisibleCharacterIsShown() throws {
        let ledger = try ledger(named: "ad\u{200B}min")
        let output = try ledger.run(["accounts"]).standardOutput
        #expect(output.contains("ad<U+200B>min  "), "\(output)")
    }

    @Test func csvLeavesAbsentValuesEmpty() throws {
        let ledger = try ledger(named: "Zone")
        try #require(try ledger.run(["edit", "z1", "--description", "-"]).status == 0)
        let rows = try ledger.run(["audit", "--account", "z1", "--csv"]).standardOutput.split(separator: "\r\n")
        let changed = try #require(rows.first { $0.contains(",description-changed,") })
        // FIELD, OLD (the empty description), NEW (a value that is "-"),
        // REASON (none) and CORRELATION.
        #expect(changed.contains(",description,,-,,"), "\(changed)")
        let listed = try ledger.run(["accounts", "--csv"]).standardOutput.split(separator: "\r\n")
        #expect(listed.last == "Zone,data-landing-zone,server-to-server,,0,,,active,2,z1")
    }

    /// "\r\n" is one Character, so a character test neither quoted the
    /// cell nor defused it, and the row broke in two.
    @Test func csvQuotesCarriageReturnLineFeed() throws {
        let ledger = try ledger(named: "Zone")
        try #require(try ledger.run(["edit", "z1", "--description", "x", "--reason", "\r\n=1+2"]).status == 0)
        let csv = try ledger.run(["audit", "--account", "z1", "--csv"]).standardOutput
        #expect(csv.contains(",\"'\r\n=1+2\","), "\(csv.debugDescription)")
    }

    /// "=" followed by a combining mark is one Character that is not "=".
    @Test func csvDefusesFormulaWithCombiningMark() throws {
        let ledger = try ledger(named: "=\u{301}1+1")
        let rows = try ledger.run(["accounts", "--csv"]).standardOutput.split(separator: "\r\n")
        #expect(rows.last?.hasPrefix("'=\u{301}1+1,") == true, "\(rows)")
    }

    @Test func tableMarksAbsentValuesWithDash() throws {
        let ledger = try ledger(named: "Zone")
        let lines = try ledger.run(["accounts"]).standardOutput.split(separator: "\n")
        let row = try #require(lines.first { $0.hasPrefix("Zone") })
        #expect(row.split(separator: " ", omittingEmptySubsequences: true)[3] == "-")
    }
}
