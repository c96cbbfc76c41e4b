@testable import AccountLedger
import Testing

/// Numbers in snapshot records: each is taken as its JSON text, digits as
/// written, and no message quotes a number that could be a secret.
///
/// Records hold numbers as `.numberText`, which `JSONWriter` copies into
/// the snapshot unchanged, so each test controls the exact digits.
@Suite struct ImportNumberTests {
    /// Returns an S3 record with a numeric secret key and bucket name.
    func s3Record(
        secretKey: String, bucketName: String, updatedAt: String = "2026-01-01T00:00:00Z", etag: String
    ) -> JSONValue {
        s3Connection(updatedAt: updatedAt, etag: etag, [
            "auth": ["specName": "Access Key", "params": [
                "s3AccessKey": "AKIAEXAMPLE1",
                "s3SecretKey": .numberText(secretKey),
                "bucketName": .numberText(bucketName),
            ]],
        ])
    }

    /// Returns an Airship (bearer token) record with `params`.
    func bearerRecord(_ params: JSONValue) -> JSONValue {
        s3Connection([
            "connectionSpec": ["id": .string(SpecID.airship)],
            "auth": ["specName": "Bearer Token", "params": params],
        ])
    }

    func importError(_ records: [JSONValue], into ledger: Ledger) throws -> String {
        let error = try #require(throws: LedgerError.self) { try ledger.importSnapshot(listSnapshot(records)) }
        #expect(error.category == .badInput)
        return "\(error)"
    }

    // MARK: - Number text

    @Test func parametersKeepNumberText() throws {
        let record = s3Connection(["auth": ["specName": "Access Key", "params": [
            "s3SecretKey": .numberText("98765432109876543210"),
            "bucketName": .numberText("1234.5000"),
            "port": .numberText("22"),
            "ratio": .numberText("1E3"),
            "offset": .numberText("-0"),
            "tls": true,
        ]]])
        let parameters = try SnapshotReader.records(in: listSnapshot([record]))[0].parameters

        #expect(parameters["s3SecretKey"]?.value.value == "98765432109876543210")
        #expect(parameters["s3SecretKey"]?.type == .integer)
        #expect(parameters["bucketName"]?.value.value == "1234.5000")
        #expect(parameters["bucketName"]?.type == .number)
        #expect(parameters["port"]?.value.value == "22")
        #expect(parameters["port"]?.type == .integer)
        #expect(parameters["ratio"]?.value.value == "1E3")
        #expect(parameters["ratio"]?.type == .number)
        #expect(parameters["offset"]?.value.value == "-0")
        #expect(parameters["tls"]?.value.value == "true")
        #expect(parameters["tls"]?.type == .boolean)
    }

    @Test func bigNumericSecretRotationIsSeen() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(listSnapshot([
            s3Record(secretKey: "98765432109876543210", bucketName: "1", etag: "e1"),
        ]))
        let second = try fixture.ledger.importSnapshot(listSnapshot([
            s3Record(secretKey: "98765432109876543211", bucketName: "1", updatedAt: "2026-01-02T00:00:00Z", etag: "e2"),
        ]))

        #expect(second.changed == ["acct-1"])
        let key = try fixture.ledger.fingerprintKey()
        #expect(try fixture.ledger.account(id: "acct-1").credentials["secretKey"]
            == key.fingerprint(Secret("98765432109876543211")))
    }

    @Test func whoUsedFindsNumericSecretDigits() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(listSnapshot([
            s3Record(secretKey: "98765432109876543210", bucketName: "1", etag: "e1"),
        ]))

        let usages = try fixture.ledger.credentialUsage(of: Secret("98765432109876543210"))
        #expect(usages.map(\.accountID) == ["acct-1"])
        #expect(try fixture.ledger.credentialUsage(of: Secret("9.876543210987654e+19")).isEmpty)
    }

    @Test func numericSettingKeepsTrailingZeros() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(listSnapshot([
            s3Record(secretKey: "7", bucketName: "1234.5000", etag: "e1"),
        ]))

        #expect(try fixture.ledger.account(id: "acct-1").settings == ["bucketName": "1234.5000"])
    }

    // MARK: - Long numbers

    @Test func longNumericTokenIsAccepted() throws {
        let fixture = try TemporaryLedger()
        let token = "4242" + String(repeating: "7", count: 400)
        try fixture.ledger.importSnapshot(listSnapshot([bearerRecord(["token": .numberText(token)])]))

        let key = try fixture.ledger.fingerprintKey()
        #expect(try fixture.ledger.account(id: "acct-1").credentials["token"] == key.fingerprint(Secret(token)))
    }

    @Test func oversizedNumericTokenIsNotQuoted() throws {
        let fixture = try TemporaryLedger()
        let token = "4242" + String(repeating: "7", count: 16_381)
        let message = try importError([bearerRecord(["token": .numberText(token)])], into: fixture.ledger)

        #expect(message == "invalid input in snapshot.json record 1 (id acct-1): auth.params.token: the secret is 16385 bytes; the maximum is 16384")
        #expect(try fixture.ledger.eventCount() == 0)
    }

    @Test func hugeNumbersInIgnoredMembersAreIgnored() throws {
        let record = s3Connection([
            "imsOrgId": .numberText(String(repeating: "9", count: 500)),
            "version": .numberText("1e999"),
        ])
        #expect(try SnapshotReader.records(in: listSnapshot([record])).count == 1)
    }

    @Test func hugeTimeIsNotQuoted() throws {
        let record = s3Connection(["createdAt": .numberText(String(repeating: "9", count: 30))])
        let error = try #require(throws: LedgerError.self) { try SnapshotReader.records(in: listSnapshot([record])) }
        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): createdAt: a 30-digit integer is out of range; expected milliseconds since 1970 (negative before it) for a time from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z")
    }

    @Test func hugeExpiryIsNotQuoted() throws {
        let fixture = try TemporaryLedger()
        let expiry = JSONValue.numberText(String(repeating: "9", count: 30))
        let message = try importError([bearerRecord(["token": "t-1", "expiresAt": expiry])], into: fixture.ledger)

        #expect(message == "invalid input in snapshot.json record 1 (id acct-1): auth.params.expiresAt: a 30-digit integer is out of range; expected milliseconds since 1970 (negative before it) for a time from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z")
    }

    // MARK: - Times before 1970

    /// Times in milliseconds follow the range of times as text, year 0001
    /// to 9999, so a date before 1970 has a numeric form too.
    @Test func preEpochExpiryFormsAgree() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(listSnapshot([bearerRecord(["token": "t-1", "expiresAt": "1969-07-20"])]))
        #expect(try fixture.ledger.account(id: "acct-1").expiresAt == -14_256_000_000)

        let number = try fixture.ledger.importSnapshot(
            listSnapshot([bearerRecord(["token": "t-1", "expiresAt": .numberText("-14256000000")])]))
        #expect(number.unchangedCount == 1)
        let digits = try fixture.ledger.importSnapshot(
            listSnapshot([bearerRecord(["token": "t-1", "expiresAt": "-14256000000"])]))
        #expect(digits.unchangedCount == 1)
    }

    @Test func preEpochUpdatedAtIsAccepted() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(listSnapshot([s3Connection(["updatedAt": .numberText("-1")])]))
        #expect(try fixture.ledger.account(id: "acct-1").updatedAt == -1)
    }

    @Test func expiryBeforeYearOneIsRejectedInBothForms() throws {
        let fixture = try TemporaryLedger()
        let number = try importError(
            [bearerRecord(["token": "t-1", "expiresAt": .numberText("-62135596800001")])], into: fixture.ledger)
        #expect(number.hasSuffix("auth.params.expiresAt: -62135596800001 is out of range; expected milliseconds since "
            + "1970 (negative before it) for a time from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z"), "\(number)")

        let text = try importError(
            [bearerRecord(["token": "t-1", "expiresAt": "0000-12-31T23:59:59.999Z"])], into: fixture.ledger)
        #expect(text.contains("auth.params.expiresAt: "), "\(text)")
        #expect(text.contains("0001-01-01T00:00:00Z"), "\(text)")
        #expect(try fixture.ledger.eventCount() == 0)
    }

    // MARK: - Times written as digit strings

    @Test func digitStringExpiryIsMilliseconds() throws {
        for name in ["expiresAt", "expirationDate"] {
            let fixture = try TemporaryLedger()
            try fixture.ledger.importSnapshot(listSnapshot([bearerRecord(["token": "t-1", .init(name): "1700018000000"])]))
            #expect(try fixture.ledger.account(id: "acct-1").expiresAt == 1_700_018_000_000)
        }
    }

    @Test func digitStringExpiryMatchesNumber() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(listSnapshot([bearerRecord(["token": "t-1", "expiresAt": .numberText("1700018000000")])]))
        let result = try fixture.ledger.importSnapshot(listSnapshot([bearerRecord(["token": "t-1", "expiresAt": "1700018000000"])]))
        #expect(result.unchangedCount == 1)
    }

    @Test func hugeDigitStringExpiryIsOutOfRange() throws {
        let fixture = try TemporaryLedger()
        let expiry = JSONValue.string(String(repeating: "9", count: 30))
        let message = try importError([bearerRecord(["token": "t-1", "expiresAt": expiry])], into: fixture.ledger)

        #expect(message == "invalid input in snapshot.json record 1 (id acct-1): auth.params.expiresAt: a 30-digit integer is out of range; expected milliseconds since 1970 (negative before it) for a time from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z")
    }

    @Test func digitStringAuthorizedDateIsNoDate() throws {
        let fixture = try TemporaryLedger()
        let message = try importError([bearerRecord(["token": "t-1", "authorizedDate": "1700018000000"])], into: fixture.ledger)

        #expect(message == "invalid input in snapshot.json record 1 (id acct-1): auth.params.authorizedDate: "
            + "expected a date (YYYY-MM-DD) or an RFC 3339 time (2024-03-03T14:00:00Z, any offset), found only digits; "
            + "give the date, not milliseconds")
    }
}
