extension EncryptionKey {
    /// The algorithm recorded when none is named, which is the one the
    /// platform's file-encryption examples use.
    public static let defaultAlgorithm = "PGP/GPG"

    /// Checks public key text and returns the key it identifies: the
    /// SHA-256 of the text with surrounding whitespace trimmed, so the same
    /// key pasted with or without a final newline has one fingerprint.
    /// `ledger set-encryption-key` and the snapshot import both check keys here.
    ///
    /// - Parameters:
    ///   - keyField: where the key came from, for error messages.
    ///   - algorithmField: where the algorithm came from, for error messages.
    /// - Throws: `LedgerError.invalidInput` for a private key, an empty or
    ///   oversized key, a NUL character, text that is not a PEM or
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
                problem: "is a private key; give the public half (for example `gpg --armor --export`)")
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
        let isArmored = trimmed.contains("-----BEGIN PGP PUBLIC KEY BLOCK-----")
        let isPEM = trimmed.contains("-----BEGIN PUBLIC KEY-----") || trimmed.contains("-----BEGIN RSA PUBLIC KEY-----")
        guard isArmored || isPEM else {
            throw LedgerError.invalidInput(
                location: keyField,
                problem: "is not an ASCII-armored PGP public key block or a PEM public key "
                    + "(expected a -----BEGIN ... PUBLIC KEY----- line)")
        }
        try InputLimits.checkLine(algorithm, field: algorithmField, maximumLength: 64)
        return EncryptionKey(algorithm: algorithm, fingerprint: Hex.encode(Digest.sha256(trimmed)))
    }
}
