@testable import AccountLedger
import Foundation
import Testing

/// An account has at most 256 settings and 256 credential fields, however
/// they arrive: `connect`, `edit`, a snapshot import, or a loaded export.
@Suite struct AccountFieldCapTests {
    /// Returns an Amazon S3 record whose auth parameters are the two
    /// secrets the spec needs and `extra` more secrets of unknown names.
    private func recordWithSecrets(_ extra: Int) -> JSONValue {
        var params: [String: JSONValue] = ["s3AccessKey": "AKIAEXAMPLE0001", "s3SecretKey": "secret-1"]
        for index in 0..<extra {
            params["extraKey" + String(format: "%03d", index)] = .string("value-\(index)")
        }
        return s3Connection(["auth": ["specName": "Access Key", "params": .object(JSONObject(params))]])
    }

    // MARK: - Saves

    @Test func connectAcceptsCapOfSettings() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(settings: numberedSettings(256)), accountID: "s3", context: context())
        #expect(try fixture.ledger.account(id: "s3").settings.count == 256)
    }

    @Test func connectRejectsSettingBeyondCap() throws {
        let fixture = try TemporaryLedger()
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.save(s3Connect(settings: numberedSettings(257)), accountID: "s3", context: context())
        }
        #expect("\(error)" == "invalid input in settings: the account would hold 257 settings; an account holds at most 256")
        #expect(try fixture.ledger.eventCount() == 0)
    }

    @Test func editRejectsSettingBeyondCap() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(settings: numberedSettings(256)), accountID: "s3", context: context())
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.save(.edit(EditRequest(settings: ["region": "eu-west-1"])), accountID: "s3", context: context())
        }
        #expect("\(error)" == "invalid input in settings: the account would hold 257 settings; an account holds at most 256")
        #expect(try fixture.ledger.eventCount() == 1)
    }

    @Test func editAtCapChangesExistingSetting() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(settings: numberedSettings(256)), accountID: "s3", context: context())
        try fixture.ledger.save(.edit(EditRequest(settings: ["setting000": "changed"])), accountID: "s3", context: context())
        #expect(try fixture.ledger.account(id: "s3").settings["setting000"] == "changed")
    }

    // MARK: - Snapshot import

    @Test func importAcceptsCapOfCredentials() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.importSnapshot(listSnapshot([recordWithSecrets(254)]))
        #expect(try fixture.ledger.account(id: "acct-1").credentials.count == 256)
    }

    @Test func importRejectsCredentialBeyondCap() throws {
        let fixture = try TemporaryLedger()
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.importSnapshot(listSnapshot([recordWithSecrets(255)]))
        }
        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): auth.params: "
            + "the account would hold 257 credential fields; an account holds at most 256")
        #expect(try fixture.ledger.eventCount() == 0)
    }

    @Test func importRejectsParametersThatCannotFit() throws {
        // More parameters than the caps leave room for are rejected before
        // any of them is read.
        let fixture = try TemporaryLedger()
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.importSnapshot(listSnapshot([recordWithSecrets(600)]))
        }
        #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): auth.params: "
            + "has 602 parameters, but at most 515 fit in one account "
            + "(256 settings, 256 credential fields, a username, an expiry and authorizedDate)")
        #expect(try fixture.ledger.eventCount() == 0)
    }
}
