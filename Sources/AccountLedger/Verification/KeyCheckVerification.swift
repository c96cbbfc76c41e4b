/// The check `verify` makes of `ledger_metadata.key_check`, the value that
/// identifies the fingerprint key a ledger was created with.
///
/// Every save that fingerprints a secret, and every export, reads that
/// row, so a deleted or changed one breaks them all while the log itself
/// still verifies. `verify` does not need the key, so it compares the row
/// with the key only when the key loads the usual way (`$LEDGER_KEY` or the
/// key file). Without a key it checks that the row is well formed.
struct KeyCheckVerification {
    /// The check value of the key that loaded, and where it came from
    /// (`$LEDGER_KEY` or the key file's path); nil when no key loaded.
    let loadedKey: (checkValue: String, source: String)?

    /// - Returns: whether the row was compared with a loaded key.
    /// - Throws: `LedgerError.verificationFailed` at no position when the
    ///   row is missing, malformed, or names another key.
    func run(in db: Database) throws -> Bool {
        func fault(_ detail: String) -> LedgerError {
            LedgerError.verificationFailed(position: nil, detail: detail)
        }
        guard let stored = try db.scalarString("SELECT value FROM main.ledger_metadata WHERE name = 'key_check'") else {
            throw fault("ledger_metadata has no key_check row, which `ledger init` writes, so every save that "
                + "fingerprints a secret and every export fails; restore the file from a backup")
        }
        guard Hex.isEncoded(stored, count: 64) else {
            throw fault("ledger_metadata.key_check is not 64 lower-case hexadecimal digits, so it identifies no "
                + "fingerprint key and every save that fingerprints a secret fails; restore the file from a backup")
        }
        guard let loadedKey else { return false }
        guard stored == loadedKey.checkValue else {
            throw fault("ledger_metadata.key_check does not match the fingerprint key in \(loadedKey.source): either "
                + "the row was changed, or that key is not the one this ledger was created with")
        }
        return true
    }
}
