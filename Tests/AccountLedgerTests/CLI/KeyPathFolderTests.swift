import Foundation
import Testing

/// Key options given a folder: the message calls it a folder, before any
/// check of its mode, because advice to `chmod 600` a folder fixes nothing.
@Suite struct KeyPathFolderTests {
    /// Returns a new folder inside the ledger's folder with `mode`.
    private func folder(in ledger: CommandLineLedger, mode: mode_t) throws -> String {
        let path = ledger.folder.appendingPathComponent("keys").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        try #require(chmod(path, mode) == 0)
        return path
    }

    private func expectFolderMessage(
        _ output: LedgerProcess.Output, status: Int32, prefix: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(output.status == status, sourceLocation: sourceLocation)
        #expect(output.standardError.hasPrefix("Error: \(prefix): is a folder"), "stderr: \(output.standardError)", sourceLocation: sourceLocation)
        #expect(!output.standardError.contains("chmod"), sourceLocation: sourceLocation)
    }

    @Test func fingerprintKeyFolderForWhoUsed() throws {
        let ledger = try CommandLineLedger()
        let keys = try folder(in: ledger, mode: 0o777)
        let output = try ledger.run(["who-used", "--key-file", keys], input: "x\n")
        expectFolderMessage(output, status: 7, prefix: "fingerprint key \(keys)")
    }

    @Test func fingerprintKeyFolderForEdit() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let keys = try folder(in: ledger, mode: 0o755)
        let before = try ledger.snapshot()
        let output = try ledger.run(["edit", "s3", "--secret", "secretKey=stdin", "--key-file", keys], input: "secret-2\n")
        expectFolderMessage(output, status: 7, prefix: "fingerprint key \(keys)")
        #expect(try ledger.snapshot() == before)
    }

    @Test func signingKeyFolderForDigest() throws {
        let ledger = try CommandLineLedger()
        let keys = try folder(in: ledger, mode: 0o755)
        let output = try ledger.run(["digest", "--sign-key", keys])
        expectFolderMessage(output, status: 5, prefix: "invalid input in signing key \(keys)")
    }

    @Test func publicKeyFolderForVerify() throws {
        let ledger = try CommandLineLedger()
        let receipt = ledger.folder.appendingPathComponent("receipt.json").path
        try ledger.run(["digest"]).standardOutput.write(toFile: receipt, atomically: true, encoding: .utf8)
        let keys = try folder(in: ledger, mode: 0o755)
        let verified = try ledger.run(["verify", "--digest", receipt, "--public-key", keys])
        expectFolderMessage(verified, status: 5, prefix: "invalid input in public key \(keys)")
        let checked = try ledger.run(["digest", "--check", receipt, "--public-key", keys])
        expectFolderMessage(checked, status: 5, prefix: "invalid input in public key \(keys)")
    }

    @Test func encryptionKeyFolderForSetKey() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let keys = try folder(in: ledger, mode: 0o755)
        let before = try ledger.snapshot()
        let output = try ledger.run(["set-encryption-key", "s3", "--public-key-file", keys])
        expectFolderMessage(output, status: 5, prefix: "invalid input in \(keys)")
        #expect(try ledger.snapshot() == before)
    }

    @Test func receiptFolderIsNamedFolder() throws {
        let ledger = try CommandLineLedger()
        let receipts = try folder(in: ledger, mode: 0o755)
        let output = try ledger.run(["verify", "--digest", receipts])
        expectFolderMessage(output, status: 5, prefix: "invalid input in receipt \(receipts)")
    }

    @Test func snapshotFolderIsNamedFolder() throws {
        let ledger = try CommandLineLedger()
        let snapshots = try folder(in: ledger, mode: 0o755)
        let output = try ledger.run(["import", snapshots])
        expectFolderMessage(output, status: 5, prefix: "invalid input in \(snapshots)")
    }

    /// A key named by --key-file or $LEDGER_KEY was ignored by a write that
    /// fingerprints no secret, so a wrong one went unnoticed.
    @Test(arguments: [
        (["--key-file", "/nonexistent/ledger.key"], [String: String]()),
        ([String](), ["LEDGER_KEY": "zz"]),
    ])
    func namedKeyIsCheckedByEveryWrite(options: [String], environment: [String: String]) throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let before = try ledger.snapshot()

        let output = try ledger.run(["activate", "s3", "--dataflow", "df1"] + options, environment: environment)

        #expect(output.status == 7, "\(output.standardError)")
        #expect(output.standardError.hasPrefix("Error: fingerprint key "), "\(output.standardError)")
        #expect(try ledger.snapshot() == before)
    }
}

