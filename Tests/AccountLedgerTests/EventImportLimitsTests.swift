@testable import AccountLedger
import Foundation
import Testing

/// What `import --events` rejects in an export that someone edited and
/// then re-hashed consistently, so the hash chain alone cannot catch it:
/// whatever `verify` rejects, and whatever a save rejects.
@Suite struct EventImportLimitsTests {
    /// Returns a ledger with one Amazon S3 account `s3`, connected at 2026-01-01.
    private func source() throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(name: "S3"), accountID: "s3", context: context(at: "2026-01-01T00:00:00Z"))
        return fixture
    }

    /// Returns the export of `fixture` with one event (the first unless
    /// `index` names another) changed by `edit` (the envelope, then the
    /// payload's members), and every hash after it and the header's head
    /// hash redone with the ledger's own hashing.
    private func editedExport(
        _ fixture: TemporaryLedger,
        at index: Int = 0,
        _ edit: (inout RecordedEvent, inout JSONObject) -> Void
    ) throws -> [String] {
        var lines: [String] = []
        try fixture.ledger.exportEvents { lines.append($0) }
        let header = try #require(try ExportHeader(line: lines[0], location: "line 1"))
        var events = try lines.dropFirst().enumerated().map { index, line in
            try RecordedEvent(exportLine: line, location: "line \(index + 2)")
        }
        var payload = try #require(try JSONParser.parse(events[index].payloadText).objectValue)
        edit(&events[index], &payload)
        events[index].payloadText = JSONWriter.canonical(.object(payload))
        var previousHash = RecordedEvent.genesisHash
        for index in events.indices {
            events[index].previousHash = previousHash
            events[index].hash = events[index].computeHash()
            previousHash = events[index].hash
        }
        let newHeader = ExportHeader(keyCheck: header.keyCheck, eventCount: Int64(events.count), headHash: previousHash)
        return try [newHeader.line] + events.map { try $0.exportLine }
    }

    /// Returns the environment that creates or opens a ledger with `fixture`'s fingerprint key.
    private func sameKey(as fixture: TemporaryLedger) throws -> [String: String] {
        [FingerprintKey.environmentVariable: Hex.encode(try fixture.ledger.fingerprintKey().bytes)]
    }

    /// Writes `lines` to a new file in `fixture`'s folder and returns it.
    private func write(_ lines: [String], beside fixture: TemporaryLedger) throws -> URL {
        let file = fixture.folder.appendingPathComponent("export-\(UUID().uuidString).jsonl")
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: file)
        return file
    }

    /// Loads `lines`, named `export.jsonl`, into a new ledger with
    /// `fixture`'s key, and returns that ledger, its path and the outcome.
    private func load(
        _ lines: [String], beside fixture: TemporaryLedger
    ) throws -> (ledger: Ledger, path: String, result: Result<EventImportResult, any Error>) {
        let file = try write(lines, beside: fixture)
        let path = fixture.folder.appendingPathComponent("target-\(UUID().uuidString).sqlite").path
        let target = try Ledger.create(path: path, environment: try sameKey(as: fixture))
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        return (target, path, Result { try target.importEvents(from: handle, name: "export.jsonl") })
    }

    /// Loads `lines` as `load` does and returns the error, after checking
    /// that the ledger contains no event and no account, and that no byte
    /// of its files contains `absentText`.
    private func rejection(
        _ lines: [String],
        beside fixture: TemporaryLedger,
        absentText: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> LedgerError {
        let (target, path, result) = try load(lines, beside: fixture)
        let error = try #require(throws: LedgerError.self, sourceLocation: sourceLocation) { try result.get() }
        #expect(try target.eventCount() == 0, sourceLocation: sourceLocation)
        #expect(try target.accounts(AccountQuery()).isEmpty, sourceLocation: sourceLocation)
        if let absentText {
            for name in [path, path + "-wal"] {
                let bytes = FileManager.default.contents(atPath: name) ?? Data()
                #expect(bytes.range(of: Data(absentText.utf8)) == nil, "\(name) contains it", sourceLocation: sourceLocation)
            }
        }
        return error
    }

    /// Checks that `error` is bad input at line 2 (the first event), field `field`.
    private func expectField(
        _ error: LedgerError,
        _ field: String,
        problem: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard case .invalidInput(let location, let found) = error else {
            Issue.record("expected invalid input, got \(error)", sourceLocation: sourceLocation)
            return
        }
        #expect(location == "export.jsonl line 2, field \(field)", sourceLocation: sourceLocation)
        #expect(found.hasPrefix("event at position 1: "), "\(found)", sourceLocation: sourceLocation)
        #expect(found.contains(problem), "\(found)", sourceLocation: sourceLocation)
    }

    @Test func renameFromOtherNameIsRejected() throws {
        let fixture = try source()
        try fixture.ledger.save(.edit(EditRequest(name: "S3 EU")), accountID: "s3", context: context(at: "2026-01-02T00:00:00Z"))
        let lines = try editedExport(fixture, at: 1) { _, payload in payload["from"] = "Somebody else's" }
        let (target, _, result) = try load(lines, beside: fixture)
        let error = try #require(throws: LedgerError.self) { try result.get() }
        #expect("\(error)".hasSuffix("export.jsonl line 3: event at position 2: renames the account from a name it did not have"))
        #expect(try target.eventCount() == 0)
    }

    @Test func editedExportStillLoadsUnedited() throws {
        // The helper's hashing matches the ledger's, so the rejections
        // below come from the edits, not from a broken chain.
        let fixture = try source()
        let lines = try editedExport(fixture) { _, _ in }
        var original: [String] = []
        try fixture.ledger.exportEvents { original.append($0) }
        #expect(lines == original)
    }

    @Test func unknownPayloadMemberIsRejected() throws {
        let fixture = try source()
        let lines = try editedExport(fixture) { _, payload in payload["secretValue"] = "SECRET-CANARY-1234" }
        let error = try rejection(lines, beside: fixture, absentText: "SECRET-CANARY-1234")
        expectField(error, "payload.secretValue", problem: "unknown member")
    }

    @Test func nulInActorIsRejected() throws {
        let fixture = try source()
        let lines = try editedExport(fixture) { event, _ in event.actor = "tes\u{0}ter" }
        expectField(try rejection(lines, beside: fixture), "actor", problem: "control character U+0000")
    }

    @Test func emptyAccountIDIsRejected() throws {
        let fixture = try source()
        let lines = try editedExport(fixture) { event, _ in event.accountID = "" }
        expectField(try rejection(lines, beside: fixture), "account_id", problem: "is 0 code points long")
    }

    @Test func oversizedActorIsRejected() throws {
        let fixture = try source()
        let actor = String(repeating: "a", count: InputLimits.maximumNameLength + 1)
        let lines = try editedExport(fixture) { event, _ in event.actor = actor }
        expectField(try rejection(lines, beside: fixture), "actor", problem: "is 257 code points long; the maximum is 256")
    }

    @Test func oversizedNameIsRejected() throws {
        let fixture = try source()
        let name = String(repeating: "n", count: InputLimits.maximumNameLength + 1)
        let lines = try editedExport(fixture) { _, payload in payload["name"] = .string(name) }
        expectField(try rejection(lines, beside: fixture), "payload.name", problem: "is 257 code points long")
    }

    @Test func combiningMarksInNameCountEach() throws {
        // A save rejects one character of 257 code points, so a load must too.
        let fixture = try source()
        let name = "e" + String(repeating: "\u{301}", count: InputLimits.maximumNameLength)
        let lines = try editedExport(fixture) { _, payload in payload["name"] = .string(name) }
        expectField(try rejection(lines, beside: fixture), "payload.name", problem: "is 257 code points long")
    }

    @Test func controlCharacterInNameIsRejected() throws {
        let fixture = try source()
        let lines = try editedExport(fixture) { _, payload in payload["name"] = "S3\u{1B}[31m" }
        expectField(try rejection(lines, beside: fixture), "payload.name", problem: "control character U+001B")
    }

    @Test func credentialLikeSettingIsRejected() throws {
        // Settings are stored in clear, so this would keep a password readable.
        let fixture = try source()
        let lines = try editedExport(fixture) { _, payload in payload["settings"] = ["password": "hunter2"] }
        let error = try rejection(lines, beside: fixture, absentText: "hunter2")
        expectField(error, "payload.settings.password", problem: "looks like a credential")
    }

    @Test func settingsBeyondCapAreRejected() throws {
        let fixture = try source()
        let settings = JSONObject(numberedSettings(InputLimits.maximumSettingsPerAccount + 1)) { .string($0) }
        let lines = try editedExport(fixture) { _, payload in payload["settings"] = .object(settings) }
        expectField(
            try rejection(lines, beside: fixture), "payload.settings",
            problem: "the account would hold 257 settings; an account holds at most 256")
    }

    @Test func credentialsBeyondCapAreRejected() throws {
        let fixture = try source()
        var credentials = JSONObject()
        for index in 0...InputLimits.maximumCredentialsPerAccount {
            credentials["key" + String(format: "%03d", index)] = ["fingerprint": .string(String(repeating: "a", count: 64))]
        }
        let lines = try editedExport(fixture) { _, payload in payload["credentials"] = .object(credentials) }
        expectField(
            try rejection(lines, beside: fixture), "payload.credentials",
            problem: "the account would hold 257 credential fields; an account holds at most 256")
    }

    @Test func settingAddedBeyondCapIsRejected() throws {
        // Each event alone is small: the cap is on what the account contains after it.
        let fixture = try TemporaryLedger()
        let connect = s3Connect(name: "S3", settings: numberedSettings(InputLimits.maximumSettingsPerAccount))
        try fixture.ledger.save(connect, accountID: "s3", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(
            .edit(EditRequest(settings: ["setting000": "changed"])), accountID: "s3", context: context(at: "2026-01-02T00:00:00Z"))
        let lines = try editedExport(fixture, at: 1) { _, payload in
            payload["changes"] = [["name": "region", "from": .null, "to": "eu-west-1"]]
        }
        let (target, _, result) = try load(lines, beside: fixture)
        let error = try #require(throws: LedgerError.self) { try result.get() }
        #expect("\(error)" == "invalid input in export.jsonl line 3, field payload.changes: event at position 2: "
            + "the account would hold 257 settings; an account holds at most 256")
        #expect(try target.eventCount() == 0)
    }

    @Test func longCredentialHintIsRejected() throws {
        // A hint keeps the last four code points; a longer one is the secret itself.
        let fixture = try source()
        let lines = try editedExport(fixture) { _, payload in
            var credentials = payload["credentials"]?.objectValue ?? [:]
            var accessKey = credentials["accessKeyId"]?.objectValue ?? [:]
            accessKey["hint"] = "…AKIAEXAMPLE0001"
            credentials["accessKeyId"] = .object(accessKey)
            payload["credentials"] = .object(credentials)
        }
        let error = try rejection(lines, beside: fixture, absentText: "…AKIAEXAMPLE0001")
        expectField(error, "payload.credentials.accessKeyId.hint", problem: "the last 1 to 4 code points")
    }

    @Test func hintOfOneCharacterFiveCodePointsIsRejected() throws {
        let fixture = try source()
        let lines = try editedExport(fixture) { _, payload in
            var credentials = payload["credentials"]?.objectValue ?? [:]
            var accessKey = credentials["accessKeyId"]?.objectValue ?? [:]
            accessKey["hint"] = .string("…e" + String(repeating: "\u{301}", count: 4))
            credentials["accessKeyId"] = .object(accessKey)
            payload["credentials"] = .object(credentials)
        }
        let error = try rejection(lines, beside: fixture)
        expectField(error, "payload.credentials.accessKeyId.hint", problem: "the last 1 to 4 code points")
    }

    @Test func farFutureOccurredTimeIsRejected() throws {
        // The account could never change again: later saves are earlier.
        let fixture = try source()
        let cases: [(Int64, String)] = [
            (time("2100-01-01T00:00:00Z"), "2100-01-01T00:00:00Z is more than 15 minutes after the event's recorded_at"),
            (Int64.max, "9223372036854775807 is out of range"),
        ]
        for (occurredAt, problem) in cases {
            let lines = try editedExport(fixture) { event, _ in event.occurredAt = occurredAt }
            expectField(try rejection(lines, beside: fixture), "occurred_at", problem: problem)
        }
    }

    @Test func futureRecordedTimeIsRejected() throws {
        let fixture = try source()
        let lines = try editedExport(fixture) { event, _ in
            event.occurredAt = time("2100-01-01T00:00:00Z")
            event.recordedAt = time("2100-01-01T00:00:00Z")
        }
        expectField(try rejection(lines, beside: fixture), "recorded_at", problem: "is in the future")
    }

    @Test func emptyFileIsRejected() throws {
        let fixture = try source()
        let error = try rejection([], beside: fixture)
        guard case .invalidInput(let location, let problem) = error else {
            Issue.record("expected invalid input, got \(error)")
            return
        }
        #expect(location == "export.jsonl")
        #expect(problem.hasPrefix("is empty"))
    }

    @Test func catalogSettingNamedTokenLoads() throws {
        // `accessTokenUrl` contains "token", which `--setting` rejects, but
        // the catalog declares it a setting, so an import stores it in clear.
        let fixture = try TemporaryLedger()
        let connection: JSONValue = [
            "id": "rest-1",
            "name": "REST",
            "connectionSpec": ["id": .string(SpecID.genericREST), "version": "1.0"],
            "auth": [
                "specName": "OAuth2 Client Credential",
                "params": ["clientId": "client", "clientSecret": "s1", "accessTokenUrl": "https://auth.example.com/token"],
            ],
            "updatedAt": .integer(time("2026-01-01T00:00:00Z")),
            "etag": "\"e1\"",
        ]
        try fixture.ledger.importSnapshot(snapshot(JSONWriter.canonical(connection)))
        #expect(try fixture.ledger.account(id: "rest-1").settings["accessTokenUrl"] != nil)
        let loaded = try load(try editedExport(fixture) { _, _ in }, beside: fixture)
        #expect(try loaded.result.get().eventCount == 1)
    }

    /// Runs `ledger import --events` on a file of `lines`, into a new ledger
    /// with `fixture`'s key, and returns the output, the file and the ledger's path.
    private func runImport(
        _ lines: [String], beside fixture: TemporaryLedger
    ) throws -> (output: LedgerProcess.Output, file: String, target: String) {
        let file = try write(lines, beside: fixture).path
        let target = fixture.folder.appendingPathComponent("cli.sqlite").path
        let key = try sameKey(as: fixture)
        #expect(try LedgerProcess.run(["init", "--db", target], environment: key).status == 0)
        let output = try LedgerProcess.run(["import", "--db", target, "--events", file], environment: key)
        return (output, file, target)
    }

    @Test func commandLineRejectsEditedEvent() throws {
        let fixture = try source()
        let lines = try editedExport(fixture) { _, payload in payload["secretValue"] = "SECRET-CANARY-1234" }
        let (load, file, target) = try runImport(lines, beside: fixture)
        #expect(load.status == 5)
        #expect(load.standardError.hasPrefix("Error: invalid input in \(file) line 2, field payload.secretValue: "))
        #expect(!load.standardError.contains("SECRET-CANARY-1234"))
        #expect(try Ledger(path: target, access: .read, environment: [:]).eventCount() == 0)
    }

    @Test func commandLineRejectsEmptyFile() throws {
        let fixture = try source()
        let (load, file, _) = try runImport([], beside: fixture)
        #expect(load.status == 5)
        #expect(load.standardError.hasPrefix("Error: invalid input in \(file): is empty"))
        #expect(load.standardOutput.isEmpty)
    }
}
