import Foundation

/// The per-ledger key that turns credential values into fingerprints.
///
/// It lives outside the database: in a key file beside it (mode 0600,
/// created by `ledger init`) or in an environment variable, so a copy of the
/// database alone cannot be used to test guesses of a secret.
public struct FingerprintKey: Sendable {
    let bytes: [UInt8]

    /// The environment variable that may carry the key as 64 hex digits,
    /// overriding the key file.
    public static let environmentVariable = "LEDGER_KEY"

    /// Returns the default key file path for a database: the same path with
    /// `.key` appended.
    public static func defaultPath(forDatabase databasePath: String) -> String {
        databasePath + ".key"
    }

    public init(bytes: [UInt8]) {
        precondition(bytes.count == 32, "a fingerprint key is 32 bytes")
        self.bytes = bytes
    }

    /// Returns a new random key.
    public static func generate() -> FingerprintKey {
        FingerprintKey(bytes: Digest.randomBytes(32))
    }

    /// Returns the keyed fingerprint of a credential value.
    public func fingerprint(_ secret: Secret, keepsHint: Bool = false) -> CredentialFingerprint {
        let mac = Digest.hmacSHA256(key: bytes, message: Array(secret.value.utf8))
        return CredentialFingerprint(hex: Hex.encode(mac), hint: keepsHint ? secret.hint : nil)
    }

    /// A value stored in the database that identifies the key without
    /// revealing it, so a wrong key is caught before it writes fingerprints
    /// that match nothing.
    public var checkValue: String {
        Hex.encode(Digest.hmacSHA256(key: bytes, message: Array("account-ledger key check".utf8)))
    }

    // MARK: - Files

    /// Writes a new key file readable only by its owner.
    ///
    /// - Throws: `LedgerError.key` when the file exists or cannot be written.
    /// - Parameter reportedAs: the path that messages name, when the file
    ///   is written under a temporary name first.
    public func write(toFile path: String, reportedAs shownPath: String? = nil) throws {
        let shownPath = shownPath ?? path
        guard !FileManager.default.fileExists(atPath: path) else {
            throw LedgerError.key(path: shownPath, problem: "already exists; refusing to overwrite a key, which would orphan every fingerprint made with it")
        }
        try KeyFile.create(path: path, text: Hex.encode(bytes) + "\n") { LedgerError.key(path: shownPath, problem: $0) }
    }

    /// Loads the key from `$LEDGER_KEY` when set, otherwise from `path`.
    ///
    /// - Throws: `LedgerError.key` when the key is missing, malformed, or
    ///   the file can be read by anyone but its owner.
    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> FingerprintKey {
        if let text = environment[environmentVariable] {
            return try parse(text, source: "$\(environmentVariable)")
        }
        let text = try KeyFile.readPrivate(
            path: path,
            missing: "missing; restore the key file made by `ledger init` for this ledger, pass its path with --key-file, or set $\(environmentVariable)",
            folder: "is a folder; point --key-file at the key file made by `ledger init` for this ledger"
        ) { LedgerError.key(path: path, problem: $0) }
        return try parse(text, source: path)
    }

    private static func parse(_ text: String, source: String) throws -> FingerprintKey {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.utf8.count == 64, let bytes = Hex.decode(trimmed) else {
            throw LedgerError.key(path: source, problem: "expected 64 hexadecimal digits (a 32-byte key)")
        }
        return FingerprintKey(bytes: bytes)
    }
}
