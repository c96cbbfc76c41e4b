import CCrypto
import Foundation

/// An Ed25519 private key for signing receipts, through libcrypto.
///
/// The key file contains the 32-byte private key as 64 hexadecimal digits and
/// must be readable by its owner only; the public key is derived from it.
public struct SigningKey: Sendable {
    /// The length of a private or public key, in bytes.
    public static let keyLength = 32
    /// The length of a signature, in bytes.
    public static let signatureLength = 64

    let privateKey: [UInt8]
    /// The raw 32-byte public key.
    public let publicKey: [UInt8]

    /// Creates a key from its 32 raw private bytes.
    ///
    /// - Throws: `LedgerError.invalidInput` when libcrypto rejects the bytes.
    public init(privateKey: [UInt8], source: String = "signing key") throws {
        guard privateKey.count == Self.keyLength else {
            throw LedgerError.invalidInput(location: source, problem: "expected a \(Self.keyLength)-byte Ed25519 private key")
        }
        let key = try Self.withPrivateKey(privateKey, source: source) { key in
            var publicKey = [UInt8](repeating: 0, count: Self.keyLength)
            var length = Self.keyLength
            guard EVP_PKEY_get_raw_public_key(key, &publicKey, &length) == 1, length == Self.keyLength else {
                throw LedgerError.invalidInput(location: source, problem: "libcrypto cannot derive its public key")
            }
            return publicKey
        }
        self.privateKey = privateKey
        self.publicKey = key
    }

    /// Returns a new random key.
    public static func generate() throws -> SigningKey {
        try SigningKey(privateKey: Digest.randomBytes(keyLength))
    }

    /// Returns the Ed25519 signature of `message`.
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        try Self.withPrivateKey(privateKey, source: "signing key") { key in
            guard let context = EVP_MD_CTX_new() else {
                throw LedgerError.invalidInput(location: "signing key", problem: "libcrypto cannot allocate a signing context")
            }
            defer { EVP_MD_CTX_free(context) }
            var signature = [UInt8](repeating: 0, count: Self.signatureLength)
            var length = Self.signatureLength
            // Ed25519 hashes internally, so the digest argument is nil and
            // the message goes through the one-shot EVP_DigestSign.
            guard EVP_DigestSignInit(context, nil, nil, nil, key) == 1,
                EVP_DigestSign(context, &signature, &length, message, message.count) == 1,
                length == Self.signatureLength
            else {
                throw LedgerError.invalidInput(location: "signing key", problem: "libcrypto failed to sign")
            }
            return signature
        }
    }

    /// Returns whether `signature` is a valid Ed25519 signature of `message`
    /// by `publicKey`; false for malformed keys or signatures.
    public static func isValidSignature(_ signature: [UInt8], message: [UInt8], publicKey: [UInt8]) -> Bool {
        guard signature.count == signatureLength, publicKey.count == keyLength,
            let key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, publicKey, publicKey.count)
        else {
            return false
        }
        defer { EVP_PKEY_free(key) }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, nil, nil, key) == 1 else { return false }
        return EVP_DigestVerify(context, signature, signature.count, message, message.count) == 1
    }

    private static func withPrivateKey<T>(
        _ bytes: [UInt8],
        source: String,
        _ body: (OpaquePointer) throws -> T
    ) throws -> T {
        guard let key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, bytes, bytes.count) else {
            throw LedgerError.invalidInput(location: source, problem: "libcrypto rejects it as an Ed25519 private key")
        }
        defer { EVP_PKEY_free(key) }
        return try body(key)
    }
}
