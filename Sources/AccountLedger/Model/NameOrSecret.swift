/// Decides whether a text typed where a name belongs may be quoted back in
/// a message.
///
/// A secret pasted in the wrong place (`--secret $TOKEN=stdin`,
/// `env:$TOKEN`) arrives where a field or variable name is expected, and
/// messages go to terminals, CI logs and support tickets. A text is quoted
/// only when it has the shape of the names the ledger expects there, which
/// random tokens rarely have.
public enum NameOrSecret {
    /// The longest name quoted back. The longest credential field name,
    /// `connectionString`, has 16 characters, and a variable name longer
    /// than this is more likely a pasted token.
    public static let maximumShownLength = 48

    /// Returns whether a credential field name may be shown: ASCII letters
    /// only, as every field name of the catalog and the connection types is.
    public static func canShowFieldName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= maximumShownLength
            && name.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// Returns whether an environment variable name may be shown: upper-case
    /// ASCII letters, digits and `_`, starting with a letter or `_`, as
    /// conventional variable names are. Hexadecimal keys and most tokens
    /// have lower-case letters.
    public static func canShowVariableName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first < 0x30 || first > 0x39 else { return false }
        return name.utf8.count <= maximumShownLength
            && name.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "_") }
    }
}
