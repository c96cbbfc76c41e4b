extension DigestReceipt {
    /// Parses a receipt, checking every field.
    ///
    /// - Parameter source: the file name, used in error messages.
    /// - Throws: `LedgerError.invalidInput` naming the file and the field
    ///   when the text is not a well-formed receipt.
    public static func parse(_ bytes: [UInt8], source: String) throws -> DigestReceipt {
        let location = "receipt \(source)"
        func invalid(_ problem: String) -> LedgerError {
            LedgerError.invalidInput(location: location, problem: problem)
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw invalid("is not valid JSON: \(error)")
        }
        guard let members = value.objectValue else {
            throw invalid("expected a JSON object, found \(value.typeName)")
        }
        let known: Set<String> = ["format", "position", "hash", "taken_at", "signature", "public_key"]
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw invalid("unknown field \(unknown)")
        }
        guard members["format"]?.stringValue == format else {
            throw invalid("field format must be \"\(format)\"")
        }
        guard let position = members["position"]?.integerValue, position >= 0 else {
            throw invalid("field position must be a whole number, 0 or more")
        }
        guard let hash = members["hash"]?.stringValue, Hex.isEncoded(hash, count: 64) else {
            throw invalid("field hash must be 64 lower-case hexadecimal digits")
        }
        guard let takenText = members["taken_at"]?.stringValue, let takenAt = Timestamp.parse(takenText) else {
            throw invalid("field taken_at must be an RFC 3339 time")
        }
        let signature = members["signature"]?.stringValue
        let publicKey = members["public_key"]?.stringValue
        guard (members["signature"] == nil) == (members["public_key"] == nil) else {
            throw invalid("fields signature and public_key must appear together")
        }
        if members["signature"] != nil {
            guard let signature, Hex.isEncoded(signature, count: SigningKey.signatureLength * 2) else {
                throw invalid("field signature must be \(SigningKey.signatureLength * 2) lower-case hexadecimal digits")
            }
            guard let publicKey, Hex.isEncoded(publicKey, count: SigningKey.keyLength * 2) else {
                throw invalid("field public_key must be \(SigningKey.keyLength * 2) lower-case hexadecimal digits")
            }
        }
        if position == 0 && hash != RecordedEvent.genesisHash {
            throw invalid("a receipt at position 0 must carry the genesis hash (64 zeros)")
        }
        return DigestReceipt(position: position, hash: hash, takenAt: takenAt, signature: signature, publicKey: publicKey)
    }

    /// Checks the signature.
    ///
    /// With `trustedPublicKey`, the receipt must be signed by exactly that
    /// key; without it, a signed receipt is checked against the key it
    /// carries, which catches damage but not a forger who signs with a key
    /// of their own.
    ///
    /// - Returns: whether a signature was checked.
    /// - Throws: `LedgerError.verificationFailed` when the signature does not hold.
    @discardableResult
    public func checkSignature(trustedPublicKey: [UInt8]?, source: String) throws -> Bool {
        func forged(_ detail: String) -> LedgerError {
            LedgerError.verificationFailed(position: position, detail: "receipt \(source): \(detail)")
        }
        guard let signature, let publicKey else {
            if trustedPublicKey != nil {
                throw forged("is not signed, but a public key was given; an unsigned receipt proves nothing about who took it")
            }
            return false
        }
        let carriedKey = Hex.decode(publicKey) ?? []
        if let trustedPublicKey, carriedKey != trustedPublicKey {
            // The receipt's key is public, so its first digits are shown, as
            // a `.pub` file and `digest` print it. The given key is named by a
            // digest only: a private key file given by mistake must not be
            // echoed.
            throw forged(
                "was signed by the public key \(publicKey.prefix(16))… (its public_key member), not by the given "
                    + "public key, whose SHA-256 starts \(Self.keyDigest(trustedPublicKey)); compare the start of each "
                    + "`.pub` file you hold with the receipt's key")
        }
        let isValid = SigningKey.isValidSignature(
            Hex.decode(signature) ?? [], message: Array(signedText.utf8), publicKey: carriedKey)
        guard isValid else {
            throw forged("signature does not match its contents; the receipt was altered after it was signed")
        }
        return true
    }

    /// Returns the first 12 hex digits of a key's SHA-256, enough to tell
    /// keys apart without revealing one.
    static func keyDigest(_ key: [UInt8]) -> String {
        String(Hex.encode(Digest.sha256(key)).prefix(12))
    }
}
