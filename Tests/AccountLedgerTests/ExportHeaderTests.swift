@testable import AccountLedger
import Foundation
import Testing

/// The first line of an export, as `import --events` reads it: exactly the
/// members of `Schemas/export/header.schema.json`, all of them required,
/// so a file cut at a line boundary is always caught.
@Suite struct ExportHeaderTests {
    /// A ledger with three events.
    private func populated() throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(name: "One"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(
            .edit(EditRequest(description: "Nightly")), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        try fixture.ledger.save(s3Connect(name: "Two"), accountID: "a2", context: context(at: "2026-01-03T00:00:00Z"))
        return fixture
    }

    private func exportLines(_ fixture: TemporaryLedger) throws -> [String] {
        var lines: [String] = []
        try fixture.ledger.exportEvents { lines.append($0) }
        return lines
    }

    /// Returns the header line with `member` removed.
    private func header(_ line: String, without member: String) throws -> String {
        var members = try #require(try JSONParser.parse(line).objectValue)
        members[member] = nil
        return JSONWriter.canonical(.object(members))
    }

    /// Loads `lines`, named `export.jsonl`, into a new ledger with the
    /// fixture's key, and returns it with the outcome.
    private func load(_ lines: [String], beside fixture: TemporaryLedger) throws -> (Ledger, Result<EventImportResult, any Error>) {
        let file = fixture.folder.appendingPathComponent("export-\(UUID().uuidString).jsonl")
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: file)
        let target = try Ledger.create(
            path: fixture.folder.appendingPathComponent("target-\(UUID().uuidString).sqlite").path,
            environment: [FingerprintKey.environmentVariable: Hex.encode(try fixture.ledger.fingerprintKey().bytes)])
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        return (target, Result { try target.importEvents(from: handle, name: "export.jsonl") })
    }

    @Test func extraHeaderMemberIsRejected() throws {
        let fixture = try populated()
        var lines = try exportLines(fixture)
        lines[0] = String(lines[0].dropLast()) + #","signed_by":"x"}"#
        let (target, result) = try load(lines, beside: fixture)
        let error = try #require(throws: LedgerError.self) { try result.get() }
        guard case .invalidInput(let location, let problem) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(location == "export.jsonl line 1, field signed_by")
        #expect(problem.hasPrefix("unknown member"), "\(problem)")
        #expect(try target.eventCount() == 0)
    }

    @Test func headerWithoutCountOrHeadIsRejected() throws {
        let fixture = try populated()
        for member in ["event_count", "head_hash"] {
            var lines = try exportLines(fixture)
            lines[0] = try header(lines[0], without: member)
            let (target, result) = try load(lines, beside: fixture)
            let error = try #require(throws: LedgerError.self, "\(member)") { try result.get() }
            guard case .invalidInput(let location, let problem) = error else {
                Issue.record("unexpected error \(error)")
                continue
            }
            #expect(location == "export.jsonl line 1, field \(member)")
            #expect(problem.hasPrefix("missing"), "\(problem)")
            #expect(try target.eventCount() == 0)
        }
    }

    @Test func truncatedFileWithBareHeaderIsRejected() throws {
        // Without both members the loader could not tell the cut.
        let fixture = try populated()
        var lines = try exportLines(fixture)
        lines[0] = try header(try header(lines[0], without: "event_count"), without: "head_hash")
        let (target, result) = try load(Array(lines.prefix(3)), beside: fixture)
        #expect(throws: LedgerError.self) { try result.get() }
        #expect(try target.eventCount() == 0)
    }

    @Test func malformedKeyCheckIsRejected() throws {
        let fixture = try populated()
        var lines = try exportLines(fixture)
        var members = try #require(try JSONParser.parse(lines[0]).objectValue)
        members["key_check"] = "not-a-check-value"
        lines[0] = JSONWriter.canonical(.object(members))
        let (_, result) = try load(lines, beside: fixture)
        let error = try #require(throws: LedgerError.self) { try result.get() }
        #expect(error == .invalidInput(
            location: "export.jsonl line 1, field key_check", problem: "expected 64 lower-case hexadecimal digits"))
    }

    @Test func headerlessWarningMentionsTruncation() throws {
        let fixture = try populated()
        let lines = Array(try exportLines(fixture).dropFirst())
        let target = fixture.folder.appendingPathComponent("cli.sqlite").path
        let key = [FingerprintKey.environmentVariable: Hex.encode(try fixture.ledger.fingerprintKey().bytes)]
        #expect(try LedgerProcess.run(["init", "--db", target], environment: key).status == 0)
        let load = try LedgerProcess.run(
            ["import", "--db", target, "--events", "-"], environment: key, input: lines.joined(separator: "\n") + "\n")
        #expect(load.status == 0, "\(load.standardError)")
        #expect(load.standardError.contains("its fingerprint key could not be checked"), "\(load.standardError)")
        #expect(load.standardError.contains("nor whether the file was cut short"), "\(load.standardError)")
    }

    @Test func schemaRequiresEveryMember() throws {
        let schema = try JSONSchema(contentsOf: DestinationCatalog.schemaFileURL("export/header.schema.json"))
        let fixture = try populated()
        let line = try exportLines(fixture)[0]
        #expect(schema.firstViolation(try JSONParser.parse(line)) == nil)
        for member in ["event_count", "head_hash", "key_check", "format", "format_version"] {
            #expect(schema.firstViolation(try JSONParser.parse(try header(line, without: member))) != nil, "\(member)")
        }
    }
}
