@testable import AccountLedger
import Foundation
import Testing

/// `ledger_metadata.key_check`, which identifies the fingerprint key a
/// ledger was created with: `verify` fails when it is missing or malformed,
/// or when it does not match a key that can be loaded, and opening a ledger
/// without one names it as missing.
@Suite struct KeyCheckTests {
    private func populated() throws -> TemporaryLedger {
        let fixture = try TemporaryLedger.withEvents(1)
        // The tests remove or alter key_check, and every open rejects such a
        // file, so the events are checked against their schemas now instead
        // of when the fixture is released.
        fixture.checkEventSchemas()
        fixture.checksEventSchemas = false
        return fixture
    }

    private func runSQL(_ sql: String, on fixture: TemporaryLedger) throws {
        try RawLedgerFile(path: fixture.path).executeKeepingGuards(sql)
    }

    /// Moves the key file away, so no key can be loaded the usual way.
    private func hideKeyFile(_ fixture: TemporaryLedger) throws {
        try FileManager.default.moveItem(atPath: fixture.path + ".key", toPath: fixture.path + ".key.moved")
    }

    @Test func untouchedLedgerChecksKey() throws {
        let fixture = try populated()
        #expect(try fixture.ledger.verify().keyChecked)
        #expect(try fixture.ledger.verify().keyLoadFailure == nil)
    }

    @Test func deletedKeyCheckFailsVerify() throws {
        let fixture = try populated()
        try runSQL("DELETE FROM ledger_metadata WHERE name = 'key_check'", on: fixture)
        let failure = try #require(verificationFailure { _ = try fixture.ledger.verify() })
        #expect(failure.position == nil)
        #expect(failure.detail.hasPrefix("ledger_metadata has no key_check row"), "\(failure.detail)")
    }

    @Test func malformedKeyCheckFailsVerify() throws {
        let fixture = try populated()
        try hideKeyFile(fixture)
        for value in ["abc", String(repeating: "A", count: 64), String(repeating: "0", count: 63) + "g"] {
            try runSQL("UPDATE ledger_metadata SET value = '\(value)' WHERE name = 'key_check'", on: fixture)
            let failure = try #require(verificationFailure { _ = try fixture.ledger.verify() }, "\(value)")
            #expect(failure.position == nil)
            #expect(failure.detail.contains("is not 64 lower-case hexadecimal digits"), "\(failure.detail)")
        }
    }

    @Test func otherKeysCheckFailsVerifyWithKey() throws {
        let fixture = try populated()
        let other = FingerprintKey.generate().checkValue
        try runSQL("UPDATE ledger_metadata SET value = '\(other)' WHERE name = 'key_check'", on: fixture)
        let failure = try #require(verificationFailure { _ = try fixture.ledger.verify() })
        #expect(failure.position == nil)
        #expect(failure.detail.contains("does not match the fingerprint key"), "\(failure.detail)")
        #expect(failure.detail.contains(fixture.path + ".key"))
    }

    @Test func verifyWithoutKeyStillPasses() throws {
        // verify never needed the key; a well-formed key_check is all it
        // can check without one.
        let fixture = try populated()
        try hideKeyFile(fixture)
        let report = try fixture.ledger.verify()
        #expect(report.eventCount == 1)
        #expect(!report.keyChecked)
        #expect(report.keyLoadFailure == "fingerprint key \(fixture.path).key: missing; restore the key file made by "
            + "`ledger init` for this ledger, pass its path with --key-file, or set $LEDGER_KEY")
    }

    @Test func openAfterKeyCheckDeletedSaysMissing() throws {
        let fixture = try populated()
        try runSQL("DELETE FROM ledger_metadata WHERE name = 'key_check'", on: fixture)
        let error = try #require(throws: LedgerError.self) { try fixture.reopen(access: .write) }
        #expect(error.category == .storage)
        #expect("\(error)".contains("is not a ledger: ledger_metadata has no key_check row"), "\(error)")
        #expect(!"\(error)".contains("is not the key this ledger was created with"))
        #expect(try fixture.ledger.eventCount() == 1)
    }

    @Test func commandLineReportsKeyCheck() throws {
        let fixture = try populated()
        let verified = try LedgerProcess.run(["verify", "--db", fixture.path])
        #expect(verified.status == 0)
        #expect(verified.standardOutput.contains("The fingerprint key matches ledger_metadata.key_check."), "\(verified.standardOutput)")
        try runSQL("DELETE FROM ledger_metadata WHERE name = 'key_check'", on: fixture)
        let failed = try LedgerProcess.run(["verify", "--db", fixture.path])
        #expect(failed.status == 7)
        #expect(failed.standardError.hasPrefix(
            "Error: database \(fixture.path): is not a ledger: ledger_metadata has no key_check row"),
                "\(failed.standardError)")
        let connect = try LedgerProcess.run(
            ["connect", "--db", fixture.path, "--id", "a2", "--destination", "amazon-s3", "--name", "Two",
             "--secret", "accessKeyId=env:SECRET", "--secret", "secretKey=env:SECRET"],
            environment: ["SECRET": "s3cret"])
        #expect(connect.status == 7)
        #expect(connect.standardError.contains("is not a ledger: ledger_metadata has no key_check row"),
                "\(connect.standardError)")
    }
}
