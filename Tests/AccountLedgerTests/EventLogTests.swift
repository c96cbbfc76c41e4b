@testable import AccountLedger
import Foundation
import LedgerHarness
import Testing

@Suite struct EventLogTests {
    private func populated() throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(name: "One"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(
            .edit(EditRequest(name: "One renamed", secrets: ["secretKey": Secret("k2")])), accountID: "a1",
            context: context(at: "2026-01-02T00:00:00Z", reason: "rotation"))
        try fixture.ledger.save(s3Connect(name: "Two"), accountID: "a2", context: context(at: "2026-01-03T00:00:00Z"))
        try fixture.ledger.save(.activateDataflow("df1"), accountID: "a2", context: context(at: "2026-01-04T00:00:00Z"))
        try fixture.ledger.save(.delete(force: false), accountID: "a1", context: context(at: "2026-01-05T00:00:00Z"))
        return fixture
    }

    private func exportLines(_ ledger: Ledger) throws -> [String] {
        var lines: [String] = []
        try ledger.exportEvents { lines.append($0) }
        return lines
    }

    /// Returns the environment that creates or opens a ledger with `fixture`'s fingerprint key.
    private func sameKey(as fixture: TemporaryLedger) throws -> [String: String] {
        [FingerprintKey.environmentVariable: Hex.encode(try fixture.ledger.fingerprintKey().bytes)]
    }

    /// Writes `lines` to a file in `fixture`'s folder and loads it into a new
    /// ledger there, created with `environment` (by default `fixture`'s key).
    private func importLines(
        _ lines: [String],
        beside fixture: TemporaryLedger,
        environment: [String: String]? = nil
    ) throws -> (Ledger, String, EventImportResult) {
        let file = fixture.folder.appendingPathComponent("export-\(UUID().uuidString).jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        let path = fixture.folder.appendingPathComponent("imported-\(UUID().uuidString).sqlite").path
        let ledger = try Ledger.create(path: path, environment: try environment ?? sameKey(as: fixture))
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        let result = try ledger.importEvents(from: handle, name: "export.jsonl")
        return (ledger, path, result)
    }

    private func hashes(_ ledger: Ledger) throws -> [String] {
        try ledger.database.read { db in
            try db.statement("SELECT hash FROM events ORDER BY position").rows { $0.string(0) }
        }
    }

    @Test func roundTripKeepsHashesAndProjections() throws {
        let fixture = try populated()
        let (imported, path, result) = try importLines(try exportLines(fixture.ledger), beside: fixture)
        #expect(result == EventImportResult(eventCount: 6, keyWasChecked: true))
        #expect(try hashes(imported) == hashes(fixture.ledger))
        #expect(try ProjectionDump(path: path) == ProjectionDump(path: fixture.path))
        #expect(try exportLines(imported) == exportLines(fixture.ledger))
    }

    @Test func alteredEventIsRejectedByPosition() throws {
        let fixture = try populated()
        var lines = try exportLines(fixture.ledger)
        lines[3] = lines[3].replacingOccurrences(of: "\"actor\":\"tester\"", with: "\"actor\":\"mallory\"")
        let error = try #require(throws: LedgerError.self) { try importLines(lines, beside: fixture) }
        guard case .invalidInput(let location, let problem) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(location == "export.jsonl line 4")
        #expect(problem.contains("event at position 3"))
        #expect(problem.contains("does not match its contents"))
    }

    @Test func missingEventIsRejectedAsGap() throws {
        let fixture = try populated()
        var lines = try exportLines(fixture.ledger)
        lines.remove(at: 2)
        let error = try #require(throws: LedgerError.self) { try importLines(lines, beside: fixture) }
        #expect("\(error)".contains("line 3"))
        #expect("\(error)".contains("expected position 2"))
    }

    @Test func rejectedImportLeavesLedgerEmpty() throws {
        let fixture = try populated()
        var lines = try exportLines(fixture.ledger)
        lines[5] = "{\"not\": \"an event\"}"
        let file = fixture.folder.appendingPathComponent("broken.jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        let target = try Ledger.create(
            path: fixture.folder.appendingPathComponent("target.sqlite").path, environment: try sameKey(as: fixture))
        let handle = try FileHandle(forReadingFrom: file)
        #expect(throws: LedgerError.self) { try target.importEvents(from: handle, name: "broken.jsonl") }
        #expect(try target.eventCount() == 0)
        #expect(try target.accounts(AccountQuery()).isEmpty)
    }

    @Test func exportStartsWithKeyCheckHeader() throws {
        let fixture = try populated()
        let lines = try exportLines(fixture.ledger)
        let header = try #require(try ExportHeader(line: lines[0], location: "line 1"))
        #expect(header.keyCheck == (try fixture.ledger.fingerprintKey().checkValue))
        let head = header.headHash
        #expect(lines[0] == #"{"event_count":6,"format":"ledger-export","format_version":1,"head_hash":"\#(head)","key_check":"\#(header.keyCheck)"}"#)
        #expect(lines.count == 7)
    }

    @Test func truncatedExportIsRejected() throws {
        let fixture = try populated()
        let lines = try exportLines(fixture.ledger)
        let error = try #require(throws: LedgerError.self) { try importLines(Array(lines.prefix(4)), beside: fixture) }
        #expect(error == .invalidInput(
            location: "export.jsonl",
            problem: "the header announces 6 event(s) but the file holds 3; the export is truncated or was edited, so nothing was loaded"))
    }

    /// A header that announces fewer events than follow stops the load at
    /// the first extra one, instead of after reading the whole file.
    @Test func eventPastAnnouncedCountIsRejected() throws {
        let fixture = try populated()
        var lines = try exportLines(fixture.ledger)
        lines[0] = lines[0].replacingOccurrences(of: "\"event_count\":6", with: "\"event_count\":4")

        let error = try #require(throws: LedgerError.self) { try importLines(lines, beside: fixture) }

        #expect(error == .invalidInput(
            location: "export.jsonl line 6",
            problem: "the header announces 4 event(s) but the file holds more; the export was edited or joined to another, so nothing was loaded"))
    }

    /// The message once gave the file's line and then the parser's own
    /// "line 1", which is always 1 for one line of an export.
    @Test func brokenLineNamesFileLineAndColumnOnce() throws {
        let fixture = try populated()
        var lines = try exportLines(fixture.ledger)
        lines[2] = String(lines[2].prefix(20))

        let error = try #require(throws: LedgerError.self) { try importLines(lines, beside: fixture) }

        let message = "\(error)"
        #expect(message.hasPrefix("invalid input in export.jsonl line 3: not valid JSON at column 21: "), "\(message)")
        #expect(!message.contains("line 1,"), "\(message)")
    }

    /// The message named the line only, while a snapshot import and the
    /// JSON messages name the column too.
    @Test func invalidUTF8NamesLineAndByteColumn() throws {
        let fixture = try populated()
        let lines = try exportLines(fixture.ledger)
        var bytes = Array((lines.prefix(2).joined(separator: "\n") + "\n").utf8)
        bytes += Array("{\"actor\":\"\u{E9}".utf8) + [0xFF] + Array("\"}\n".utf8)
        let file = fixture.folder.appendingPathComponent("bad-utf8.jsonl")
        try Data(bytes).write(to: file)
        let target = try Ledger.create(
            path: fixture.folder.appendingPathComponent("target.sqlite").path, environment: try sameKey(as: fixture))
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }

        let error = try #require(throws: LedgerError.self) { try target.importEvents(from: handle, name: "bad-utf8.jsonl") }

        #expect(error == .invalidInput(location: "bad-utf8.jsonl line 3", problem: "not valid UTF-8 at column 13: byte 0xFF"))
    }

    @Test func exportWithoutEventsIsRejected() throws {
        let fixture = try populated()
        let header = try exportLines(fixture.ledger)[0]
        #expect(throws: LedgerError.self) { try importLines([header], beside: fixture) }
    }

    @Test func headerMatchesExportSchema() throws {
        let fixture = try populated()
        let schema = try JSONSchema(contentsOf: DestinationCatalog.schemaFileURL("export/header.schema.json"))
        let line = try exportLines(fixture.ledger)[0]
        #expect(schema.firstViolation(try JSONParser.parse(line)) == nil)
        // The schema and the reader agree on the newest format version.
        let newer = line.replacingOccurrences(of: "\"format_version\":1", with: "\"format_version\":2")
        #expect(schema.firstViolation(try JSONParser.parse(newer)) != nil)
        #expect(throws: LedgerError.self) { try ExportHeader(line: newer, location: "line 1") }
    }

    @Test func unknownMemberInAnEventLineIsRejected() throws {
        // It was dropped without a word; the hash does not cover it.
        let fixture = try populated()
        var lines = try exportLines(fixture.ledger)
        lines[2] = String(lines[2].dropLast()) + #","extra":1}"#
        let error = try #require(throws: LedgerError.self) { try importLines(lines, beside: fixture) }
        guard case .invalidInput(let location, let problem) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(location.hasSuffix("field extra"))
        #expect(problem.hasPrefix("unknown member"))
    }

    @Test func importWithOtherKeyIsRejected() throws {
        let fixture = try populated()
        let error = try #require(throws: LedgerError.self) {
            try importLines(try exportLines(fixture.ledger), beside: fixture, environment: [:])
        }
        guard case .storage(_, let problem) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(problem.contains("was created with another fingerprint key than the one that made the fingerprints in export.jsonl"))
        #expect(problem.contains("LEDGER_KEY=$(cat SOURCE.sqlite.key) ledger init --db NEW.sqlite"))
    }

    @Test func importWithOtherKeyStoresNothing() throws {
        let fixture = try populated()
        let file = fixture.folder.appendingPathComponent("export.jsonl")
        try Data(try exportLines(fixture.ledger).joined(separator: "\n").utf8).write(to: file)
        let target = try Ledger.create(path: fixture.folder.appendingPathComponent("target.sqlite").path, environment: [:])
        let handle = try FileHandle(forReadingFrom: file)
        #expect(throws: LedgerError.self) { try target.importEvents(from: handle, name: "export.jsonl") }
        #expect(try target.eventCount() == 0)
    }

    @Test func exportWithoutHeaderLoadsUnchecked() throws {
        let fixture = try populated()
        let lines = Array(try exportLines(fixture.ledger).dropFirst())
        let (imported, _, result) = try importLines(lines, beside: fixture)
        #expect(result == EventImportResult(eventCount: 6, keyWasChecked: false))
        #expect(try hashes(imported) == hashes(fixture.ledger))
    }

    @Test func secondHeaderIsRejected() throws {
        let fixture = try populated()
        let lines = try exportLines(fixture.ledger)
        let error = try #require(throws: LedgerError.self) { try importLines(lines + lines, beside: fixture) }
        #expect(error == .invalidInput(
            location: "export.jsonl line 8",
            problem: "an export header after the first line; load one export at a time, into an empty ledger"))
    }

    @Test func newerExportFormatIsRejected() throws {
        let fixture = try populated()
        var lines = try exportLines(fixture.ledger)
        lines[0] = lines[0].replacingOccurrences(of: "\"format_version\":1", with: "\"format_version\":2")
        let error = try #require(throws: LedgerError.self) { try importLines(lines, beside: fixture) }
        #expect(error == .invalidInput(
            location: "export.jsonl line 1, field format_version",
            problem: "2 is newer than this build reads (1); upgrade ledger"))
    }

    @Test func importIntoNonEmptyLedgerIsRejected() throws {
        let fixture = try populated()
        let file = fixture.folder.appendingPathComponent("export.jsonl")
        try Data(try exportLines(fixture.ledger).joined(separator: "\n").utf8).write(to: file)
        let handle = try FileHandle(forReadingFrom: file)
        #expect(throws: LedgerError.self) { try fixture.ledger.importEvents(from: handle, name: "export.jsonl") }
        #expect(try fixture.ledger.eventCount() == 6)
    }

    @Test func replayCopiesPrefixAndLeavesSourceUntouched() throws {
        let fixture = try populated()
        let before = fileDigests(fixture.path)
        let into = fixture.folder.appendingPathComponent("replay.sqlite").path
        let source = try fixture.reopen(access: .read)
        #expect(try source.replay(upToPosition: 4, into: into) == 4)
        #expect(fileDigests(fixture.path) == before)
        let replayed = try Ledger(path: into, access: .read, environment: [:])
        #expect(try hashes(replayed) == Array(hashes(fixture.ledger).prefix(4)))
        #expect(try replayed.verify().eventCount == 4)
        var then = AccountQuery()
        then.at = TimePoint(knownAtPosition: 4)
        #expect(try replayed.accounts(AccountQuery()).map(\.name) == fixture.ledger.accounts(then).map(\.name))
        // The copied key matches the fingerprints: the replay finds the same secret.
        #expect(try replayed.credentialUsage(of: Secret("k2")).count == 1)
    }

    @Test func replayReadsOnlyPositionsUpToItsOwn() throws {
        let fixture = try populated()
        let database = try Database(path: fixture.path, mode: .readOnly)
        let plan = try database.statement("EXPLAIN QUERY PLAN " + EventStore.eventsUpToPositionSQL)
            .rows([.integer(2)]) { $0.string(3) }
        // A range of the rowid, which is the position, so the read ends at
        // the position instead of scanning the rest of the log.
        #expect(plan == ["SEARCH events USING INTEGER PRIMARY KEY (rowid<?)"])
    }

    @Test func replayRefusesExistingTarget() throws {
        let fixture = try populated()
        let error = try #require(throws: LedgerError.self) { try fixture.ledger.replay(upToPosition: 2, into: fixture.path) }
        #expect(error == .storage(path: fixture.path, problem: "already exists; choose another --into path"))
    }

    @Test func replayOfAnAlteredLogIsAnIntegrityFailure() throws {
        // It was reported as invalid input (status 5), as for a file
        // passed to `import --events`; the log is the ledger's own.
        let fixture = try populated()
        try RawLedgerFile(path: fixture.path).rewrite(position: 2, rechain: false) { $0.actor = "mallory" }
        let into = fixture.folder.appendingPathComponent("replay.sqlite").path
        let error = try #require(throws: LedgerError.self) { try fixture.ledger.replay(upToPosition: 4, into: into) }
        guard case .verificationFailed(let position, let detail) = error else {
            Issue.record("expected a verification failure, got \(error)")
            return
        }
        #expect(position == 2)
        #expect(detail.contains("does not match its contents"))
        #expect(!FileManager.default.fileExists(atPath: into))
    }

    @Test func replayRejectsSchemaViolation() throws {
        // The chain is consistent, so only the check `verify` makes finds it.
        let fixture = try populated()
        fixture.checksEventSchemas = false
        try RawLedgerFile(path: fixture.path).rewrite(position: 2, rechain: true) { event in
            var payload = (try? JSONParser.parse(event.payloadText).objectValue) ?? [:]
            payload["secretValue"] = "s"
            event.payloadText = JSONWriter.canonical(.object(payload))
        }
        let into = fixture.folder.appendingPathComponent("replay.sqlite").path
        let failure = verificationFailure { try fixture.ledger.replay(upToPosition: 4, into: into) }
        #expect(failure?.position == 2)
        #expect(failure?.detail.contains("at $.secretValue: unknown member") == true, "\(failure?.detail ?? "")")
        #expect(!FileManager.default.fileExists(atPath: into))
    }

    @Test func replayRejectsPositionPastEnd() throws {
        let fixture = try populated()
        let into = fixture.folder.appendingPathComponent("replay.sqlite").path
        let error = try #require(throws: LedgerError.self) { try fixture.ledger.replay(upToPosition: 99, into: into) }
        #expect(error == .invalidInput(
            location: "--position 99",
            problem: "past the end of the log, which ends at position 6; choose a position from 0 to 6"))
        #expect(!FileManager.default.fileExists(atPath: into))
    }

    @Test func commandLineRoundTrip() throws {
        let fixture = try populated()
        let export = try LedgerProcess.run(["export", "--db", fixture.path])
        #expect(export.status == 0, "\(export.standardError)")
        let file = fixture.folder.appendingPathComponent("cli.jsonl")
        try Data(export.standardOutput.utf8).write(to: file)
        let target = fixture.folder.appendingPathComponent("cli.sqlite").path
        let key = try sameKey(as: fixture)
        #expect(try LedgerProcess.run(["init", "--db", target], environment: key).status == 0)
        let load = try LedgerProcess.run(["import", "--db", target, "--events", file.path], environment: key)
        #expect(load.status == 0, "\(load.standardError)")
        #expect(load.standardError.isEmpty)
        let reexport = try LedgerProcess.run(["export", "--db", target], environment: key)
        #expect(reexport.standardOutput == export.standardOutput)
    }

    @Test func commandLineRejectsOtherKey() throws {
        let fixture = try populated()
        let file = fixture.folder.appendingPathComponent("cli.jsonl").path
        #expect(try LedgerProcess.run(["export", "--db", fixture.path, "--output", file]).status == 0)
        let target = fixture.folder.appendingPathComponent("cli.sqlite").path
        #expect(try LedgerProcess.run(["init", "--db", target]).status == 0)
        let load = try LedgerProcess.run(["import", "--db", target, "--events", file])
        #expect(load.status == 7)
        #expect(load.standardError.contains("LEDGER_KEY=$(cat SOURCE.sqlite.key) ledger init --db NEW.sqlite"))
        #expect(try Ledger(path: target, access: .read, environment: [:]).eventCount() == 0)
    }

    @Test func commandLineWarnsWithoutHeader() throws {
        let fixture = try populated()
        let lines = Array(try exportLines(fixture.ledger).dropFirst())
        let target = fixture.folder.appendingPathComponent("cli.sqlite").path
        let key = try sameKey(as: fixture)
        #expect(try LedgerProcess.run(["init", "--db", target], environment: key).status == 0)
        let load = try LedgerProcess.run(
            ["import", "--db", target, "--events", "-"], environment: key, input: lines.joined(separator: "\n") + "\n")
        #expect(load.status == 0, "\(load.standardError)")
        #expect(load.standardError.hasPrefix("Warning: standard input has no export header"))
    }

    @Test func exportToDashWritesStandardOutput() throws {
        let fixture = try populated()
        let folder = fixture.folder.appendingPathComponent("cwd")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let export = try LedgerProcess.runShell("cd '\(folder.path)' && \"$LEDGER\" export --db '\(fixture.path)' --output -")
        #expect(export.status == 0, "\(export.standardError)")
        #expect(export.standardOutput == (try exportLines(fixture.ledger)).map { $0 + "\n" }.joined())
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path))
    }

    /// SHA-256 of the database file and its WAL, as hex.
    private func fileDigests(_ path: String) -> [String] {
        [path, path + "-wal"].map { file in
            let bytes = FileManager.default.contents(atPath: file).map { Array($0) } ?? []
            return Hex.encode(Digest.sha256(bytes))
        }
    }
}
