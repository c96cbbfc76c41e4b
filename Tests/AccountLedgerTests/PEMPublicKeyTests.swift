import AccountLedger
import Foundation
import LedgerHarness
import Testing

/// PEM public keys for file encryption: libcrypto must read them, and a
/// key given without an algorithm is recorded under its own type.
@Suite struct PEMPublicKeyTests {
    @Test(arguments: [
        (SamplePublicKeys.rsa, "RSA"),
        (SamplePublicKeys.rsaPKCS1, "RSA"),
        (SamplePublicKeys.ec, "EC"),
        (SamplePublicKeys.ed25519, "ED25519"),
        ("-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQEN\n-----END PGP PUBLIC KEY BLOCK-----", "PGP/GPG"),
    ])
    func defaultAlgorithmNamesKeyType(key: String, expected: String) {
        #expect(EncryptionKey.defaultAlgorithm(for: key) == expected)
    }

    @Test func madeUpPEMBodyIsRejected() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let key = "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----"
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.save(
                .setEncryptionKey(publicKey: key, algorithm: "RSA"), accountID: "a1",
                context: context(at: "2026-01-02T00:00:00Z"))
        }
        #expect(error.category == .badInput)
        #expect("\(error)".contains("libcrypto cannot read a public key from it"), "\(error)")
        #expect(try fixture.ledger.eventCount() == 1)
    }

    @Test func commandLineRecordsRSAForPEMKey() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let keyFile = ledger.folder.appendingPathComponent("partner.pem")
        try SamplePublicKeys.rsa.write(to: keyFile, atomically: true, encoding: .utf8)
        let output = try ledger.run(["set-encryption-key", "s3", "--public-key-file", keyFile.path])
        try #require(output.status == 0, "\(output.standardError)")
        let state = try JSONParser.parse(try ledger.run(["show", "s3", "--json"]).standardOutput)
        #expect(state["encryptionKey"]?["algorithm"] == .string("RSA"))
    }

    /// The decoder kept a pointer to a temporary copy of "PEM" that was freed
    /// before decoding. The first key read of a process then failed in about
    /// one process in ten, when the memory had been reused, and the key was
    /// recorded as PGP/GPG or rejected. Thirty processes all pass only when
    /// the decoder's input type stays valid.
    @Test func everyProcessReadsPEMKey() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        var failures: [String] = []
        for run in 0..<30 {
            let key = SamplePublicKeys.all[run % SamplePublicKeys.all.count]
            let output = try ledger.run(["set-encryption-key", "s3", "--public-key-file", "-"], input: key)
            if output.status != 0 {
                failures.append(output.standardError)
            }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func importRecordsRSAForPEMKey() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection(etag: "\"e-1\"", ["encryption": ["params": ["publicKey": .string(SamplePublicKeys.rsa)]]])
        try fixture.ledger.importSnapshot(listSnapshot([record]))
        #expect(try fixture.ledger.account(id: "acct-1").encryptionKey?.algorithm == "RSA")
    }
}

/// A public key file contains exactly one key. Only whitespace may come
/// before its BEGIN line or after its END line, and no second BEGIN line.
@Suite struct SinglePublicKeyTests {
    private static let pgp = "-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQEN\n-----END PGP PUBLIC KEY BLOCK-----"

    private func rejection(of key: String) throws -> String {
        try encryptionKeyRejection(of: key, algorithm: "RSA")
    }

    @Test func twoPEMKeysAreRejected() throws {
        let message = try rejection(of: SamplePublicKeys.ec + "\n" + SamplePublicKeys.rsa)
        #expect(message.contains("contains a second -----BEGIN line"), "\(message)")
    }

    @Test func textAfterPEMKeyIsRejected() throws {
        let message = try rejection(of: SamplePublicKeys.ec + "\nsent from my phone\n")
        #expect(message.contains("has text after its -----END line"), "\(message)")
    }

    @Test func textBeforePEMKeyIsRejected() throws {
        let message = try rejection(of: "partner key:\n" + SamplePublicKeys.rsa)
        #expect(message.contains("has text before its -----BEGIN line"), "\(message)")
    }

    @Test func twoPGPBlocksAreRejected() throws {
        let message = try rejection(of: Self.pgp + "\n" + Self.pgp)
        #expect(message.contains("contains a second -----BEGIN line"), "\(message)")
    }

    @Test func textAfterPGPBlockIsRejected() throws {
        let message = try rejection(of: Self.pgp + "\n-- \nSigned\n")
        #expect(message.contains("has text after its -----END line"), "\(message)")
    }

    @Test func mismatchedEndLineIsRejected() throws {
        let message = try rejection(of: "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PGP PUBLIC KEY BLOCK-----")
        #expect(message.contains("ends with -----END PGP PUBLIC KEY BLOCK-----"), "\(message)")
    }

    @Test func surroundingWhitespaceIsAccepted() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(
            .setEncryptionKey(publicKey: "\n  " + SamplePublicKeys.ec + "\r\n\n", algorithm: "EC"), accountID: "a1",
            context: context(at: "2026-01-02T00:00:00Z"))
        #expect(try fixture.ledger.account(id: "a1").encryptionKey?.algorithm == "EC")
    }

    @Test func commandLineRejectsTwoKeys() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        let keyFile = ledger.folder.appendingPathComponent("partner.pem")
        try (SamplePublicKeys.ec + "\n" + SamplePublicKeys.rsa + "\n").write(to: keyFile, atomically: true, encoding: .utf8)
        let before = try ledger.snapshot()
        let output = try ledger.run(["set-encryption-key", "s3", "--public-key-file", keyFile.path])
        #expect(output.status == 5)
        #expect(output.standardError.contains("contains a second -----BEGIN line"), "\(output.standardError)")
        #expect(try ledger.snapshot() == before)
    }
}

/// An algorithm named for a PEM key must be one the key can serve: not PGP,
/// which needs a PGP key block, and not another PEM key type.
@Suite struct EncryptionAlgorithmFitTests {
    @Test func pgpAlgorithmForPEMKeyIsRejected() throws {
        let message = try encryptionKeyRejection(of: SamplePublicKeys.rsa, algorithm: "PGP/GPG")
        #expect(message.contains("names PGP, but the key is a PEM RSA public key"), "\(message)")
    }

    @Test func otherPEMTypeIsRejected() throws {
        let message = try encryptionKeyRejection(of: SamplePublicKeys.ec, algorithm: "rsa")
        #expect(message.contains("names RSA, but the key is a PEM EC public key"), "\(message)")
    }

    @Test func unlistedAlgorithmNameIsKept() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(
            .setEncryptionKey(publicKey: SamplePublicKeys.rsa, algorithm: "RSA-OAEP-256"), accountID: "a1",
            context: context(at: "2026-01-02T00:00:00Z"))
        #expect(try fixture.ledger.account(id: "a1").encryptionKey?.algorithm == "RSA-OAEP-256")
    }

    @Test func pgpBlockMayNameRSA() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let block = "-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQEN\n-----END PGP PUBLIC KEY BLOCK-----"
        try fixture.ledger.save(
            .setEncryptionKey(publicKey: block, algorithm: "RSA"), accountID: "a1",
            context: context(at: "2026-01-02T00:00:00Z"))
        #expect(try fixture.ledger.account(id: "a1").encryptionKey?.algorithm == "RSA")
    }

    /// A list that an earlier build imported must import again: the
    /// record's checks run before its etag is compared, so a rejection
    /// here failed every later import of the same list.
    @Test func importKeepsPlatformAlgorithmForPEMKey() throws {
        let fixture = try TemporaryLedger()
        let record = s3Connection(etag: "\"e-1\"", [
            "encryption": ["params": ["publicKey": .string(SamplePublicKeys.rsa), "encryptionAlgo": "PGP/GPG"]],
        ])
        try fixture.ledger.importSnapshot(listSnapshot([record]))
        let stored = try fixture.ledger.eventCount()
        try fixture.ledger.importSnapshot(listSnapshot([record]))
        #expect(try fixture.ledger.account(id: "acct-1").encryptionKey?.algorithm == "PGP/GPG")
        #expect(try fixture.ledger.eventCount() == stored)
    }
}

/// Returns the message of the error that setting `key` under `algorithm`
/// raises, checking that it is bad input and that nothing was appended.
private func encryptionKeyRejection(of key: String, algorithm: String) throws -> String {
    let fixture = try TemporaryLedger()
    try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
    let error = try #require(throws: LedgerError.self) {
        try fixture.ledger.save(
            .setEncryptionKey(publicKey: key, algorithm: algorithm), accountID: "a1",
            context: context(at: "2026-01-02T00:00:00Z"))
    }
    #expect(error.category == .badInput)
    #expect(try fixture.ledger.eventCount() == 1)
    return "\(error)"
}

/// Algorithm names of a known key family are checked against a PEM key's
/// type by their letters and digits, whatever the case, spaces or dashes.
@Suite struct EncryptionAlgorithmFamilyTests {
    @Test(arguments: [" EC", "EC ", "e-c", "ECDSA", "ES256", "ECDH-ES+A256KW", "ECC", "EdDSA", "X25519", "DSA"])
    func otherFamilyForRSAKeyIsRejected(_ algorithm: String) throws {
        let message = try encryptionKeyRejection(of: SamplePublicKeys.rsa, algorithm: algorithm)

        #expect(message.contains("but the key is a PEM RSA public key"), "\(message)")
    }

    @Test(arguments: ["RSA-OAEP", "RSA_OAEP_256", "rsa oaep 256", "RSA1_5", "RS256"])
    func rsaFamilyForECKeyIsRejected(_ algorithm: String) throws {
        let message = try encryptionKeyRejection(of: SamplePublicKeys.ec, algorithm: algorithm)

        #expect(message.contains("names \(algorithm), an algorithm for RSA keys, but the key is a PEM EC public key"), "\(message)")
    }

    @Test func encryptionForRSAPSSKeyIsRejected() throws {
        let message = try encryptionKeyRejection(of: SamplePublicKeys.rsaPSS, algorithm: "RSA-OAEP")

        #expect(message.contains("names RSA-OAEP, an algorithm for RSA keys, but the key is a PEM RSA-PSS public key"), "\(message)")
    }

    @Test(arguments: ["PS256", "RSASSA-PSS", "RSA-PSS"])
    func pssNameForRSAPSSKeyIsKept(_ algorithm: String) throws {
        #expect(try recordedAlgorithm(of: SamplePublicKeys.rsaPSS, algorithm: algorithm) == algorithm)
    }

    /// A plain RSA key can make PSS signatures too.
    @Test(arguments: ["PS256", "RSASSA-PSS", "RSA-PSS"])
    func pssNameForRSAKeyIsKept(_ algorithm: String) throws {
        #expect(try recordedAlgorithm(of: SamplePublicKeys.rsa, algorithm: algorithm) == algorithm)
    }

    @Test func plainRSAForRSAPSSKeyIsRejected() throws {
        let message = try encryptionKeyRejection(of: SamplePublicKeys.rsaPSS, algorithm: "RSA")

        #expect(message.contains("names RSA, but the key is a PEM RSA-PSS public key"), "\(message)")
    }

    @Test func pssForECKeyIsRejected() throws {
        let message = try encryptionKeyRejection(of: SamplePublicKeys.ec, algorithm: "PS512")

        #expect(message.contains("an algorithm for RSA or RSA-PSS keys, but the key is a PEM EC public key"), "\(message)")
    }

    /// Suffixes after a JOSE name, and full-width letters and digits, do
    /// not hide the family.
    @Test(arguments: ["ES256K", "ES256 (P-256)", "\u{FF25}\u{FF33}\u{FF12}\u{FF15}\u{FF16}"])
    func disguisedECNameForRSAKeyIsRejected(_ algorithm: String) throws {
        let message = try encryptionKeyRejection(of: SamplePublicKeys.rsa, algorithm: algorithm)

        #expect(message.contains("an algorithm for EC or SM2 keys, but the key is a PEM RSA public key"), "\(message)")
    }

    @Test(arguments: ["ECDSA", "es384", "ECDH-ES"])
    func ecFamilyForECKeyIsKept(_ algorithm: String) throws {
        #expect(try recordedAlgorithm(of: SamplePublicKeys.ec, algorithm: algorithm) == algorithm)
    }

    /// Curve names and GnuPG were recorded as given for an RSA key.
    @Test(arguments: ["EC P-256", "P-384", "secp256k1"])
    func curveNameForRSAKeyIsRejected(_ algorithm: String) throws {
        let message = try encryptionKeyRejection(of: SamplePublicKeys.rsa, algorithm: algorithm)

        #expect(message.contains("an algorithm for EC or SM2 keys, but the key is a PEM RSA public key"), "\(message)")
    }

    /// ECIES over Curve25519 was rejected for an X25519 key.
    @Test(arguments: ["ECIES-X25519", "ECDH-ES"])
    func keyAgreementNameForX25519KeyIsKept(_ algorithm: String) throws {
        #expect(try recordedAlgorithm(of: SamplePublicKeys.x25519, algorithm: algorithm) == algorithm)
    }

    @Test func gnuPGForPEMKeyIsRejected() throws {
        let message = try encryptionKeyRejection(of: SamplePublicKeys.rsa, algorithm: "GnuPG")

        #expect(message.contains("names PGP, but the key is a PEM RSA public key"), "\(message)")
    }

    /// Only the names the README lists with "…" match as prefixes, so
    /// ECC2 is a name of no known family.
    @Test func eccWithSuffixIsKept() throws {
        #expect(try recordedAlgorithm(of: SamplePublicKeys.rsa, algorithm: "ECC2") == "ECC2")
    }

    @Test func surroundingWhitespaceIsTrimmed() throws {
        #expect(try recordedAlgorithm(of: SamplePublicKeys.rsa, algorithm: " RSA\t") == "RSA")
    }

    @Test func unknownNameIsKept() throws {
        #expect(try recordedAlgorithm(of: SamplePublicKeys.rsa, algorithm: "AES-256 envelope") == "AES-256 envelope")
    }

    private func recordedAlgorithm(of key: String, algorithm: String) throws -> String? {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(
            .setEncryptionKey(publicKey: key, algorithm: algorithm), accountID: "a1",
            context: context(at: "2026-01-02T00:00:00Z"))
        return try fixture.ledger.account(id: "a1").encryptionKey?.algorithm
    }
}
