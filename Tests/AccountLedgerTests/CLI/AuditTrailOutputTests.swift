import AccountLedger
import Foundation
import Testing

/// `ledger audit` prints the trail as it reads it. Its output must stay
/// byte for byte what the build that held the whole trail in memory printed.
@Suite struct AuditTrailOutputTests {
    /// Returns the fixture ledger of schema version 5, upgraded by a save
    /// that changes nothing, so its trail has the rows of today's schema.
    private func fixtureLedger() throws -> CommandLineLedger {
        let ledger = try CommandLineLedger()
        try ledger.replace(withFixture: "schema5-ledger.sql")
        let upgrade = try ledger.run(["edit", "s3", "--name", "Exports"])
        try #require(upgrade.status == 0, "\(upgrade.standardError)")
        return ledger
    }

    private func expectedOutput(_ name: String) throws -> String {
        let file = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/audit-output/\(name)")
        return try String(contentsOf: file, encoding: .utf8)
    }

    @Test(arguments: [
        ([String](), "schema5-audit.txt"),
        (["--csv"], "schema5-audit.csv"),
        (["--json"], "schema5-audit.jsonl"),
        (["--kind", "credentials", "--destination", "sftp", "--actor", "alice"], "schema5-audit-filtered.txt"),
        (["--kind", "credentials", "--destination", "sftp", "--actor", "alice", "--csv"], "schema5-audit-filtered.csv"),
    ])
    func outputEqualsEarlierBuild(options: [String], expectedFile: String) throws {
        let ledger = try fixtureLedger()
        let output = try ledger.run(["audit"] + options)
        #expect(output.status == 0, "\(output.standardError)")
        #expect(Array(output.standardOutput.utf8) == Array(try expectedOutput(expectedFile).utf8))
    }

    @Test func emptyTableKeepsHeaderAndCount() throws {
        let ledger = try fixtureLedger()
        let output = try ledger.run(["audit", "--since", "2030-01-01"])
        #expect(output.standardOutput == """
            WHEN  ACTOR  ACCOUNT  NAME  DESTINATION  KIND  CHANGE  FIELD  OLD  NEW  REASON  CORRELATION  RECORDED
            0 change(s)

            """)
    }

    @Test func emptyCSVKeepsHeader() throws {
        let ledger = try fixtureLedger()
        let output = try ledger.run(["audit", "--since", "2030-01-01", "--csv"])
        #expect(output.standardOutput == "WHEN,ACTOR,ACCOUNT,NAME,DESTINATION,KIND,CHANGE,FIELD,OLD,NEW,REASON,CORRELATION,RECORDED\r\n")
    }

    /// The first pass measures the cells as the table shows them, so a
    /// wide name and an escaped invisible character keep columns aligned.
    /// The CSV header once went out before the account was looked up, so
    /// a redirected output looked like an empty trail.
    @Test(arguments: [[String](), ["--csv"], ["--json"]])
    func unknownAccountPrintsNothing(options: [String]) throws {
        let ledger = try fixtureLedger()

        let output = try ledger.run(["audit", "--account", "nosuch"] + options)

        #expect(output.status == 3, "\(output.standardError)")
        #expect(output.standardOutput.isEmpty, "\(output.standardOutput)")
    }

    @Test func tableMeasuresShownCells() throws {
        let ledger = try CommandLineLedger()
        for (id, name) in [("z1", "日本語"), ("z2", "a\u{200B}b"), ("z3", "abcdef")] {
            let connected = try ledger.run(["connect", "--id", id, "--destination", "data-landing-zone", "--name", name])
            try #require(connected.status == 0, "\(connected.standardError)")
        }
        let lines = try ledger.run(["audit", "--kind", "lifecycle"]).standardOutput.split(separator: "\n")
        let header = try #require(lines.first)
        let destinationColumn = try #require(displayColumn(of: "DESTINATION", in: header))
        // "a<U+200B>b" is the widest name: 10 columns, then two spaces.
        #expect(destinationColumn - (try #require(displayColumn(of: "NAME", in: header))) == 12)
        let rows = lines.dropFirst().dropLast()
        #expect(rows.count == 3)
        for row in rows {
            #expect(displayColumn(of: "  data-landing-zone", in: row).map { $0 + 2 } == destinationColumn, "\(row)")
        }
        #expect(lines.last == "3 change(s)")
    }

    /// A trail of well over 64 KiB in every format, so the first write
    /// fails while the trail is still being read.
    @Test(arguments: [[String](), ["--csv"], ["--json"]])
    func closedPipeEndsQuietly(options: [String]) throws {
        let ledger = try CommandLineLedger()
        try ledger.importAccounts(300)
        let full = try ledger.run(["audit"] + options)
        try #require(full.standardOutput.utf8.count > 128 * 1024)

        let command = (["audit"] + options).map { " '\($0)'" }.joined()
        let piped = try ledger.runShell(
            #"cd "$(dirname "$LEDGER_DB")" && { "$LEDGER""# + command + #" 2> err.txt; echo $? > status.txt; } | (exec 0<&-; sleep 1)"#)
        try #require(piped.status == 0, "\(piped.standardError)")

        let status = try String(contentsOf: ledger.folder.appendingPathComponent("status.txt"), encoding: .utf8)
        let error = try String(contentsOf: ledger.folder.appendingPathComponent("err.txt"), encoding: .utf8)
        #expect(status == "141\n")
        #expect(error.isEmpty)
    }

    /// The count line follows the last row, counted in the printing pass.
    @Test func countLineFollowsLongTable() throws {
        let ledger = try CommandLineLedger()
        try ledger.importAccounts(300)
        let rows = try ledger.run(["audit", "--csv"]).standardOutput.split(separator: "\r\n").count - 1
        let lines = try ledger.run(["audit"]).standardOutput.split(separator: "\n")
        #expect(lines.count == rows + 2)
        #expect(lines.last.map(String.init) == "\(rows) change(s)")
    }

    /// Returns the terminal column where `text` starts in `line`, counting
    /// the CJK characters of these tests as two columns.
    private func displayColumn(of text: String, in line: Substring) -> Int? {
        guard let range = line.range(of: text) else { return nil }
        return line[..<range.lowerBound].reduce(0) { total, character in
            total + ("日本語".contains(character) ? 2 : 1)
        }
    }
}
