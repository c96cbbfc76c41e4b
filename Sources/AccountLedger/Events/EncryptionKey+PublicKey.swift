extension EncryptionKey {
    /// The algorithm recorded for a PGP key when none is named, which is
    /// the one the platform's file-encryption examples use.
    public static let defaultAlgorithm = "PGP/GPG"

    /// Returns the algorithm to record for `publicKey` when none is named:
    /// a PEM key's own type as libcrypto names it (`RSA`, `EC`, `ED25519`),
    /// because such a key cannot serve PGP, and `PGP/GPG` for other text.
    public static func defaultAlgorithm(for publicKey: String) -> String {
        guard isPEM(publicKey) else { return defaultAlgorithm }
        return PEMPublicKey.algorithm(of: publicKey) ?? defaultAlgorithm
    }

    private static func isPEM(_ text: String) -> Bool {
        text.contains("-----BEGIN PUBLIC KEY-----") || text.contains("-----BEGIN RSA PUBLIC KEY-----")
    }

    /// Checks public key text and returns the key it identifies: the
    /// SHA-256 of the text with surrounding whitespace trimmed, so the same
    /// key pasted with or without a final newline has one fingerprint.
    /// `ledger set-encryption-key` and the snapshot import both check keys here.
    ///
    /// - Parameters:
    ///   - keyField: where the key came from, for error messages.
    ///   - algorithmField: where the algorithm came from, for error messages.
    /// - Throws: `LedgerError.invalidInput` for a private key, an empty or
    ///   oversized key, a NUL character, text that is not exactly one PEM or
    ///   ASCII-armored public key, or an invalid algorithm name.
    static func checked(
        publicKey: String,
        algorithm: String,
        keyField: String = "public key",
        algorithmField: String = "algorithm"
    ) throws -> EncryptionKey {
        // First, so a private key is named as such whatever else is wrong:
        // its unkeyed SHA-256 must never be stored.
        guard !publicKey.contains("PRIVATE KEY") else {
            throw LedgerError.invalidInput(
                location: keyField,
                problem: "is a private key; give the public half: `openssl pkey -pubout` prints it for a PEM key, "
                    + "`gpg --armor --export` for a PGP key")
        }
        let trimmed = publicKey.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw LedgerError.invalidInput(location: keyField, problem: "is empty")
        }
        guard trimmed.utf8.count <= InputLimits.maximumPublicKeyBytes else {
            throw LedgerError.invalidInput(
                location: keyField, problem: "is larger than \(InputLimits.maximumPublicKeyBytes) bytes")
        }
        guard !trimmed.unicodeScalars.contains("\0") else {
            throw LedgerError.invalidInput(location: keyField, problem: "contains a NUL character")
        }
        guard trimmed.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----") || isPEM(trimmed) else {
            throw LedgerError.invalidInput(
                location: keyField,
                problem: "is not an ASCII-armored PGP public key block or a PEM public key "
                    + "(expected a -----BEGIN ... PUBLIC KEY----- line)")
        }
        let label: String
        do {
            label = try ArmorBlock.label(of: trimmed)
        } catch {
            throw LedgerError.invalidInput(
                location: keyField,
                problem: error.text + "; give exactly one public key, from its BEGIN line to its END line")
        }
        guard ["PGP PUBLIC KEY BLOCK", "PUBLIC KEY", "RSA PUBLIC KEY"].contains(label) else {
            throw LedgerError.invalidInput(
                location: keyField,
                problem: "is a -----BEGIN \(label)----- block, not a PEM public key or a PGP public key block")
        }
        // NOTE: a PGP key block is checked by its armor lines only, because
        // libcrypto does not read OpenPGP packets.
        if label != "PGP PUBLIC KEY BLOCK", PEMPublicKey.algorithm(of: trimmed) == nil {
            throw LedgerError.invalidInput(
                location: keyField,
                problem: "has a PEM public key line, but libcrypto cannot read a public key from it; "
                    + "copy the whole key, from its BEGIN line to its END line")
        }
        try InputLimits.checkLine(algorithm, field: algorithmField, maximumLength: 64)
        return EncryptionKey(algorithm: algorithm, fingerprint: Hex.encode(Digest.sha256(trimmed)))
    }
}
