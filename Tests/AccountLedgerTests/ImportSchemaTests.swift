import AccountLedger
import Foundation
import Testing

/// `Schemas/import/flow-service-snapshot.schema.json` describes what the
/// snapshot reader accepts.
@Suite struct ImportSchemaTests {
    /// Loads the schema; a schema that does not load fails the test.
    func loadSchema() throws -> JSONSchema {
        try JSONSchema(contentsOf: DestinationCatalog.schemaFileURL("import/flow-service-snapshot.schema.json"))
    }

    static let importableFixtures = [
        "connections-list-salesforce.json",
        "22-airship-bearer-get-connection-response.json",
        "s3-encryption-corrected.jsonc",
        "sftp-password-corrected.jsonc",
        "series/01-initial.json",
        "series/02-rename.json",
        "series/03-rotate-and-set-key.json",
        "series/04-replace-key-and-username.json",
        "series/05-complete-without-partner.json",
    ]

    @Test(arguments: importableFixtures)
    func fixtureMatchesSchema(_ name: String) throws {
        let file = try ImportFixtures.file(name)
        let document = try JSONParser.parse(file.bytes, allowsComments: true)
        #expect(try loadSchema().firstViolation(document) == nil)
    }

    @Test func schemaAndReaderAgreeOnEachCase() throws {
        let schema = try loadSchema()
        let valid = s3Connection()
        let cases: [(String, JSONValue)] = [
            ("one object", valid),
            ("a list", ["items": [valid, s3Connection(id: "acct-2")]]),
            ("an empty list", ["items": []]),
            ("unused members of any type", s3Connection(["sandboxId": ["x": 1], "state": 3])),
            ("numbers and booleans as parameters", s3Connection(["auth": ["specName": "Access Key", "params": ["port": 22, "tls": true]]])),
            ("a top-level array", [valid]),
            ("neither items nor id", ["name": "Exports"]),
            ("both items and id", ["id": "x", "items": []]),
            ("a whole connection with items", s3Connection(["items": []])),
            ("items that are an object", ["items": ["id": "x"]]),
            ("an item that is a string", ["items": ["acct-1"]]),
            ("a missing name", s3Connection(removing: ["name"])),
            ("a missing auth", s3Connection(removing: ["auth"])),
            ("a missing connection spec id", s3Connection(["connectionSpec": ["version": "1.0"]])),
            ("a missing spec name", s3Connection(["auth": ["params": [:]]])),
            ("a numeric name", s3Connection(["name": 7])),
            ("a blank name", s3Connection(["name": "   "])),
            ("a NUL in the name", s3Connection(["name": "a\u{0}b"])),
            ("a name that is too long", s3Connection(["name": .string(String(repeating: "n", count: 257))])),
            ("an id with a space", s3Connection(id: "acct 1")),
            ("a null parameter", s3Connection(["auth": ["specName": "Access Key", "params": ["port": .null]]])),
            ("an array parameter", s3Connection(["auth": ["specName": "Access Key", "params": ["port": [22]]]])),
            ("a string updatedAt", s3Connection(["updatedAt": "2026-01-01"])),
            ("a negative createdAt", s3Connection(["createdAt": -5])),
            ("a numeric etag", s3Connection(["etag": 3])),
            ("a numeric public key", s3Connection(["encryption": ["params": ["publicKey": 1]]])),
            ("an encryption string", s3Connection(["encryption": "PGP"])),
        ]
        for (label, document) in cases {
            let readerAccepts = (try? SnapshotReader.records(in: snapshot(JSONWriter.canonical(document)))) != nil
            let schemaAccepts = schema.firstViolation(document) == nil
            #expect(readerAccepts == schemaAccepts, "\(label): reader accepts \(readerAccepts), schema accepts \(schemaAccepts)")
        }
    }
}
