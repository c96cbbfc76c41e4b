/// An algorithm name given with `set-encryption-key --algorithm`, read
/// for the PEM key types it can use.
///
/// Names are compared by their letters and digits, ignoring case, so
/// `rsa-oaep-256`, `RSA_OAEP_256` and `RSA OAEP 256` are one name. Only
/// names of a known key family are checked. Any other name is recorded as
/// given, because the platform's list of algorithms is open.
struct EncryptionAlgorithmName {
    /// The letters and digits of the name, in upper case.
    let compact: String

    init(_ name: String) {
        // The compatibility form maps full-width letters and digits, such
        // as "ＥＳ２５６", to ASCII.
        let folded = name.precomposedStringWithCompatibilityMapping.uppercased()
        compact = String(folded.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil })
    }

    /// Returns whether the name is the PEM key type `type` itself, such as
    /// `rsa-pss` for RSA-PSS.
    func isKeyType(_ type: String) -> Bool {
        compact == Self.compacted(type)
    }

    /// Returns whether the name is for PGP, which needs a PGP key block.
    var namesPGP: Bool {
        compact.contains("PGP") || compact.contains("GPG") || compact.contains("GNUPG")
    }

    /// Returns the PEM key types, as libcrypto names them, that the
    /// algorithm can use, or nil for a name of no known family.
    var keyTypes: Set<String>? {
        let isRSA = compact.hasPrefix("RSA") || Self.isJOSEName(compact, prefixes: ["RS"])
        // An RSA-PSS key is limited to PSS signatures, which a plain RSA
        // key can make too. Encryption such as RSA-OAEP needs a plain RSA key.
        if (isRSA && compact.contains("PSS")) || Self.isJOSEName(compact, prefixes: ["PS"]) {
            return ["RSA", "RSA-PSS"]
        }
        if isRSA {
            return ["RSA"]
        }
        // JOSE's ECDH-ES, and ECIES, take an EC key or an X25519 or X448 key.
        if compact.hasPrefix("ECDH") || compact.hasPrefix("ECIES") {
            return ["EC", "SM2", "X25519", "X448"]
        }
        // libcrypto types a key on the SM2 curve as SM2, not EC.
        if compact == "EC" || compact == "ECC" || compact.hasPrefix("ECDSA") || Self.namesCurve(compact)
            || Self.isJOSEName(compact, prefixes: ["ES"]) {
            return ["EC", "SM2"]
        }
        if compact == "EDDSA" {
            return ["ED25519", "ED448"]
        }
        if let type = Self.pemKeyTypes.first(where: isKeyType) {
            return [type]
        }
        return nil
    }

    /// Key types libcrypto names for PEM public keys.
    static let pemKeyTypes: [String] = [
        "RSA", "RSA-PSS", "EC", "ED25519", "ED448", "DSA", "DH", "DHX", "X25519", "X448", "SM2",
    ]

    private static func compacted(_ type: String) -> String {
        type.replacingOccurrences(of: "-", with: "")
    }

    /// Returns whether `name` is an elliptic curve's name, such as
    /// `EC P-256` (ECP256), `P-384` or `secp256k1`.
    private static func namesCurve(_ name: String) -> Bool {
        func isCurve(_ prefix: String) -> Bool {
            name.hasPrefix(prefix) && name.count > prefix.count
                && name.dropFirst(prefix.count).allSatisfy { ("0"..."9").contains($0) }
        }
        return isCurve("ECP") || isCurve("P") || name.hasPrefix("SECP")
    }

    /// Returns whether `name` starts with a JOSE signature algorithm such
    /// as RS256: one of `prefixes` and a hash size. A suffix is allowed,
    /// as in ES256K (secp256k1) or "ES256 (P-256)".
    private static func isJOSEName(_ name: String, prefixes: [String]) -> Bool {
        prefixes.contains { prefix in ["256", "384", "512"].contains { name.hasPrefix(prefix + $0) } }
    }
}
