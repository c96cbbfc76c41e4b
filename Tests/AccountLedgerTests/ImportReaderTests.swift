@testable import AccountLedger
import Testing

/// Reading snapshot files: accepted shapes, and bad input named by file,
/// record and field, or by file, line and column.
@Suite struct ImportReaderTests {
    /// Returns the message of the error that reading `file` throws.
    func readingError(_ file: SnapshotFile) throws -> String {
        let error = try #require(throws: LedgerError.self) { try SnapshotReader.records(in: file) }
        #expect(error.category == .badInput)
        return "\(error)"
    }

    // MARK: - Shapes

    @Test func singleObjectIsOneRecord() throws {
        let records = try SnapshotReader.records(in: snapshot(JSONWriter.pretty(s3Connection())))
        #expect(records.map(\.id) == ["acct-1"])
        #expect(records[0].source.description == "snapshot.json record 1 (id acct-1)")
    }

    @Test func listKeepsFileOrder() throws {
        let file = listSnapshot([s3Connection(id: "b"), s3Connection(id: "a")])
        #expect(try SnapshotReader.records(in: file).map(\.id) == ["b", "a"])
    }

    @Test func emptyListHasNoRecords() throws {
        #expect(try SnapshotReader.records(in: snapshot(#"{"items": []}"#)).isEmpty)
    }

    @Test func commentsAreAllowed() throws {
        let text = """
            // exported from the platform
            {"items": [ /* one account */ \(JSONWriter.canonical(s3Connection()))]}
            """
        #expect(try SnapshotReader.records(in: snapshot(text)).count == 1)
    }

    @Test func unusedFieldsAreIgnored() throws {
        let record = s3Connection([
            "createdClient": ["nested": true],
            "sandboxId": 42,
            "imsOrgId": .null,
            "state": "disabled",
            "version": ["not", "a", "string"],
        ])
        #expect(try SnapshotReader.records(in: listSnapshot([record])).count == 1)
    }

    /// Returns `depth` arrays (at least one), each the only element of the
    /// one around it.
    private func nestedArrays(_ depth: Int) -> JSONValue {
        (1..<depth).reduce(JSONValue.array([])) { inner, _ in .array([inner]) }
    }

    // The document, its `items` list and the record are the first three of
    // the 64 levels, so an ignored member may nest 61 more.
    @Test func ignoredMemberAtNestingLimit() throws {
        let record = s3Connection(["sandboxId": nestedArrays(61)])
        #expect(try SnapshotReader.records(in: listSnapshot([record])).count == 1)
    }

    @Test func ignoredMemberPastNestingLimit() throws {
        let record = s3Connection(["sandboxId": nestedArrays(62)])
        #expect(try readingError(listSnapshot([record])).contains("nesting deeper than 64 levels"))
    }

    @Test func misspeltMemberIsRejected() throws {
        let record = s3Connection(["descripton": "Nightly exports"])
        #expect(try readingError(listSnapshot([record]))
            == "invalid input in snapshot.json record 1 (id acct-1): descripton: unknown member, close to description, which the importer reads; correct its name, because an unknown member is ignored")
    }

    @Test func memberInOtherCaseIsRejected() throws {
        let record = s3Connection(["UpdatedBy": "alice"])
        #expect(try readingError(listSnapshot([record])).contains("UpdatedBy: unknown member, close to updatedBy"))
    }

    @Test func misspeltNestedMemberIsRejected() throws {
        let record = s3Connection(["encryption": ["params": ["public_key": "k"]]])
        #expect(try readingError(listSnapshot([record])).contains("encryption.params.public_key: unknown member, close to publicKey"))
    }

    @Test func recordWithItemsIsRejected() throws {
        for items: JSONValue in [.array([s3Connection(id: "inner")]), .null] {
            let record = s3Connection(["items": items])
            #expect(try readingError(listSnapshot([record]))
                == "invalid input in snapshot.json record 1 (id acct-1): items: a base connection has no items member; a list response cannot be nested in a record, so remove it or import the inner list as a file of its own")
        }
    }

    @Test func topLevelArrayIsRejected() throws {
        let message = try readingError(snapshot("[\(JSONWriter.canonical(s3Connection()))]"))
        #expect(message == "invalid input in snapshot.json: the document is a JSON array; expected one base connection object (with id, name, connectionSpec and auth) or a list {\"items\": [...]}")
    }

    @Test func objectWithoutItemsOrIDIsRejected() throws {
        let message = try readingError(snapshot(#"{"name": "Exports", "auth": {}}"#))
        #expect(message.contains("snapshot.json: the top-level object has neither items nor id"))
    }

    @Test func objectWithItemsAndIDIsRejected() throws {
        let message = try readingError(snapshot(#"{"id": "x", "items": []}"#))
        #expect(message.contains("snapshot.json: the top-level object has both items and id"))
    }

    @Test func itemsThatAreNotAnArrayAreRejected() throws {
        let message = try readingError(snapshot(#"{"items": {"id": "x"}}"#))
        #expect(message == "invalid input in snapshot.json: items: expected an array, found object")
    }

    @Test func itemThatIsNotAnObjectIsRejected() throws {
        let text = "{\"items\": [\(JSONWriter.canonical(s3Connection())), \"acct-2\"]}"
        let message = try readingError(snapshot(text))
        #expect(message == "invalid input in snapshot.json record 2: expected an object, found string")
    }

    @Test func duplicateIDIsRejected() throws {
        let message = try readingError(listSnapshot([s3Connection(), s3Connection(id: "b"), s3Connection()]))
        #expect(message.contains("snapshot.json record 3 (id acct-1): id: record 1 has the same id"))
        #expect(message.hasSuffix("so remove one of them"))
    }

    // MARK: - Syntax

    @Test func truncatedJSONNamesFileLineAndColumn() throws {
        let text = "{\"items\": [\n  {\"id\": \"acct-1\",\n   \"name\": \"Exp"
        let message = try readingError(snapshot(text, name: "cut.json"))
        #expect(message == "invalid input in cut.json line 3, column 16: unterminated string")
    }

    @Test func invalidUTF8NamesFileLineAndColumn() throws {
        var bytes = Array("{\"items\": [\n{\"id\": \"a".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\"}]}".utf8)
        let message = try readingError(SnapshotFile(name: "latin1.json", bytes: bytes))
        #expect(message == "invalid input in latin1.json line 2, column 10: invalid UTF-8 byte 0xC3")
    }

    @Test func rawNULByteIsASyntaxError() throws {
        let bytes = Array("{\"id\": \"a\",\n \"name\": \"Ex".utf8) + [0] + Array("ports\"}".utf8)
        let message = try readingError(SnapshotFile(name: "nul.json", bytes: bytes))
        #expect(message.hasPrefix("invalid input in nul.json line 2, column 13: control character 0x0"))
    }

    @Test func escapedNULInNameIsRejected() throws {
        let message = try readingError(listSnapshot([s3Connection(["name": "Ex\u{0}ports"])]))
        #expect(message == "invalid input in snapshot.json record 1 (id acct-1): name: contains the control character U+0000; remove it")
    }

    @Test func duplicateMemberIsASyntaxError() throws {
        let message = try readingError(snapshot("{\"id\": \"a\",\n \"id\": \"b\"}"))
        #expect(message.contains("snapshot.json line 2, column 6: duplicate member name \"id\""))
    }

    // MARK: - Fields

    @Test func wrongTypesNameRecordAndField() throws {
        let cases: [(JSONValue, String)] = [
            (s3Connection(["name": 7]), "name: expected a string, found integer"),
            (s3Connection(["description": ["a"]]), "description: expected a string, found array"),
            (s3Connection(["connectionSpec": "s3"]), "connectionSpec: expected an object, found string"),
            (s3Connection(["connectionSpec": ["id": 4]]), "connectionSpec.id: expected a string, found integer"),
            (s3Connection(["auth": ["specName": true]]), "auth.specName: expected a string, found boolean"),
            (s3Connection(["auth": ["specName": "Access Key", "params": []]]), "auth.params: expected an object, found array"),
            (s3Connection(["auth": ["specName": "Access Key", "params": ["port": .null]]]),
                "auth.params.port: expected a string, number or boolean, found null"),
            (s3Connection(["auth": ["specName": "Access Key", "params": ["port": ["22"]]]]),
                "auth.params.port: expected a string, number or boolean, found array"),
            (s3Connection(["encryption": "PGP"]), "encryption: expected an object, found string"),
            (s3Connection(["encryption": ["params": ["publicKey": 1]]]), "encryption.params.publicKey: expected a string, found integer"),
            (s3Connection(["updatedAt": "2026-01-01"]), "updatedAt: expected an integer (milliseconds since 1970), found string"),
            (s3Connection(["createdAt": .double(1.5)]), "createdAt: expected an integer (milliseconds since 1970), found number"),
            (s3Connection(["updatedAt": -62_135_596_800_001]),
                "updatedAt: -62135596800001 is out of range; expected milliseconds since 1970 (negative before it) for a time from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z"),
            (s3Connection(["updatedBy": 12]), "updatedBy: expected a string, found integer"),
            (s3Connection(["etag": 3]), "etag: expected a string, found integer"),
        ]
        for (record, expected) in cases {
            let message = try readingError(listSnapshot([s3Connection(id: "ok"), record]))
            #expect(message == "invalid input in snapshot.json record 2 (id acct-1): \(expected)")
        }
    }

    @Test func missingRequiredFieldsAreNamed() throws {
        for field in ["name", "auth", "connectionSpec"] {
            let message = try readingError(listSnapshot([s3Connection(removing: [field])]))
            #expect(message == "invalid input in snapshot.json record 1 (id acct-1): \(field): missing; a base connection needs it")
        }
        let message = try readingError(listSnapshot([s3Connection(removing: ["id"])]))
        #expect(message == "invalid input in snapshot.json record 1: id: missing; a base connection needs it")
    }

    @Test func invalidIDIsNamedByIndexOnly() throws {
        let message = try readingError(listSnapshot([s3Connection(id: "acct 1; DROP TABLE events")]))
        #expect(message == "invalid input in snapshot.json record 1: id: may contain only ASCII letters, digits and . _ - : @")
    }

    @Test func oversizedValuesAreRejected() throws {
        let cases: [(JSONValue, String)] = [
            (s3Connection(["name": .string(String(repeating: "n", count: 257))]),
                "name: is 257 code points long; the maximum is 256"),
            (s3Connection(["description": .string(String(repeating: "d", count: 4_097))]),
                "description: is 4097 code points long; the maximum is 4096"),
            (s3Connection(["etag": .string(String(repeating: "e", count: 257))]),
                "etag: is 257 code points long; the maximum is 256"),
        ]
        for (record, expected) in cases {
            let message = try readingError(listSnapshot([record]))
            #expect(message == "invalid input in snapshot.json record 1 (id acct-1): \(expected)")
        }
        let longID = String(repeating: "i", count: 129)
        let message = try readingError(listSnapshot([s3Connection(id: longID)]))
        #expect(message == "invalid input in snapshot.json record 1: id: is longer than 128 bytes")
    }

    @Test func absentDescriptionIsEmpty() throws {
        let records = try SnapshotReader.records(in: listSnapshot([s3Connection()]))
        #expect(records[0].description == "")
    }
}
