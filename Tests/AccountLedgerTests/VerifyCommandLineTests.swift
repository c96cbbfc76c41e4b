@testable import AccountLedger
import Foundation
import Testing

/// `ledger verify` and `ledger digest` as scripts see them: output, exit
/// statuses and messages. A class, so that the folder each test makes is
/// removed when the test ends.
@Suite final class VerifyCommandLineTests {
    private let folder: URL
    private let path: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("ledger.sqlite").path
        let environment = ["SECRET": "s3cret"]
        for arguments in [
            ["init", "--db", path],
            ["connect", "--db", path, "--id", "a1", "--destination", "amazon-s3", "--name", "Exports",
             "--secret", "accessKeyId=env:SECRET", "--secret", "secretKey=env:SECRET"],
            ["edit", "a1", "--db", path, "--name", "Exports EU"],
        ] {
            let output = try LedgerProcess.run(arguments, environment: environment)
            try #require(output.status == 0, "ledger \(arguments[0]) failed: \(output.standardError)")
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    private func file(_ name: String) -> String {
        folder.appendingPathComponent(name).path
    }

    private func signedReceipt() throws -> (receipt: String, publicKey: String) {
        let key = file("sign.key")
        let created = try LedgerProcess.run(["digest", "--new-sign-key", key])
        try #require(created.status == 0, "\(created.standardError)")
        let digest = try LedgerProcess.run(["digest", "--db", path, "--sign-key", key])
        try #require(digest.status == 0, "\(digest.standardError)")
        try digest.standardOutput.write(toFile: file("receipt.json"), atomically: true, encoding: .utf8)
        return (file("receipt.json"), key + ".pub")
    }

    @Test func verifyPassesOnUntouchedLedger() throws {
        let output = try LedgerProcess.run(["verify", "--db", path])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("Verified 2 events of 1 account:"))
    }

    @Test func failedVerifyWithJSONPrintsTheFault() throws {
        try RawLedgerFile(path: path).rewrite(position: 2, rechain: false) { $0.actor = "mallory" }
        let output = try LedgerProcess.run(["verify", "--db", path, "--json"])
        let report = try JSONParser.parse(output.standardOutput)
        #expect(output.status == 8)
        #expect(report["verified"] == .bool(false))
        #expect(report["position"] == .integer(2))
        #expect(report["detail"]?.stringValue?.contains("the event was altered") == true)
        #expect(output.standardError.contains("verification failed at position 2"))
    }

    @Test func publicKeyWrittenUnderStrictUmaskIsAccepted() throws {
        let key = file("strict.key")
        let created = try LedgerProcess.runShell(#"umask 077; exec "$LEDGER" digest --new-sign-key "$1""#.replacingOccurrences(of: "\"$1\"", with: "'\(key)'"))
        try #require(created.status == 0, "\(created.standardError)")
        let digest = try LedgerProcess.run(["digest", "--db", path, "--sign-key", key])
        try digest.standardOutput.write(toFile: file("strict.json"), atomically: true, encoding: .utf8)
        let output = try LedgerProcess.run(["verify", "--db", path, "--digest", file("strict.json"), "--public-key", key + ".pub"])
        #expect(output.status == 0, "\(output.standardError)")
    }

    @Test func existingPublicKeyFileStopsKeyCreation() throws {
        let key = file("taken.key")
        try "0000\n".write(toFile: key + ".pub", atomically: true, encoding: .utf8)
        let output = try LedgerProcess.run(["digest", "--new-sign-key", key])
        #expect(output.status == 5)
        #expect(output.standardError == "Error: invalid input in public key \(key).pub: already exists; refusing to overwrite a key\n")
        #expect(!FileManager.default.fileExists(atPath: key))
    }

    @Test func newSigningKeyIsOwnerOnly() throws {
        _ = try signedReceipt()
        let attributes = try FileManager.default.attributesOfItem(atPath: file("sign.key"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func signedReceiptVerifies() throws {
        let (receipt, publicKey) = try signedReceipt()
        let output = try LedgerProcess.run(["verify", "--db", path, "--digest", receipt, "--public-key", publicKey])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("still extends the receipt at position 2 (signature valid)"))
        let check = try LedgerProcess.run(["digest", "--check", receipt, "--public-key", publicKey])
        #expect(check.status == 0, "\(check.standardError)")
    }

    @Test func tamperedLogExitsWithIntegrityStatus() throws {
        let raw = try RawLedgerFile(path: path)
        try raw.execute("UPDATE events SET actor = 'mallory' WHERE position = 1")
        let output = try LedgerProcess.run(["verify", "--db", path])
        #expect(output.status == 8)
        #expect(output.standardError.hasPrefix("Error: verification failed at position 1: stored hash"))
    }

    @Test func forgedReceiptExitsWithIntegrityStatus() throws {
        let (receipt, publicKey) = try signedReceipt()
        let text = try String(contentsOfFile: receipt, encoding: .utf8)
        try text.replacingOccurrences(of: "\"position\": 2", with: "\"position\": 1")
            .write(toFile: receipt, atomically: true, encoding: .utf8)
        let output = try LedgerProcess.run(["verify", "--db", path, "--digest", receipt, "--public-key", publicKey])
        #expect(output.status == 8)
        #expect(output.standardError.contains("signature does not match its contents"))
    }

    @Test func forgedReceiptCheckNamesReceipt() throws {
        // The message was "verification failed at position 1", as if a log had been read.
        let (receipt, publicKey) = try signedReceipt()
        let text = try String(contentsOfFile: receipt, encoding: .utf8)
        try text.replacingOccurrences(of: "\"position\": 2", with: "\"position\": 1")
            .write(toFile: receipt, atomically: true, encoding: .utf8)
        let output = try LedgerProcess.run(["digest", "--check", receipt, "--public-key", publicKey])
        #expect(output.status == 8)
        #expect(output.standardError == "Error: check of receipt \(receipt) failed: signature does not match its contents; "
            + "the receipt was altered after it was signed\n")
    }

    @Test func corruptReceiptExitsWithBadInputStatus() throws {
        let (receipt, _) = try signedReceipt()
        try "{\"format\": \"ledger-receipt-1\", \"posi".write(toFile: receipt, atomically: true, encoding: .utf8)
        let output = try LedgerProcess.run(["verify", "--db", path, "--digest", receipt])
        #expect(output.status == 5)
        #expect(output.standardError.hasPrefix("Error: invalid input in receipt \(receipt): is not valid JSON"))
    }

    @Test func missingReceiptExitsWithBadInputStatus() throws {
        let output = try LedgerProcess.run(["verify", "--db", path, "--digest", file("nowhere.json")])
        #expect(output.status == 5)
        #expect(output.standardError.contains("missing or unreadable"))
    }

    @Test func privateKeyGivenAsPublicKeyIsNotEchoed() throws {
        let (receipt, _) = try signedReceipt()
        let privateKey = try String(contentsOfFile: file("sign.key"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        for keyFile in [file("sign.key"), path + ".key"] {
            let output = try LedgerProcess.run(["verify", "--db", path, "--digest", receipt, "--public-key", keyFile])
            #expect(output.status == 5)
            #expect(output.standardError.contains("readable only by its owner"))
            #expect(!output.standardError.contains(privateKey))
        }
    }

    @Test func mismatchedPublicKeyIsNamedByDigest() throws {
        let (receipt, _) = try signedReceipt()
        let otherKey = file("other.key")
        try #require(try LedgerProcess.run(["digest", "--new-sign-key", otherKey]).status == 0)
        let otherPublicKey = try String(contentsOfFile: otherKey + ".pub", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let output = try LedgerProcess.run(["verify", "--db", path, "--digest", receipt, "--public-key", otherKey + ".pub"])
        #expect(output.status == 8)
        #expect(output.standardError.contains("not by the given public key, whose SHA-256 starts "))
        #expect(!output.standardError.contains(otherPublicKey))
    }

    @Test func earlyFaultInALongLogExitsCleanly() throws {
        // A fault in the first batch made verify exit while the second
        // thread was still hashing the next batch, and the process often
        // crashed in libcrypto (status 139 or 134 instead of 8).
        let fixture = try TemporaryLedger()
        var saves = (0..<30).map { index in
            AccountSave(s3Connect(name: "Account \(index)"), accountID: "a\(index)", context: context(at: "2026-01-01T00:00:00Z"))
        }
        for edit in 0..<2_970 {
            let moment = time("2026-01-02") + Int64(edit) * 60_000
            saves.append(AccountSave(
                .edit(EditRequest(name: "Account v\(edit)")), accountID: "a\(edit % 30)",
                context: SaveContext(actor: "tester", occurredAt: moment)))
        }
        try fixture.ledger.save(saves)
        try RawLedgerFile(path: fixture.path).rewrite(position: 10, rechain: false) { $0.actor = "mallory" }
        for _ in 0..<10 {
            let output = try LedgerProcess.run(["verify", "--db", fixture.path])
            #expect(output.status == 8, "\(output.standardError)")
        }
    }

    // MARK: - A fingerprint key that does not load

    @Test func malformedEnvironmentKeyGivesReason() throws {
        // It printed only that the key did not load, not why.
        let output = try LedgerProcess.run(["verify", "--db", path], environment: ["LEDGER_KEY": "zz"])

        #expect(output.status == 0)
        #expect(output.standardOutput.contains(
            "The fingerprint key did not load, so only the form of ledger_metadata.key_check was checked. "
                + "The key loader reported: fingerprint key $LEDGER_KEY: expected 64 hexadecimal digits (a 32-byte key).\n"),
            "\(output.standardOutput)")
    }

    @Test func missingKeyFileGivesReason() throws {
        let missing = file("elsewhere.key")

        let output = try LedgerProcess.run(["verify", "--db", path, "--key-file", missing])

        #expect(output.status == 0)
        #expect(output.standardOutput.contains("The key loader reported: fingerprint key \(missing): missing;"),
                "\(output.standardOutput)")
    }

    @Test func keyFileOptionIsCompared() throws {
        let output = try LedgerProcess.run(["verify", "--db", path, "--key-file", path + ".key"])

        #expect(output.status == 0)
        #expect(output.standardOutput.contains("The fingerprint key matches ledger_metadata.key_check."))
    }

    @Test func keyLoadFailureNeverShowsKey() throws {
        // 63 digits: one short of a key, so the loader rejects it.
        let almostKey = String(repeating: "7", count: 63)

        let text = try LedgerProcess.run(["verify", "--db", path], environment: ["LEDGER_KEY": almostKey])
        let json = try LedgerProcess.run(["verify", "--db", path, "--json"], environment: ["LEDGER_KEY": almostKey])

        #expect(text.standardOutput.contains("expected 64 hexadecimal digits"))
        #expect(!text.combined.contains(almostKey))
        #expect(!json.combined.contains(almostKey))
    }

    @Test func jsonNamesKeyLoadFailure() throws {
        let output = try LedgerProcess.run(["verify", "--db", path, "--json"], environment: ["LEDGER_KEY": "zz"])

        #expect(output.status == 0)
        #expect(output.standardOutput.contains(
            #""key_load_failure": "fingerprint key $LEDGER_KEY: expected 64 hexadecimal digits (a 32-byte key)""#),
            "\(output.standardOutput)")
        #expect(output.standardOutput.contains(#""key_checked": false"#))
    }

    @Test func loadedKeyHasNoFailure() throws {
        let output = try LedgerProcess.run(["verify", "--db", path, "--json"])

        #expect(output.standardOutput.contains(#""key_checked": true"#))
        #expect(!output.standardOutput.contains("key_load_failure"))
    }
}
