/// Limits and checks on user-supplied text, applied before anything is
/// written so a bad value is reported once, by name, with the ledger unchanged.
public enum InputLimits {
    public static let maximumNameLength = 256
    public static let maximumDescriptionLength = 4_096
    public static let maximumIdentifierLength = 128
    public static let maximumSecretBytes = 16_384
    public static let maximumPublicKeyBytes = 65_536
    public static let maximumSettingLength = 2_048

    /// Checks a one-line display text such as a name or a username.
    public static func checkLine(_ value: String, field: String, maximumLength: Int = maximumNameLength) throws {
        guard !value.trimmingWhitespace().isEmpty else {
            throw LedgerError.invalidInput(location: field, problem: "must not be empty")
        }
        guard value.count <= maximumLength else {
            throw LedgerError.invalidInput(location: field, problem: "is \(value.count) characters long; the maximum is \(maximumLength)")
        }
        if let scalar = value.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw LedgerError.invalidInput(location: field, problem: "contains the control character \(scalar.codePointName); remove it")
        }
    }

    /// Checks a multi-line text such as a description: tabs and newlines are
    /// allowed, other control characters are not.
    public static func checkText(_ value: String, field: String) throws {
        guard value.count <= maximumDescriptionLength else {
            throw LedgerError.invalidInput(location: field, problem: "is \(value.count) characters long; the maximum is \(maximumDescriptionLength)")
        }
        if let scalar = value.unicodeScalars.first(where: {
            $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" && $0 != "\r"
        }) {
            throw LedgerError.invalidInput(location: field, problem: "contains the control character \(scalar.codePointName); remove it")
        }
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
            throw LedgerError.invalidInput(location: field, problem: "may contain only letters, digits and . _ - : @")
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
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
