import Foundation
import Testing

/// `export --output` paths that can name no new file: each is rejected with
/// status 5 and a message naming the output file, before the export is
/// written anywhere, even under a hidden name.
@Suite struct OutputPathTests {
    /// Runs `export --output PATH` from the ledger's folder, so that a
    /// relative path appears in the message as typed, and checks that the
    /// folder contains the same files afterwards.
    private func expectRejected(
        _ path: String,
        message: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        try FileManager.default.createDirectory(
            atPath: ledger.folder.appendingPathComponent("folder").path, withIntermediateDirectories: false)
        let filesBefore = try FileManager.default.contentsOfDirectory(atPath: ledger.folder.path).sorted()
        let output = try ledger.runShell(
            #"cd "$(dirname "$LEDGER_DB")" && exec "$LEDGER" export --output '"# + path + "'")
        #expect(output.status == 5, sourceLocation: sourceLocation)
        #expect(output.standardError == "Error: " + message + "\n", sourceLocation: sourceLocation)
        #expect(output.standardOutput.isEmpty, sourceLocation: sourceLocation)
        let filesAfter = try FileManager.default.contentsOfDirectory(atPath: ledger.folder.path).sorted()
        #expect(filesAfter == filesBefore, sourceLocation: sourceLocation)
    }

    @Test func outputPathEndingInSlash() throws {
        try expectRejected(
            "sub/",
            message: "output file sub/ cannot be created: the path ends in /, so it names a folder; give a file name")
        try expectRejected(
            "folder/",
            message: "output file folder/ cannot be created: the path ends in /, so it names a folder; give a file name")
    }

    @Test func outputInMissingFolder() throws {
        try expectRejected(
            "sub/log.jsonl",
            message: "output file sub/log.jsonl cannot be created: folder sub does not exist; "
                + "create it first, or choose a path in an existing folder")
    }

    @Test func outputUnderPlainFile() throws {
        try expectRejected(
            "ledger.sqlite/log.jsonl",
            message: "output file ledger.sqlite/log.jsonl cannot be created: ledger.sqlite is not a folder; "
                + "choose a path in an existing folder")
    }
}
