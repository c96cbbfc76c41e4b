@testable import AccountLedger
import Foundation
import Testing

/// A save or import that sets a credential expiry at or before the change's
/// occurred time is stored as given, but standard error gets one "Warning:"
/// line with the account and both times. Such a save used to pass without
/// a word, so a mistyped year went unnoticed. Standard output and `--json`
/// stay as they are.
@Suite struct PastExpiryWarningTests {
    private func connectBearer(
        _ ledger: CommandLineLedger, occurredAt: String, expiresAt: String, json: Bool = false
    ) throws -> LedgerProcess.Output {
        try ledger.run(
            ["connect", "--id", "crm", "--destination", "in-house-crm", "--type", "bearer-token", "--name", "CRM",
             "--secret", "token=stdin", "--occurred-at", occurredAt, "--expires-at", expiresAt]
                + (json ? ["--json"] : []),
            input: "token-1\n")
    }

    /// Writes a snapshot of Airship bearer-token records, one per
    /// `(id, expiresAt)`, all updated at `updatedAt`, and returns its path.
    private func writeAirshipSnapshot(
        _ ledger: CommandLineLedger, _ records: [(id: String, expiresAt: String)], updatedAt: String
    ) throws -> String {
        let items = records.map { record in
            s3Connection(id: record.id, updatedAt: updatedAt, [
                "connectionSpec": ["id": .string(SpecID.airship)],
                "auth": ["specName": "Bearer Token", "params": ["token": "t-1", "expiresAt": .string(record.expiresAt)]],
            ])
        }
        let path = ledger.folder.appendingPathComponent("airship.json").path
        try Data(listSnapshot(items).bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func connectWithPastExpiryWarns() throws {
        let ledger = try CommandLineLedger()

        let output = try connectBearer(ledger, occurredAt: "2026-03-01T00:00:00Z", expiresAt: "2026-01-01T00:00:00Z")

        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput == "Connected account crm: AccountConnected at position 1; now at version 1.\n")
        #expect(output.standardError == "Warning: account crm: the credential's expiry 2026-01-01T00:00:00Z is before "
            + "the event's occurred time 2026-03-01T00:00:00Z, so the account is expired from this change on.\n")
        #expect(try ledger.snapshot()["accounts"]?.count == 1)
    }

    @Test func expiryAtOccurredTimeWarns() throws {
        let ledger = try CommandLineLedger()

        let output = try connectBearer(ledger, occurredAt: "2026-03-01T00:00:00Z", expiresAt: "2026-03-01T00:00:00Z")

        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardError == "Warning: account crm: the credential's expiry 2026-03-01T00:00:00Z is equal "
            + "to the event's occurred time 2026-03-01T00:00:00Z, so the account is expired from this change on.\n")
    }

    @Test func laterExpiryDoesNotWarn() throws {
        let ledger = try CommandLineLedger()

        let output = try connectBearer(ledger, occurredAt: "2026-03-01T00:00:00Z", expiresAt: "2026-03-01T00:00:00.001Z")

        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardError == "")
    }

    @Test func jsonOutputStaysOneObject() throws {
        let ledger = try CommandLineLedger()

        let output = try connectBearer(
            ledger, occurredAt: "2026-03-01T00:00:00Z", expiresAt: "2026-01-01T00:00:00Z", json: true)

        #expect(output.status == 0, "\(output.standardError)")
        let lines = output.standardOutput.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try JSONParser.parse(String(lines[0]))
        #expect(object["accountId"]?.stringValue == "crm")
        #expect(output.standardError.hasPrefix("Warning: account crm: the credential's expiry"))
    }

    @Test func editAndReconnectWarn() throws {
        let ledger = try CommandLineLedger()
        try #require(try connectBearer(
            ledger, occurredAt: "2026-03-01T00:00:00Z", expiresAt: "2027-01-01T00:00:00Z").standardError == "")
        let edited = try ledger.run(
            ["edit", "crm", "--secret", "token=stdin", "--occurred-at", "2026-03-02T00:00:00Z",
             "--expires-at", "2026-02-01T00:00:00Z"],
            input: "token-2\n")
        let oauth = try ledger.run(
            ["connect", "--id", "ads", "--destination", "google-ads", "--name", "Ads", "--secret", "accessToken=stdin",
             "--occurred-at", "2026-03-01T00:00:00Z", "--expires-at", "2027-01-01T00:00:00Z"],
            input: "access-1\n")
        try #require(oauth.status == 0, "\(oauth.standardError)")

        let reconnected = try ledger.run(
            ["reconnect", "ads", "--secret", "accessToken=stdin", "--occurred-at", "2026-03-05T00:00:00Z",
             "--expires-at", "2026-03-04T00:00:00Z"],
            input: "access-2\n")

        #expect(edited.status == 0, "\(edited.standardError)")
        #expect(edited.standardError == "Warning: account crm: the credential's expiry 2026-02-01T00:00:00Z is before "
            + "the event's occurred time 2026-03-02T00:00:00Z, so the account is expired from this change on.\n")
        #expect(reconnected.status == 0, "\(reconnected.standardError)")
        #expect(reconnected.standardError == "Warning: account ads: the credential's expiry 2026-03-04T00:00:00Z is "
            + "before the event's occurred time 2026-03-05T00:00:00Z, so the account is expired from this change on.\n")
    }

    @Test func idempotentRetryDoesNotWarnAgain() throws {
        let ledger = try CommandLineLedger()
        let arguments = ["--idempotency-key", "k1"]
        let first = try ledger.run(
            ["connect", "--id", "crm", "--destination", "in-house-crm", "--type", "bearer-token", "--name", "CRM",
             "--secret", "token=stdin", "--occurred-at", "2026-03-01T00:00:00Z", "--expires-at", "2026-01-01T00:00:00Z"]
                + arguments,
            input: "token-1\n")
        try #require(first.standardError.hasPrefix("Warning: "), "\(first.standardError)")

        let retry = try ledger.run(
            ["connect", "--id", "crm", "--destination", "in-house-crm", "--type", "bearer-token", "--name", "CRM",
             "--secret", "token=stdin", "--occurred-at", "2026-03-01T00:00:00Z", "--expires-at", "2026-01-01T00:00:00Z"]
                + arguments,
            input: "token-1\n")

        #expect(retry.status == 0, "\(retry.standardError)")
        #expect(retry.standardOutput.hasPrefix("Already applied"))
        #expect(retry.standardError == "")
    }

    @Test func importOfOneRecordWarnsLikeSave() throws {
        let ledger = try CommandLineLedger()
        let path = try writeAirshipSnapshot(
            ledger, [("air-1", "2026-01-01T00:00:00Z")], updatedAt: "2026-02-01T00:00:00Z")

        let output = try ledger.run(["import", path])

        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.hasPrefix("Imported 1 file (1 record): 1 connected"))
        #expect(output.standardError == "Warning: account air-1: the credential's expiry 2026-01-01T00:00:00Z is "
            + "before the event's occurred time 2026-02-01T00:00:00Z, so the account is expired from this change on.\n")
    }

    @Test func importOfManyRecordsWarnsOnce() throws {
        let ledger = try CommandLineLedger()
        let records = (1...7).map { (id: "air-\($0)", expiresAt: "2026-01-0\($0)T00:00:00Z") }
            + [(id: "air-later", expiresAt: "2027-01-01T00:00:00Z")]
        let path = try writeAirshipSnapshot(ledger, records, updatedAt: "2026-02-01T00:00:00Z")

        let output = try ledger.run(["import", path, "--json"])

        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.split(separator: "\n").count == 1)
        #expect(output.standardError == "Warning: 7 imported records set a credential expiry at or before the "
            + "event's occurred time, so those accounts are expired from that change on: "
            + "air-1 (expiry 2026-01-01T00:00:00Z, occurred 2026-02-01T00:00:00Z), "
            + "air-2 (expiry 2026-01-02T00:00:00Z, occurred 2026-02-01T00:00:00Z), "
            + "air-3 (expiry 2026-01-03T00:00:00Z, occurred 2026-02-01T00:00:00Z), "
            + "air-4 (expiry 2026-01-04T00:00:00Z, occurred 2026-02-01T00:00:00Z), "
            + "air-5 (expiry 2026-01-05T00:00:00Z, occurred 2026-02-01T00:00:00Z) and 2 more. "
            + "`ledger audit expired` lists every expired account.\n")
    }

    /// The warning's suggested command once read the default ledger when
    /// the import had --db.
    @Test func importWarningNamesDatabaseGiven() throws {
        let ledger = try CommandLineLedger()
        let records = [(id: "air-1", expiresAt: "2026-01-01T00:00:00Z"), (id: "air-2", expiresAt: "2026-01-02T00:00:00Z")]
        let path = try writeAirshipSnapshot(ledger, records, updatedAt: "2026-02-01T00:00:00Z")

        let output = try ledger.run(["import", path, "--db", ledger.path])

        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardError.hasSuffix("`ledger audit --db \(ledger.path) expired` lists every expired account.\n"), "\(output.standardError)")
    }
}
