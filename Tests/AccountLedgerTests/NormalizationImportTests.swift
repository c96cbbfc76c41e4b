@testable import AccountLedger
import Testing

/// Snapshot records whose texts differ from what the ledger stored only in
/// Unicode normalization. An etag, a name or an author in other bytes is
/// another value, even where Swift's `==` calls the two equal.
@Suite struct NormalizationImportTests {
    /// Returns an SFTP record whose texts are all `text` except `field`, which is `changed`.
    private func sftpRecord(
        _ text: String, updatedAt: String, etag: String, field: AccountText? = nil, changed: String = ""
    ) -> JSONValue {
        func value(_ member: AccountText) -> JSONValue { .string(member == field ? changed : text) }
        return s3Connection(updatedAt: updatedAt, etag: etag, [
            "connectionSpec": ["id": .string(SpecID.sftp)],
            "name": value(.name),
            "description": value(.description),
            "auth": [
                "specName": "SFTP with Password",
                "params": ["username": value(.username), "domain": value(.setting), "password": "pw-1"],
            ],
        ])
    }

    @discardableResult
    private func importRecords(_ records: [JSONValue], into ledger: Ledger) throws -> SnapshotImportResult {
        try ledger.importSnapshot(listSnapshot(records))
    }

    @Test(arguments: AccountText.allCases)
    func fieldInOtherNormalizationChanges(_ field: AccountText) throws {
        let fixture = try TemporaryLedger()
        try importRecords([sftpRecord(composedCafe, updatedAt: "2026-01-01T00:00:00Z", etag: "e-1")], into: fixture.ledger)
        let record = sftpRecord(
            composedCafe, updatedAt: "2026-01-02T00:00:00Z", etag: "e-2", field: field, changed: decomposedCafe)

        let result = try importRecords([record], into: fixture.ledger)

        #expect(result.eventCount == 1)
        let state = try fixture.ledger.account(id: "acct-1")
        #expect(utf8Bytes(field.value(in: state)) == utf8Bytes(decomposedCafe))
    }

    @Test func etagInOtherNormalizationIsNew() throws {
        let fixture = try TemporaryLedger()
        try importRecords([s3Connection(etag: "\(composedCafe)-1")], into: fixture.ledger)
        let record = s3Connection(updatedAt: "2026-01-02T00:00:00Z", etag: "\(decomposedCafe)-1", ["name": "Renamed"])

        let result = try importRecords([record], into: fixture.ledger)

        #expect(result.eventCount == 1)
        #expect(try fixture.ledger.account(id: "acct-1").name == "Renamed")
    }

    @Test func olderEtagInOtherNormalizationIsUnknown() throws {
        let fixture = try TemporaryLedger()
        try importRecords(
            [s3Connection(updatedAt: "2026-01-02T00:00:00Z", etag: "\(composedCafe)-1")], into: fixture.ledger)
        let record = s3Connection(etag: "\(decomposedCafe)-1", ["name": "Renamed"])

        let error = try #require(throws: LedgerError.self) { try importRecords([record], into: fixture.ledger) }

        #expect("\(error)".contains(
            "updatedAt: 2026-01-01T00:00:00Z is earlier than the account's last recorded change at 2026-01-02T00:00:00Z"),
            "\(error)")
    }

    @Test func sameTimeEtagInOtherNormalizationIsNamed() throws {
        let fixture = try TemporaryLedger()
        try importRecords([s3Connection(etag: "\(composedCafe)-1")], into: fixture.ledger)
        let record = s3Connection(etag: "\(decomposedCafe)-1", ["name": "Renamed"])

        let error = try #require(throws: LedgerError.self) { try importRecords([record], into: fixture.ledger) }

        let expected = "the etag differs (\(decomposedCafe)-1, stored \(composedCafe)-1, which differ only in Unicode "
            + "normalization) and the record would change name;"
        #expect("\(error)".utf8.firstRange(of: expected.utf8) != nil, "\(error)")
    }

    @Test func authorInOtherNormalizationIsRejected() throws {
        let fixture = try TemporaryLedger()
        try importRecords([s3Connection(etag: "e-1", ["updatedBy": .string(composedCafe)])], into: fixture.ledger)
        let before = try databaseSnapshot(path: fixture.path)
        let record = s3Connection(etag: "e-1", ["updatedBy": .string(decomposedCafe)])

        let error = try #require(throws: LedgerError.self) { try importRecords([record], into: fixture.ledger) }

        #expect(error.category == .badInput)
        let expected = "invalid input in snapshot.json record 1 (id acct-1): updatedBy: is \(decomposedCafe), but the "
            + "ledger stored e-1 with a change by \(composedCafe), which differs from it only in Unicode "
            + "normalization; one etag cannot name two versions, so export the connection again and import the new file"
        // Bytes, because `==` would accept the two names in either order.
        #expect(utf8Bytes("\(error)") == utf8Bytes(expected), "\(error)")
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }
}
