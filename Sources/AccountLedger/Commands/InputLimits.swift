/// Limits and checks on user-supplied text, applied before anything is
/// written so a bad value is reported once, by name, with the ledger unchanged.
///
/// Lengths count Unicode code points, as JSON Schema's `maxLength` does, and
/// not characters (grapheme clusters), because one character can carry any
/// number of combining marks, so a limit in characters would bound nothing.
public enum InputLimits {
    public static let maximumNameLength = 256
    public static let maximumDescriptionLength = 4_096
    public static let maximumIdentifierLength = 128
    public static let maximumSecretBytes = 16_384
    public static let maximumPublicKeyBytes = 65_536
    public static let maximumSettingLength = 2_048
    /// The maximum number of settings in one account. The catalog's specs
    /// have a handful each, so 256 leaves room for any real connection. At
    /// their longest (2048 code points of up to 4 UTF-8 bytes), 256 settings
    /// take about 2 MiB of JSON, which one event can carry.
    public static let maximumSettingsPerAccount = 256
    /// The maximum number of credential fields (secret parameters) in one
    /// account. A snapshot import fingerprints every parameter the catalog
    /// does not know, so without a cap one record could become an event of
    /// any size. 256 fingerprints take at most about 60 KiB of JSON.
    public static let maximumCredentialsPerAccount = 256
    /// The maximum number of dataflows active on one account at a time.
    /// Every state snapshot stores the whole list, so an account's storage
    /// grows with the square of its activations: 33,000 activations made a
    /// 1.16 GB database, and 1,000 made one of 0.85 MB (one trial each).
    public static let maximumDataflowsPerAccount = 1_000

    /// Checks a one-line display text such as a name or a username.
    public static func checkLine(_ value: String, field: String, maximumLength: Int = maximumNameLength) throws {
        // A text that starts with a visible ASCII character is not blank,
        // which spares nearly every name the trimming copy.
        let startsVisible = value.utf8.first.map { $0 > 0x20 && $0 < 0x7F } ?? false
        guard startsVisible || !value.trimmingWhitespace().isEmpty else {
            throw LedgerError.invalidInput(location: field, problem: "must not be empty")
        }
        try checkLength(value, field: field, maximumLength: maximumLength)
        if let scalar = value.firstControlCharacter() {
            throw LedgerError.invalidInput(location: field, problem: "contains the control character \(scalar.codePointName); remove it")
        }
    }

    /// Checks a multi-line text such as a description: tabs and newlines are
    /// allowed, other control characters are not.
    public static func checkText(_ value: String, field: String) throws {
        try checkLength(value, field: field, maximumLength: maximumDescriptionLength)
        if let scalar = value.firstControlCharacter(allowingLineBreaks: true) {
            throw LedgerError.invalidInput(location: field, problem: "contains the control character \(scalar.codePointName); remove it")
        }
    }

    /// Checks that `value` has at most `maximumLength` code points.
    static func checkLength(_ value: String, field: String, maximumLength: Int) throws {
        // A code point takes at least one UTF-8 byte, so a short text needs no counting.
        guard value.utf8.count > maximumLength else { return }
        let length = value.unicodeScalars.count
        guard length <= maximumLength else {
            throw LedgerError.invalidInput(
                location: field, problem: "is \(codePoints(length)) long; the maximum is \(maximumLength)")
        }
    }

    /// Checks the number of settings an account would hold.
    static func checkSettingCount(_ count: Int, field: String) throws {
        try checkFieldCount(count, kind: "settings", maximum: maximumSettingsPerAccount, field: field)
    }

    /// Checks the number of credential fields an account would hold.
    static func checkCredentialCount(_ count: Int, field: String) throws {
        try checkFieldCount(count, kind: "credential fields", maximum: maximumCredentialsPerAccount, field: field)
    }

    /// Checks the number of active dataflows an account would hold.
    static func checkDataflowCount(_ count: Int, field: String) throws {
        try checkFieldCount(count, kind: "active dataflows", maximum: maximumDataflowsPerAccount, field: field)
    }

    private static func checkFieldCount(_ count: Int, kind: String, maximum: Int, field: String) throws {
        guard count <= maximum else {
            throw LedgerError.invalidInput(
                location: field, problem: "the account would hold \(count) \(kind); an account holds at most \(maximum)")
        }
    }

    /// Returns a length for a message: "1 code point", "257 code points".
    static func codePoints(_ count: Int) -> String {
        count == 1 ? "1 code point" : "\(count) code points"
    }

    /// Checks an identifier: letters, digits and `._:-@`, so ids are safe in
    /// file names, URLs and shell commands.
    public static func checkIdentifier(_ value: String, field: String) throws {
        guard !value.isEmpty else {
            throw LedgerError.invalidInput(location: field, problem: "must not be empty")
        }
        guard value.utf8.count <= maximumIdentifierLength else {
            throw LedgerError.invalidInput(location: field, problem: "is longer than \(maximumIdentifierLength) bytes")
        }
        let allowed = value.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "@")
        }
        guard allowed else {
            throw LedgerError.invalidInput(location: field, problem: "may contain only ASCII letters, digits and . _ - : @")
        }
    }

    /// Checks a secret's size and content without ever quoting it.
    public static func checkSecret(_ secret: Secret, field: String) throws {
        guard !secret.isEmpty else {
            throw LedgerError.invalidInput(location: field, problem: "the secret is empty")
        }
        guard secret.byteCount <= maximumSecretBytes else {
            throw LedgerError.invalidInput(location: field, problem: "the secret is \(secret.byteCount) bytes; the maximum is \(maximumSecretBytes)")
        }
        guard !secret.value.unicodeScalars.contains("\0") else {
            throw LedgerError.invalidInput(location: field, problem: "the secret contains a NUL character")
        }
        // A secret read from a file saved as "UTF-8 with BOM" starts with the
        // mark, and its fingerprint would then match no other copy.
        guard secret.value.unicodeScalars.first != "\u{FEFF}" else {
            throw LedgerError.invalidInput(
                location: field,
                problem: "the secret starts with a byte order mark (U+FEFF), which editors put at the start of a file saved as UTF-8 with BOM; save the file as UTF-8 without a byte order mark")
        }
    }
}

extension String {
    /// Returns the text without the code points at either end that have
    /// Unicode's White_Space property.
    public func trimmingWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
