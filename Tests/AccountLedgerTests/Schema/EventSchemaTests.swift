import AccountLedger
import Foundation
import Testing

/// The schema files in `Schemas/` agree with the code that writes events and
/// with the migrations.
@Suite struct EventSchemaTests {
    @Test func everyEventTypeHasASchemaFile() {
        let keys = Set(EventSchemas.bundled.payloads.keys)
        for type in EventType.allCases {
            for version in 1...type.currentSchemaVersion {
                let key = EventSchemas.PayloadSchemaKey(type: type.rawValue, schemaVersion: version)
                #expect(keys.contains(key), "missing Schemas/\(key.relativePath)")
            }
        }
    }

    @Test func everySchemaFileNamesAKnownTypeAndVersion() {
        for key in EventSchemas.bundled.payloads.keys.sorted() {
            let type = EventType(rawValue: key.type)
            #expect(type != nil, "Schemas/\(key.relativePath) names no event type")
            #expect(key.schemaVersion <= type?.currentSchemaVersion ?? 0, "Schemas/\(key.relativePath) is ahead of the code")
        }
    }

    @Test func payloadViolationNamesTypeVersionAndPath() {
        let payload: JSONValue = ["from": "Old", "to": 7]
        #expect(throws: LedgerError.schemaViolation(
            position: nil, schema: "events/AccountRenamed.v1.schema.json", path: "$.to",
            problem: "expected string, found integer")
        ) {
            try EventSchemas.bundled.validate(type: "AccountRenamed", schemaVersion: 1, payload: payload)
        }
    }

    @Test func payloadWithUnknownMemberIsRejected() {
        let payload: JSONValue = ["dataflowId": "df-1", "secretValue": "oops"]
        #expect(throws: LedgerError.self) {
            try EventSchemas.bundled.validate(type: "DataflowActivated", schemaVersion: 1, payload: payload)
        }
    }

    @Test func unknownSchemaVersionIsRejected() {
        #expect(throws: LedgerError.self) {
            try EventSchemas.bundled.validate(type: "AccountRenamed", schemaVersion: 2, payload: ["from": "a", "to": "b"])
        }
    }

    @Test func envelopeViolationNamesPosition() throws {
        let fixture = try TemporaryLedger()
        var event = try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z")).events[0]
        event.hash = "not-a-hash"
        #expect(throws: LedgerError.schemaViolation(
            position: 1, schema: "envelope.schema.json", path: "$.hash", problem: "does not match the pattern ^[0-9a-f]{64}$")
        ) {
            try EventSchemas.bundled.validate(event)
        }
    }

    @Test func everyCommandKindWritesValidEvents() throws {
        let fixture = try TemporaryLedger()
        let ledger = fixture.ledger
        var day = 0
        func save(_ command: AccountCommand, _ id: String, force: Bool = false) throws {
            day += 1
            let at = time("2026-01-01T00:00:00Z") + Int64(day) * 86_400_000
            try ledger.save(command, accountID: id, context: SaveContext(actor: "tester", reason: "schema check", occurredAt: at))
        }
        func secret(_ text: String) -> Secret { Secret(text) }

        try save(s3Connect(), "s3")
        try save(.connect(ConnectRequest(
            name: "Blob", destination: "azure-blob", secrets: ["connectionString": secret("cs-1")])), "blob")
        try save(.connect(ConnectRequest(
            name: "Drop", destination: "sftp", username: "user1", settings: ["domain": "sftp.example", "port": "22"],
            secrets: ["password": secret("pw-1")])), "sftp")
        try save(.connect(ConnectRequest(
            name: "Push", destination: "airship-attributes", secrets: ["token": secret("tok-1")],
            expiresAt: time("2026-06-01T00:00:00Z"))), "bearer")
        try save(.connect(ConnectRequest(
            name: "Ads", destination: "google-ads", secrets: ["accessToken": secret("at-1"), "refreshToken": secret("rt-1")],
            expiresAt: time("2026-03-01T00:00:00Z"))), "oauth2")
        try save(.connect(ConnectRequest(
            name: "Tweets", destination: "twitter", secrets: ["accessToken": secret("at-2"), "tokenSecret": secret("ts-2")])), "oauth1")
        try save(.connect(ConnectRequest(name: "Zone", destination: "data-landing-zone")), "s2s")
        try save(.connect(ConnectRequest(
            name: "Custom", destination: "in-house-api", connectionType: .bearerToken, secrets: ["token": secret("tok-2")])), "custom")

        try save(.edit(EditRequest(name: "Exports (prod)", description: "Nightly files")), "s3")
        try save(.edit(EditRequest(secrets: ["accessKeyId": secret("AKIAEXAMPLE0002"), "secretKey": secret("secret-2")])), "s3")
        try save(.edit(EditRequest(settings: ["bucketName": "exports"])), "s3")
        try save(.edit(EditRequest(settings: ["bucketName": "exports-2"])), "s3")
        try save(.edit(EditRequest(secrets: ["connectionString": secret("cs-2")])), "blob")
        try save(.edit(EditRequest(username: "user2", secrets: ["password": secret("pw-2")])), "sftp")
        try save(.edit(EditRequest(secrets: ["token": secret("tok-3")], expiresAt: time("2026-09-01T00:00:00Z"))), "bearer")
        try save(.edit(EditRequest(name: "Zone (prod)")), "s2s")
        try save(.reconnect(ReconnectRequest(
            secrets: ["accessToken": secret("at-3"), "refreshToken": secret("rt-3")], expiresAt: time("2027-01-01T00:00:00Z"))), "oauth2")
        try save(.reconnect(ReconnectRequest(secrets: ["accessToken": secret("at-4"), "tokenSecret": secret("ts-4")])), "oauth1")
        try save(.setEncryptionKey(publicKey: "-----BEGIN PGP PUBLIC KEY BLOCK-----\nkey-1\n-----END PGP PUBLIC KEY BLOCK-----", algorithm: "PGP/GPG"), "s3")
        try save(.setEncryptionKey(publicKey: "-----BEGIN PGP PUBLIC KEY BLOCK-----\nkey-2\n-----END PGP PUBLIC KEY BLOCK-----", algorithm: "PGP/GPG"), "s3")
        try save(.removeEncryptionKey, "s3")
        try save(.activateDataflow("df-1"), "s3")
        try save(.activateDataflow("df-2"), "s3")
        try save(.deactivateDataflow("df-2"), "s3")
        try save(.delete(force: true), "s3")
        try save(.delete(force: false), "blob")

        let checked = try ledger.validateEventSchemas()
        #expect(checked == Int(try ledger.eventCount()))
        var types: Set<String> = []
        for id in ["s3", "blob", "sftp", "bearer", "oauth2", "oauth1", "s2s", "custom"] {
            types.formUnion(try ledger.history(accountID: id).map(\.type))
        }
        #expect(types == Set(EventType.allCases.map(\.rawValue)))
    }

    @Test func demoHistoryWritesValidEvents() throws {
        let fixture = try TemporaryLedger()
        try DemoHistory.record(into: fixture.ledger)
        let checked = try fixture.ledger.validateEventSchemas()
        #expect(checked > 10)
    }

    @Test func ledgerSQLMatchesTheMigrations() throws {
        let fixture = try TemporaryLedger()
        let database = try Database(path: fixture.path, mode: .readOnly)
        let statements = try database.statement("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid")
            .rows { $0.string(0) + ";" }
        let file = try String(contentsOf: DestinationCatalog.schemaFileURL("ledger.sql"), encoding: .utf8)
        let withoutComments = file.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
            .joined(separator: "\n")
        #expect(normalizedSQL(withoutComments) == normalizedSQL(statements.joined(separator: "\n")))
    }

    /// Collapses every run of whitespace to one space, so indentation and
    /// line breaks do not matter.
    private func normalizedSQL(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
