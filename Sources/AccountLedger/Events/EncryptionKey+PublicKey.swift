extension EncryptionKey {
    /// The algorithm recorded when none is named, which is the one the
    /// platform's file-encryption examples use.
    public static let defaultAlgorithm = "PGP/GPG"

    /// Checks public key text and returns the key it identifies: the
    /// SHA-256 of the text with surrounding whitespace trimmed, so the same
    /// key pasted with or without a final newline has one fingerprint.
    ///
    /// - Parameters:
    ///   - keyField: where the key came from, for error messages.
    ///   - algorithmField: where the algorithm came from, for error messages.
    /// - Throws: `LedgerError.invalidInput` for an empty or oversized key, a
    ///   NUL character, or an invalid algorithm name.
    static func checked(
        publicKey: String,
        algorithm: String,
        keyField: String = "public key",
        algorithmField: String = "algorithm"
    ) throws -> EncryptionKey {
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
        try InputLimits.checkLine(algorithm, field: algorithmField, maximumLength: 64)
        return EncryptionKey(algorithm: algorithm, fingerprint: Hex.encode(Digest.sha256(trimmed)))
    }
}
