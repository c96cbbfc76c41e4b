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
    ///   - algorithmMustFitKey: whether an algorithm that a PEM key cannot
    ///     serve is rejected. An import records the platform's value as
    ///     given: the platform accepted it, and a rejection would also fail
    ///     every later import of a list that an earlier build stored.
    /// - Throws: `LedgerError.invalidInput` for a private key, an empty or
    ///   oversized key, a NUL character, text that is not exactly one PEM or
    ///   ASCII-armored public key, or an invalid algorithm name.
    static func checked(
        publicKey: String,
        algorithm: String,
        keyField: String = "public key",
        algorithmField: String = "algorithm",
        algorithmMustFitKey: Bool = true
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
        var pemKeyType: String?
        if label != "PGP PUBLIC KEY BLOCK" {
            guard let keyType = PEMPublicKey.algorithm(of: trimmed) else {
                throw LedgerError.invalidInput(
                    location: keyField,
                    problem: "has a PEM public key line, but libcrypto cannot read a public key from it; "
                        + "copy the whole key, from its BEGIN line to its END line")
            }
            pemKeyType = keyType
        }
        // A command's algorithm is trimmed as an actor is, so that " EC"
        // is checked and recorded as EC. An import keeps the platform's text.
        let algorithm = algorithmMustFitKey ? algorithm.trimmingWhitespace() : algorithm
        try InputLimits.checkLine(algorithm, field: algorithmField, maximumLength: 64)
        if let pemKeyType, algorithmMustFitKey {
            try checkAlgorithm(algorithm, fitsPEMKeyOfType: pemKeyType, field: algorithmField)
        }
        return EncryptionKey(algorithm: algorithm, fingerprint: Hex.encode(Digest.sha256(trimmed)))
    }

    /// Rejects an algorithm that the PEM key cannot serve: PGP needs a PGP
    /// key block, and an algorithm of another key family would record a
    /// file encryption that the partner's key cannot do.
    private static func checkAlgorithm(_ algorithm: String, fitsPEMKeyOfType keyType: String, field: String) throws {
        let name = EncryptionAlgorithmName(algorithm)
        if name.namesPGP {
            throw LedgerError.invalidInput(
                location: field,
                problem: "names PGP, but the key is a PEM \(keyType) public key, which PGP cannot use; "
                    + "give the partner's ASCII-armored PGP public key block, or record the PEM key as \(keyType)")
        }
        guard let fitting = name.keyTypes, !fitting.contains(keyType.uppercased()) else {
            return
        }
        // A key type's own name is shown as libcrypto spells it.
        let named = fitting.count == 1 && name.isKeyType(fitting.first ?? "")
            ? fitting.first ?? algorithm
            : "\(algorithm), an algorithm for \(Self.listed(fitting.sorted())) keys"
        throw LedgerError.invalidInput(
            location: field,
            problem: "names \(named), but the key is a PEM \(keyType) public key; "
                + "record it as \(keyType), or leave the algorithm out")
    }

    /// Returns `items` as a list for a message: "A", "A or B", "A, B or C".
    private static func listed(_ items: [String]) -> String {
        guard let last = items.last, items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " or " + last
    }
}
