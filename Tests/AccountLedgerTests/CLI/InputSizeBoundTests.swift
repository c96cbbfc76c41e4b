import Foundation
import Testing

/// Input that is larger than any valid value is rejected once it passes
/// its bound, without being read to its end, so a huge or endless input
/// cannot exhaust memory before the size check.
@Suite struct InputSizeBoundTests {
    /// The bound of one snapshot file, as `SnapshotReader.maximumFileBytes`.
    static let snapshotBytes = 64 * 1024 * 1024

    /// Writes `byteCount` bytes of `a` without a line end to `name` in the
    /// ledger's folder and returns its path.
    private func longLine(_ byteCount: Int, named name: String, in ledger: CommandLineLedger) throws -> String {
        let path = ledger.folder.appendingPathComponent(name).path
        try Data(repeating: UInt8(ascii: "a"), count: byteCount).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Creates a sparse file of `byteCount` zero bytes, which takes no disk space.
    private func sparseFile(_ byteCount: Int, named name: String, in ledger: CommandLineLedger) throws -> String {
        let path = ledger.folder.appendingPathComponent(name).path
        let output = try ledger.runShell("truncate -s \(byteCount) '\(path)'")
        try #require(output.status == 0, "\(output.standardError)")
        return path
    }

    /// Runs `command` with `input` as standard input and returns its output
    /// and how far it read: the offset of the open file it shares with the
    /// shell, from `/proc/self/fdinfo/0`.
    private func runReadingOffset(
        _ ledger: CommandLineLedger, _ command: String, input: String
    ) throws -> (output: LedgerProcess.Output, offset: Int) {
        let script = #"{ "$LEDGER" "# + command + #"; echo "status $?"; grep '^pos:' /proc/self/fdinfo/0; } < '"# + input + "' 2>&1"
        let output = try ledger.runShell(script)
        let offsetLine = output.standardOutput.split(separator: "\n").first { $0.hasPrefix("pos:") }
        let offset = Int(offsetLine?.dropFirst(4).trimmingCharacters(in: .whitespaces) ?? "") ?? -1
        return (output, offset)
    }

    // MARK: - Secrets

    @Test func secretLineOverLimitIsNotReadWhole() throws {
        let ledger = try CommandLineLedger()
        let input = try longLine(1_048_576, named: "secret.txt", in: ledger)
        let before = try ledger.snapshot()

        let (output, offset) = try runReadingOffset(
            ledger, "connect --id z --destination sftp --name Z --username u --secret password=stdin", input: input)

        #expect(output.standardOutput.contains("status 5"), "\(output.standardOutput)")
        #expect(
            output.standardOutput.contains(
                "Error: invalid input in standard input line 1: is longer than 16384 bytes, the maximum for a secret"),
            "\(output.standardOutput)")
        // The limit, a carriage return and a line feed.
        #expect(offset > 0)
        #expect(offset <= 16_386)
        #expect(try ledger.snapshot() == before)
    }

    @Test func whoUsedReadsOnlyItsLine() throws {
        let ledger = try CommandLineLedger()
        let input = try longLine(1_048_576, named: "secret.txt", in: ledger)

        let (output, offset) = try runReadingOffset(ledger, "who-used", input: input)

        #expect(output.standardOutput.contains("status 5"), "\(output.standardOutput)")
        #expect(offset > 0)
        #expect(offset <= 16_386)
    }

    @Test func secretAtLimitWithCarriageReturnIsAccepted() throws {
        let ledger = try CommandLineLedger()
        let secret = String(repeating: "s", count: 16_384)

        let output = try ledger.run(
            ["connect", "--id", "z", "--destination", "sftp", "--name", "Z", "--username", "u",
             "--secret", "password=stdin"],
            input: secret + "\r\n")

        #expect(output.status == 0, "\(output.standardError)")
    }

    @Test func secretsOnFollowingLinesStillRead() throws {
        let ledger = try CommandLineLedger()

        let output = try ledger.run(
            ["connect", "--id", "z", "--destination", "amazon-s3", "--name", "Z",
             "--secret", "accessKeyId=stdin", "--secret", "secretKey=stdin"],
            input: "AKIAEXAMPLE0001\n" + String(repeating: "k", count: 16_384) + "\n")

        #expect(output.status == 0, "\(output.standardError)")
    }

    // MARK: - Snapshot files

    @Test func snapshotFileOverCapIsRejected() throws {
        let ledger = try CommandLineLedger()
        let path = try sparseFile(Self.snapshotBytes + 1, named: "big.json", in: ledger)
        let before = try ledger.snapshot()

        let output = try ledger.run(["import", path])

        #expect(output.status == 5)
        #expect(
            output.standardError.hasPrefix(
                "Error: invalid input in \(path): is larger than 64 MiB (67108864 bytes), the maximum for one snapshot file"),
            "\(output.standardError)")
        #expect(output.standardError.contains("split"), "\(output.standardError)")
        #expect(try ledger.snapshot() == before)
    }

    @Test func snapshotOnStandardInputOverCap() throws {
        let ledger = try CommandLineLedger()
        let path = try sparseFile(Self.snapshotBytes + 1, named: "big.json", in: ledger)

        let (output, offset) = try runReadingOffset(ledger, "import -", input: path)

        #expect(output.standardOutput.contains("status 5"), "\(output.standardOutput)")
        #expect(
            output.standardOutput.contains("Error: invalid input in standard input: is larger than 64 MiB"),
            "\(output.standardOutput)")
        // A regular file is rejected by its size, before any read.
        #expect(offset == 0)
    }

    // MARK: - Keys and receipts

    @Test func oversizedReceiptIsRejected() throws {
        let ledger = try CommandLineLedger()
        let path = try longLine(1_048_576, named: "receipt.json", in: ledger)

        let output = try ledger.run(["digest", "--check", path])

        #expect(output.status == 5)
        #expect(
            output.standardError == "Error: invalid input in receipt \(path): is larger than 65536 bytes, too large for a receipt\n",
            "\(output.standardError)")
    }

    @Test func oversizedFingerprintKeyIsRejected() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let path = try longLine(1_048_576, named: "big.key", in: ledger)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)

        let output = try ledger.run(
            ["edit", "s3", "--key-file", path, "--secret", "secretKey=stdin"], input: "secret-2\n")

        #expect(output.status == 7)
        #expect(
            output.standardError == "Error: fingerprint key \(path): is larger than 4096 bytes, too large for a key file\n",
            "\(output.standardError)")
    }

    @Test func oversizedSigningKeyIsRejected() throws {
        let ledger = try CommandLineLedger()
        let path = try longLine(1_048_576, named: "sign.key", in: ledger)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)

        let output = try ledger.run(["digest", "--sign-key", path])

        #expect(output.status == 5)
        #expect(
            output.standardError == "Error: invalid input in signing key \(path): is larger than 4096 bytes, too large for a key file\n",
            "\(output.standardError)")
    }

    @Test func oversizedVerifyingKeyIsRejected() throws {
        let ledger = try CommandLineLedger()
        let path = try longLine(1_048_576, named: "sign.key.pub", in: ledger)
        let receipt = ledger.folder.appendingPathComponent("receipt.json").path
        let digest = try ledger.run(["digest"])
        try #require(digest.status == 0, "\(digest.standardError)")
        try digest.standardOutput.write(toFile: receipt, atomically: true, encoding: .utf8)

        let output = try ledger.run(["digest", "--check", receipt, "--public-key", path])

        #expect(output.status == 5)
        #expect(
            output.standardError == "Error: invalid input in public key \(path): is larger than 4096 bytes, too large for a key file\n",
            "\(output.standardError)")
    }

    @Test func encryptionKeyOnStandardInputIsBounded() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let input = try longLine(1_048_576, named: "key.asc", in: ledger)

        let (output, offset) = try runReadingOffset(ledger, "set-encryption-key s3 --public-key-file -", input: input)

        #expect(output.standardOutput.contains("status 5"), "\(output.standardOutput)")
        #expect(
            output.standardOutput.contains("Error: invalid input in standard input: is larger than 65536 bytes"),
            "\(output.standardOutput)")
        // A regular file is rejected by its size, before any read.
        #expect(offset == 0)
    }
}
