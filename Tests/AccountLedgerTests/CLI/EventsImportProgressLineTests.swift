import AccountLedger
import Foundation
import Testing

/// `ledger import --events` shows "loading: N of M events" on standard
/// error when that is a terminal, and erases the line before the summary.
@Suite struct EventsImportProgressLineTests {
    /// Exports a ledger of one account and creates an empty target ledger
    /// with the same key. Returns the export file and the target's path.
    private func exportAndTarget(_ ledger: CommandLineLedger) throws -> (file: String, target: String) {
        try #require(try ledger.connectS3("s3").status == 0)
        let file = ledger.folder.appendingPathComponent("log.jsonl").path
        try #require(try ledger.run(["export", "--output", file]).status == 0)
        let key = try String(contentsOfFile: ledger.keyPath, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        ledger.environment[FingerprintKey.environmentVariable] = key
        let target = ledger.folder.appendingPathComponent("target.sqlite").path
        try #require(try ledger.run(["init", "--db", target]).status == 0)
        return (file, target)
    }

    @Test func terminalShowsProgressThenErasesIt() throws {
        let ledger = try CommandLineLedger()
        let (file, target) = try exportAndTarget(ledger)
        let transcript = ledger.folder.appendingPathComponent("transcript").path

        let run = try ledger.runShell("""
            timeout 30 script -qec '"$LEDGER" import --db "\(target)" --events "\(file)"' /dev/null \
                < /dev/null > '\(transcript)'
            """)

        #expect(run.status == 0, "\(run.standardError)")
        let transcriptText = String(decoding: try Data(contentsOf: URL(fileURLWithPath: transcript)), as: UTF8.self)
        let progress = try #require(transcriptText.range(of: "\rloading: 1 of 1 events"), "\(transcriptText.debugDescription)")
        let erased = try #require(transcriptText.range(of: "\r\u{1B}[K"), "\(transcriptText.debugDescription)")
        let summary = try #require(transcriptText.range(of: "Loaded 1 event(s)"), "\(transcriptText.debugDescription)")
        #expect(progress.upperBound <= erased.lowerBound)
        #expect(erased.upperBound <= summary.lowerBound)
    }

    @Test func pipeGetsNoProgressLine() throws {
        let ledger = try CommandLineLedger()
        let (file, target) = try exportAndTarget(ledger)

        let output = try ledger.run(["import", "--db", target, "--events", file])

        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardError.isEmpty, "\(output.standardError)")
    }
}
