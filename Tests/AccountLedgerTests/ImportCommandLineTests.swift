import AccountLedger
import Foundation
import Testing

/// `ledger import` run as a child process: output, exit statuses, and
/// secrets that must appear nowhere.
@Suite struct ImportCommandLineTests {
    /// A folder for snapshot files, apart from the ledger's folder so that
    /// scanning the ledger's files does not find the snapshots themselves.
    final class SnapshotFolder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("snapshots-\(UUID().uuidString)")

        init() throws {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }

        deinit {
            try? FileManager.default.removeItem(at: url)
        }

        /// Writes `records` as a list snapshot and returns its path.
        func write(_ name: String, _ records: [JSONValue]) throws -> String {
            try write(name, text: JSONWriter.pretty(["items": .array(records)]))
        }

        func write(_ name: String, text: String) throws -> String {
            let path = url.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    @Test func importPrintsSummary() throws {
        let ledger = try CommandLineLedger()
        let output = try ledger.run(["import", ImportFixtures.path("connections-list-salesforce.json")])
        #expect(output.status == 0)
        #expect(output.standardOutput == "Imported 1 file (1 record): 1 connected, 0 changed, 0 deleted, 0 unchanged; 1 event appended at position 1.\n")
        #expect(output.standardError == "")
    }

    @Test func importJSONPrintsOneObject() throws {
        let ledger = try CommandLineLedger()
        let output = try ledger.run(["import", "--json", ImportFixtures.path("s3-encryption-corrected.jsonc")])
        #expect(output.status == 0)
        let json = try JSONParser.parse(output.standardOutput)
        #expect(json["connected"] == ["5e1f3a70-2b9c-4d0e-8a61-3c7f0b9d2e41"])
        #expect(json["eventsAppended"] == 2)
        #expect(json["firstPosition"] == 1)
        #expect(json["lastPosition"] == 2)
        #expect(json["files"] == 1)
    }

    @Test func secondImportReportsNothingAppended() throws {
        let ledger = try CommandLineLedger()
        let path = ImportFixtures.path("connections-list-salesforce.json")
        try ledger.run(["import", path])
        let output = try ledger.run(["import", path])
        #expect(output.status == 0)
        #expect(output.standardOutput == "Imported 1 file (1 record): 0 connected, 0 changed, 0 deleted, 1 unchanged; nothing appended.\n")
    }

    @Test func repeatedTwoFileImportAppendsNothing() throws {
        let ledger = try CommandLineLedger()
        let folder = try SnapshotFolder()
        let monday = try folder.write("monday.json", [s3Connection(etag: "\"e-1\"")])
        let tuesday = try folder.write(
            "tuesday.json", [s3Connection(updatedAt: "2026-01-02T00:00:00Z", etag: "\"e-2\"", ["name": "Renamed"])])
        try ledger.run(["import", monday, tuesday])

        let output = try ledger.run(["import", monday, tuesday])
        #expect(output.status == 0)
        #expect(output.standardOutput == "Imported 2 files (2 records): 0 connected, 0 changed, 0 deleted, 2 unchanged; nothing appended.\n")
        #expect(output.standardError == "")
    }

    @Test func storedEtagWithUnknownSpecIsBadInput() throws {
        let ledger = try CommandLineLedger()
        let sample = ImportFixtures.path("22-airship-bearer-get-connection-response.json")
        try ledger.run(["import", sample])
        let text = try String(contentsOfFile: sample, encoding: .utf8)
        let folder = try SnapshotFolder()
        let edited = try folder.write(
            "edited.json", text: text.replacingOccurrences(of: "\"Bearer Token\"", with: "\"No Such Spec\""))
        let before = try ledger.snapshot()

        let output = try ledger.run(["import", edited])
        #expect(output.status == 5)
        #expect(output.standardError.hasPrefix("Error: invalid input in \(edited) record 1 (id c8622ec7-7d94-44a5-a35a-ffcc6bdcc384): auth.specName: unknown spec name \"No Such Spec\""))
        #expect(try ledger.snapshot() == before)
    }

    @Test func failingFileNamesItselfAndChangesNothing() throws {
        let ledger = try CommandLineLedger()
        let folder = try SnapshotFolder()
        let good = try folder.write("good.json", [s3Connection(id: "good")])
        let bad = try folder.write("bad.json", [s3Connection(id: "bad", ["updatedAt": "yesterday"])])
        let before = try ledger.snapshot()

        let output = try ledger.run(["import", good, bad])
        #expect(output.status == 5)
        #expect(output.standardOutput == "")
        #expect(output.standardError == "Error: invalid input in \(bad) record 1 (id bad): updatedAt: expected an integer (milliseconds since 1970), found string\n")
        #expect(try ledger.snapshot() == before)
    }

    @Test func elidedSampleFailsWithLineAndColumn() throws {
        let ledger = try CommandLineLedger()
        let path = ImportFixtures.path("connection-s3-encryption-elided.jsonc")
        let output = try ledger.run(["import", path])
        #expect(output.status == 5)
        #expect(output.standardError == "Error: invalid input in \(path) line 2, column 3: expected a quoted member name, found '.'\n")
    }

    @Test func standardInputIsNamedInErrors() throws {
        let ledger = try CommandLineLedger()
        let output = try ledger.run(["import", "-"], input: "{\"items\": [")
        #expect(output.status == 5)
        #expect(output.standardError.hasPrefix("Error: invalid input in standard input line 1, column 12:"))

        let imported = try ledger.run(["import", "-"], input: JSONWriter.canonical(s3Connection()))
        #expect(imported.status == 0)
        #expect(imported.standardOutput.hasPrefix("Imported 1 file (1 record): 1 connected"))
    }

    @Test func missingFileIsBadInput() throws {
        let ledger = try CommandLineLedger()
        let output = try ledger.run(["import", "/nonexistent/snapshot.json"])
        #expect(output.status == 5)
        #expect(output.standardError == "Error: invalid input in /nonexistent/snapshot.json: no such file\n")
    }

    @Test func noFileIsUsageError() throws {
        let ledger = try CommandLineLedger()
        let output = try ledger.run(["import", "--complete"])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: missing FILE"))
    }

    @Test func missingKeyFailsWithoutWriting() throws {
        let ledger = try CommandLineLedger()
        try FileManager.default.removeItem(atPath: ledger.keyPath)
        let before = try ledger.snapshot()

        let output = try ledger.run(["import", ImportFixtures.path("connections-list-salesforce.json")])
        #expect(output.status == 7)
        #expect(output.standardError.hasPrefix("Error: fingerprint key \(ledger.keyPath): missing"))
        #expect(try ledger.snapshot() == before)
    }

    @Test func completeDeletesUnlistedAccountAsActor() throws {
        let ledger = try CommandLineLedger()
        let folder = try SnapshotFolder()
        let both = try folder.write(
            "both.json", [s3Connection(id: "kept", etag: "\"e-1\""), s3Connection(id: "gone", etag: "\"e-2\"")])
        let one = try folder.write("one.json", [s3Connection(id: "kept", etag: "\"e-1\"")])
        try ledger.run(["import", both])

        let output = try ledger.run(["import", one, "--complete", "--actor", "sync-job", "--reason", "nightly"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("1 deleted"))
        let history = try ledger.run(["history", "gone", "--json"])
        let last = try JSONParser.parse(String(history.standardOutput.split(separator: "\n").last ?? ""))
        #expect(last["type"] == "AccountDeleted")
        #expect(last["actor"] == "sync-job")
        #expect(last["reason"] == "nightly")
    }

    @Test func emptyCompleteImportIsBadInput() throws {
        let ledger = try CommandLineLedger()
        let folder = try SnapshotFolder()
        try ledger.run(["import", try folder.write("one.json", [s3Connection(etag: "\"e-1\"")])])
        let before = try ledger.snapshot()

        let output = try ledger.run(["import", try folder.write("empty.json", []), "--complete"])
        #expect(output.status == 5)
        #expect(output.standardError.hasPrefix("Error: invalid input in \(folder.url.path)/empty.json: a complete import"))
        #expect(output.standardError.contains("--allow-empty"))
        #expect(try ledger.snapshot() == before)
    }

    @Test func allowEmptyWithoutCompleteIsUsageError() throws {
        let ledger = try CommandLineLedger()
        let output = try ledger.run(["import", "-", "--allow-empty"], input: "{\"items\": []}")
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: --allow-empty applies only with --complete\n"))
    }

    /// Returns a ledger with `local-1` made by `ledger connect` and the imported
    /// `gone` in use by a dataflow, and a snapshot path that lists neither.
    func ledgerWithUnlistedAccounts(_ folder: SnapshotFolder) throws -> (CommandLineLedger, String) {
        let ledger = try CommandLineLedger()
        try ledger.run(
            ["connect", "--id", "local-1", "--destination", "amazon-s3", "--name", "Local",
             "--secret", "accessKeyId=stdin", "--secret", "secretKey=stdin"], input: "AKIA0001\nsecret-1\n")
        try ledger.run(["import", try folder.write("first.json", [s3Connection(id: "gone", etag: "\"e-2\"")])])
        try ledger.run(["activate", "gone", "--dataflow", "df-1"])
        return (ledger, try folder.write("later.json", [s3Connection(id: "new", etag: "\"e-3\"")]))
    }

    @Test func completeSummaryNamesForcedAndKeptAccounts() throws {
        let folder = try SnapshotFolder()
        let (ledger, later) = try ledgerWithUnlistedAccounts(folder)
        let output = try ledger.run(["import", later, "--complete"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains(
            "\nForced deletes: gone still had active dataflows, but the platform has already deleted it"))
        #expect(output.standardOutput.contains(
            "\nKept 1 unlisted account without a platform etag (made by `ledger connect`, or imported without one): local-1; if it is gone from the platform, "
                + "delete it with `ledger delete ID`."))
    }

    @Test func completeJSONListsForcedAndKeptAccounts() throws {
        let folder = try SnapshotFolder()
        let (ledger, later) = try ledgerWithUnlistedAccounts(folder)
        let output = try ledger.run(["import", later, "--complete", "--json"])
        let json = try JSONParser.parse(output.standardOutput)
        #expect(json["deleted"] == ["gone"])
        #expect(json["deletedInUse"] == ["gone"])
        #expect(json["keptUnlisted"] == ["local-1"])
    }

    @Test func markerSecretFromImportAppearsNowhere() throws {
        let ledger = try CommandLineLedger()
        let folder = try SnapshotFolder()
        let marker = "MARKER\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
        var outputs: [LedgerProcess.Output] = []
        func run(_ arguments: [String], input: String = "", status: Int32) throws {
            let output = try ledger.run(arguments, input: input)
            #expect(output.status == status, "ledger \(arguments.joined(separator: " ")): \(output.standardError)")
            outputs.append(output)
        }
        func params(_ values: [String: JSONValue]) -> [String: JSONValue] {
            ["auth": ["specName": "Access Key", "params": .object(JSONObject(values) { $0 })]]
        }

        let first = try folder.write("first.json", [
            s3Connection(params(["s3AccessKey": .string("AKIA\(marker)"), "s3SecretKey": .string("\(marker)-secret")])),
            s3Connection(id: "unknown-param", params(["s3SecretKey": "s", "sessionToken": .string("\(marker)-unknown")])),
        ])
        try run(["import", first], status: 0)
        try run(["import", "--json", first], status: 0)
        try run(["import", "-"], input: JSONWriter.canonical(
            s3Connection(id: "from-stdin", params(["s3SecretKey": .string("\(marker)-stdin")]))), status: 0)

        let rotated = try folder.write("rotated.json", [
            s3Connection(updatedAt: "2026-02-01T00:00:00Z", params(["s3AccessKey": .string("AKIA\(marker)"), "s3SecretKey": .string("\(marker)-rotated")])),
        ])
        try run(["import", rotated], status: 0)

        // Failing imports whose files hold the marker: a bad later record,
        // a secret that is too long, one with a NUL, and one cut off mid-string.
        let badLater = try folder.write("bad-later.json", [
            s3Connection(id: "new", params(["s3SecretKey": .string("\(marker)-failing")])),
            s3Connection(id: "broken", ["name": 42]),
        ])
        try run(["import", badLater], status: 5)
        let tooLong = try folder.write("too-long.json", [
            s3Connection(id: "long", params(["s3SecretKey": .string(marker + String(repeating: "x", count: 16_384))])),
        ])
        try run(["import", tooLong], status: 5)
        let withNUL = try folder.write("nul.json", [
            s3Connection(id: "nul", params(["s3SecretKey": .string("\(marker)\u{0}-nul")])),
        ])
        try run(["import", withNUL], status: 5)
        let cut = try folder.write("cut.json", text: "{\"items\": [{\"id\": \"cut\", \"auth\": {\"params\": {\"s3SecretKey\": \"\(marker)")
        try run(["import", cut], status: 5)
        try run(["import", "-"], input: "{\"id\": \"x\", \"auth\": {\"params\": {\"token\": \"\(marker)\", \"token\": 1}}}", status: 5)

        for id in ["acct-1", "unknown-param", "from-stdin"] {
            try run(["show", id], status: 0)
            try run(["show", id, "--json"], status: 0)
            try run(["history", id], status: 0)
            try run(["history", id, "--json"], status: 0)
        }
        try run(["accounts", "--json"], status: 0)

        try ledger.expectNowhere(marker, outputs: outputs)
        #expect(try Ledger(path: ledger.path, access: .read, environment: [:]).eventCount() == 4)
    }
}
