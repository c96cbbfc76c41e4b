import CCrypto

/// A PEM public key read by libcrypto: SubjectPublicKeyInfo (`BEGIN PUBLIC
/// KEY`) or PKCS #1 (`BEGIN RSA PUBLIC KEY`).
enum PEMPublicKey {
    /// Returns the key's algorithm as libcrypto names it, such as `RSA`,
    /// `EC` or `ED25519`, or nil when the text contains no public key that
    /// libcrypto can read.
    static func algorithm(of text: String) -> String? {
        // The decoder leaves its failures in the thread's error queue, which
        // a later libcrypto call could report as its own.
        defer { ERR_clear_error() }
        var key: OpaquePointer?
        guard let context = ledger_pem_public_key_decoder(&key) else {
            return nil
        }
        defer { OSSL_DECODER_CTX_free(context) }
        let bytes = Array(text.utf8)
        let decoded = bytes.withUnsafeBufferPointer { buffer -> Bool in
            var data = buffer.baseAddress
            var length = buffer.count
            return OSSL_DECODER_from_data(context, &data, &length) == 1
        }
        guard decoded, let key else { return nil }
        defer { EVP_PKEY_free(key) }
        return EVP_PKEY_get0_type_name(key).map { String(cString: $0) }
    }
}
