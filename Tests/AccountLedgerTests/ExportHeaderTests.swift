@testable import AccountLedger
import Foundation
import Testing

/// The first line of an export, as `import --events` reads it: exactly the
/// members of `Schemas/export/header.schema.json`, all of them required,
/// so a file cut at a line boundary is always caught.
@Suite struct ExportHeaderTests {
    private func populated() throws -> TemporaryLedger {
        try TemporaryLedger.withEvents(3)
    }

    /// Returns the header line with `member` removed.
    private func header(_ line: String, without member: String) throws -> String {
        var members = try #require(try JSONParser.parse(line).objectValue)
        members[member] = nil
        return JSONWriter.canonical(.object(members))
    }

    @Test func extraHeaderMemberIsRejected() throws {
        let fixture = try populated()
        var lines = try fixture.exportLines()
        lines[0] = String(lines[0].dropLast()) + #","signed_by":"x"}"#
        let (target, result) = try fixture.loadIntoNewLedger(lines)
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
            var lines = try fixture.exportLines()
            lines[0] = try header(lines[0], without: member)
            let (target, result) = try fixture.loadIntoNewLedger(lines)
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
        var lines = try fixture.exportLines()
        lines[0] = try header(try header(lines[0], without: "event_count"), without: "head_hash")
        let (target, result) = try fixture.loadIntoNewLedger(Array(lines.prefix(3)))
        #expect(throws: LedgerError.self) { try result.get() }
        #expect(try target.eventCount() == 0)
    }

    @Test func malformedKeyCheckIsRejected() throws {
        let fixture = try populated()
        var lines = try fixture.exportLines()
        var members = try #require(try JSONParser.parse(lines[0]).objectValue)
        members["key_check"] = "not-a-check-value"
        lines[0] = JSONWriter.canonical(.object(members))
        let (_, result) = try fixture.loadIntoNewLedger(lines)
        let error = try #require(throws: LedgerError.self) { try result.get() }
        #expect(error == .invalidInput(
            location: "export.jsonl line 1, field key_check", problem: "expected 64 lower-case hexadecimal digits"))
    }

    @Test func headerlessWarningMentionsTruncation() throws {
        let fixture = try populated()
        let lines = Array(try fixture.exportLines().dropFirst())
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
        let line = try fixture.exportLines()[0]
        #expect(schema.firstViolation(try JSONParser.parse(line)) == nil)
        for member in ["event_count", "head_hash", "key_check", "format", "format_version"] {
            #expect(schema.firstViolation(try JSONParser.parse(try header(line, without: member))) != nil, "\(member)")
        }
    }
}
