/// Decides whether a text typed where a name belongs may be quoted back in
/// a message.
///
/// A secret pasted in the wrong place (`--secret $TOKEN=stdin`,
/// `env:$TOKEN`) arrives where a field or variable name is expected, and
/// messages go to terminals, CI logs and support tickets. A text is quoted
/// only when it has the shape of the names the ledger expects there, which
/// random tokens rarely have.
public enum NameOrSecret {
    /// The maximum length of a field name that is quoted back. The longest
    /// credential field name, `connectionString`, has 16 characters, and
    /// API keys and tokens mostly have 20 or more (an estimate).
    public static let maximumShownFieldLength = 16

    /// The maximum length of a variable name without `_` that is quoted
    /// back. Longer ones, such as AWS access key ids (20 upper-case letters
    /// and digits) or base32 seeds, are more likely pasted tokens.
    public static let maximumShownPlainVariableLength = 12

    /// The maximum length of any variable name that is quoted back.
    public static let maximumShownVariableLength = 48

    /// Returns whether a credential field name may be shown: a lower-case
    /// ASCII letter, then letters and digits (`s3SecretKey`), as the field
    /// names of the catalog and the connection types are.
    public static func canShowFieldName(_ name: String) -> Bool {
        guard let first = name.utf8.first, (0x61...0x7A).contains(first) else { return false }
        return name.utf8.count <= maximumShownFieldLength && name.utf8.allSatisfy { isLetter($0) || isDigit($0) }
    }

    /// The maximum length of a setting name that is quoted back. Setting
    /// names run longer than field names (`destinationFolder`), and a pasted
    /// token is usually longer still.
    public static let maximumShownSettingLength = 24

    /// The minimum length of a setting name without a lower-case letter, or
    /// of one made only of hexadecimal digits, that is hidden. An AWS
    /// access key id (20 upper-case letters and digits) and a hexadecimal
    /// key are longer, while `REGION` or `AWS_REGION` are shorter.
    public static let minimumHiddenSettingLength = 12

    /// Returns whether a setting name may be shown: an ASCII letter, then
    /// letters, digits, `_`, `-` and `.` (`bucketName`, `folder_path`), at
    /// most `maximumShownSettingLength` bytes. A name of
    /// `minimumHiddenSettingLength` or more bytes is hidden when it has no
    /// lower-case letter (`AKIAIOSFODNN7EXAMPLE`), or when it is only
    /// hexadecimal digits of either case (`a3f9b2c4d5e6f7a8`,
    /// `deadbeefdeadbeef`).
    public static func canShowSettingName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isLetter(first) else { return false }
        guard name.utf8.count <= maximumShownSettingLength,
              name.utf8.allSatisfy({ isLetter($0) || isDigit($0) || "_-.".utf8.contains($0) })
        else { return false }
        guard name.utf8.count >= minimumHiddenSettingLength else { return true }
        let hasLowerCase = name.utf8.contains { (0x61...0x7A).contains($0) }
        let isHexadecimal = name.utf8.allSatisfy { isDigit($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0) }
        return hasLowerCase && !isHexadecimal
    }

    /// Returns whether an environment variable name may be shown: upper-case
    /// ASCII letters, digits and `_`, starting with a letter or `_`, as
    /// conventional variable names are, and with a `_` unless it is short.
    /// Hexadecimal keys and many tokens have lower-case letters.
    public static func canShowVariableName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !isDigit(first) else { return false }
        guard name.utf8.contains(UInt8(ascii: "_")) || name.utf8.count <= maximumShownPlainVariableLength else { return false }
        return name.utf8.count <= maximumShownVariableLength
            && name.utf8.allSatisfy { (0x41...0x5A).contains($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte)
    }
}
