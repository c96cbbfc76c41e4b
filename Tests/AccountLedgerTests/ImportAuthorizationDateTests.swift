@testable import AccountLedger
import Foundation
import Testing

/// A record's `authorizedDate` may be at most 15 minutes after the
/// record's own time, the allowance a save gives an occurred time, while
/// `verify` and `import --events` still read logs that an earlier build
/// wrote with a later date.
@Suite struct ImportAuthorizationDateTests {
    /// Returns a generic REST API (OAuth 2) record authorized at `date`.
    private func oauthRecord(authorizedDate: String, updatedAt: String = "2026-01-01T00:00:00Z") -> JSONValue {
        s3Connection(updatedAt: updatedAt, [
            "connectionSpec": ["id": .string(SpecID.genericREST)],
            "auth": ["specName": "OAuth2 Refresh Code", "params": [
                "accessToken": "A", "authorizedDate": .string(authorizedDate)]],
        ])
    }

    private func importError(_ record: JSONValue, into fixture: TemporaryLedger) throws -> LedgerError {
        try #require(throws: LedgerError.self) { try fixture.ledger.importSnapshot(listSnapshot([record])) }
    }

    /// Returns a ledger whose OAuth account `acct-1` was imported at
    /// 2026-01-01T09:30:00Z without an `authorizedDate`, so its grant is
    /// stored at that time of day.
    private func grantedAtNineThirty() throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        let record = s3Connection(updatedAt: "2026-01-01T09:30:00Z", [
            "connectionSpec": ["id": .string(SpecID.genericREST)],
            "auth": ["specName": "OAuth2 Refresh Code", "params": ["accessToken": "A"]],
        ])
        try fixture.ledger.importSnapshot(listSnapshot([record]))
        return fixture
    }

    /// The platform gives the grant's day, and the ledger stored the
    /// grant's time on that day: the record restates the grant. It was
    /// taken for a new grant at midnight, which reset the secret's age.
    @Test func dateOfStoredGrantIsNoChange() throws {
        let fixture = try grantedAtNineThirty()
        let before = try databaseSnapshot(path: fixture.path)

        let result = try fixture.ledger.importSnapshot(listSnapshot([
            oauthRecord(authorizedDate: "2026-01-01", updatedAt: "2026-01-02T00:00:00Z"),
        ]))

        #expect(result.unchangedCount == 1)
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    @Test func dateOfAnotherDayIsNewGrant() throws {
        let fixture = try grantedAtNineThirty()

        try fixture.ledger.importSnapshot(listSnapshot([
            oauthRecord(authorizedDate: "2026-01-02", updatedAt: "2026-01-02T12:00:00Z"),
        ]))

        #expect(try fixture.ledger.account(id: "acct-1").authorizedAt == Timestamp.milliseconds(from: "2026-01-02"))
    }

    /// A full time names one moment, so another time on the same day is a
    /// new grant.
    @Test func timeOnSameDayIsNewGrant() throws {
        let fixture = try grantedAtNineThirty()

        try fixture.ledger.importSnapshot(listSnapshot([
            oauthRecord(authorizedDate: "2026-01-01T11:00:00Z", updatedAt: "2026-01-02T00:00:00Z"),
        ]))

        #expect(try fixture.ledger.account(id: "acct-1").authorizedAt == Timestamp.milliseconds(from: "2026-01-01T11:00:00Z"))
    }

    @Test func farFutureDateIsRejected() throws {
        let fixture = try TemporaryLedger()
        let before = try databaseSnapshot(path: fixture.path)

        let error = try importError(oauthRecord(authorizedDate: "2150-01-01"), into: fixture)

        #expect(error.category == .badInput)
        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): auth.params.authorizedDate: "
            + "2150-01-01T00:00:00Z is more than 15 minutes after the record's updatedAt 2026-01-01T00:00:00Z; "
            + "a record cannot hold a grant made after it, so check the date")
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    @Test func dateAfterRecordTimeIsRejected() throws {
        let fixture = try TemporaryLedger()

        let error = try importError(oauthRecord(authorizedDate: "2026-01-02"), into: fixture)

        #expect("\(error)".contains("auth.params.authorizedDate: 2026-01-02T00:00:00Z is more than 15 minutes after"))
        #expect(try fixture.ledger.eventCount() == 0)
    }

    @Test func dateWithinAllowanceIsAccepted() throws {
        let fixture = try TemporaryLedger()

        try fixture.ledger.importSnapshot(listSnapshot([
            oauthRecord(authorizedDate: "2026-01-01T00:15:00Z", updatedAt: "2026-01-01T00:00:00Z")
        ]))

        #expect(try fixture.ledger.account(id: "acct-1").authorizedAt == time("2026-01-01T00:15:00Z"))
    }

    @Test func dateOneMillisecondPastAllowanceIsRejected() throws {
        let fixture = try TemporaryLedger()

        let error = try importError(
            oauthRecord(authorizedDate: "2026-01-01T00:15:00.001Z", updatedAt: "2026-01-01T00:00:00Z"), into: fixture)

        #expect("\(error)".contains("auth.params.authorizedDate: 2026-01-01T00:15:00.001Z is more than 15 minutes"))
    }

    @Test func untimedRecordIsLimitedByImportTime() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection(
            ["auth": ["specName": "Access Key", "params": ["s3SecretKey": "s", "authorizedDate": "2150-01-01"]]],
            removing: ["updatedAt"])

        let error = try importError(record, into: fixture)

        #expect("\(error)".contains("after the import's time"), "\(error)")
        #expect("\(error)".contains("because it has no updatedAt or createdAt"), "\(error)")
    }

    @Test func changedRecordWithLaterDateIsRejected() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(listSnapshot([oauthRecord(authorizedDate: "2026-01-01")]))
        let before = try databaseSnapshot(path: fixture.path)

        let error = try importError(
            oauthRecord(authorizedDate: "2150-01-01", updatedAt: "2026-02-01T00:00:00Z"), into: fixture)

        #expect("\(error)".contains("after the record's updatedAt 2026-02-01T00:00:00Z"), "\(error)")
        #expect(try databaseSnapshot(path: fixture.path) == before)
    }

    /// Each kind of bad string gets the reason an expiry gets, not a
    /// claim that the value is no string.
    @Test func badStringGetsAccurateReason() throws {
        let fixture = try TemporaryLedger()
        let cases: [(date: String, reason: String)] = [
            ("2026-09-10T05:00:00", "the time has no offset from UTC; add Z for UTC or an offset such as +01:00"),
            ("2026-02-30", "no such date or time (months 01-12, days within the month"),
            ("2026-01-01T00:00:00.0005Z", "more precise than a millisecond, the finest time the ledger stores"),
            ("2025-12-31T23:59:60Z", "second 60 is a leap second"),
            ("0000-12-31", "outside 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z"),
            ("26/10/2022", "expected a date (YYYY-MM-DD) or an RFC 3339 time (2024-03-03T14:00:00Z, any offset)"),
        ]

        for (date, reason) in cases {
            let error = try importError(oauthRecord(authorizedDate: date), into: fixture)

            #expect(error.category == .badInput, "\(date)")
            #expect("\(error)".hasPrefix(
                "invalid input in snapshot.json record 1 (id acct-1): auth.params.authorizedDate: \(reason)"),
                "\(date): \(error)")
        }
        #expect(try fixture.ledger.eventCount() == 0)
    }

    @Test func nonStringNamesFoundType() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection(["auth": ["specName": "Access Key", "params": [
            "s3SecretKey": "s", "authorizedDate": true]]])

        let error = try importError(record, into: fixture)

        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): auth.params.authorizedDate: "
            + "expected a date (YYYY-MM-DD) or an RFC 3339 time (2024-03-03T14:00:00Z, any offset) as a string, "
            + "found boolean")
    }

    /// An earlier build stored such dates, and a log cannot be edited, so
    /// `verify` and `import --events` keep accepting them.
    @Test func storedLaterDateStillVerifiesAndLoads() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(listSnapshot([oauthRecord(authorizedDate: "2026-01-01")]))
        try RawLedgerFile(path: fixture.path).rewrite(position: 1, rechain: true) { event in
            event.payloadText = event.payloadText.replacingOccurrences(
                of: "\"authorizedAt\":\(time("2026-01-01"))", with: "\"authorizedAt\":\(time("2150-01-01"))")
        }
        try fixture.ledger.rebuildProjections()
        #expect(try fixture.ledger.account(id: "acct-1").authorizedAt == time("2150-01-01"))

        #expect(try fixture.ledger.verify().eventCount == 1)
        let loaded = try fixture.loadIntoNewLedger(try fixture.exportLines())
        #expect(try loaded.result.get().eventCount == 1)
    }
}
