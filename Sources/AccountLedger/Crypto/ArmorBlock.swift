/// The one `-----BEGIN LABEL-----` ... `-----END LABEL-----` block that a
/// PEM key or an ASCII-armored PGP key consists of.
///
/// A public key field contains one key. Text around the block would change
/// the key's fingerprint without changing the key, and libcrypto reads
/// only the first of two PEM keys.
enum ArmorBlock {
    /// Returns the label of the block that makes up all of `text`, such as
    /// `PUBLIC KEY`, or throws a problem text for an error message.
    ///
    /// - Parameter text: key text with surrounding whitespace trimmed.
    static func label(of text: String) throws(Problem) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }
        guard let first = lines.first, let label = label(of: first, marker: "BEGIN") else {
            throw Problem("has text before its -----BEGIN line")
        }
        guard !lines.dropFirst().contains(where: { $0.hasPrefix("-----BEGIN") }) else {
            throw Problem("contains a second -----BEGIN line")
        }
        guard let endIndex = lines.firstIndex(where: { $0.hasPrefix("-----END") }) else {
            throw Problem("has no -----END \(label)----- line")
        }
        guard endIndex == lines.count - 1 else {
            throw Problem("has text after its -----END line")
        }
        guard self.label(of: lines[endIndex], marker: "END") == label else {
            throw Problem("begins with -----BEGIN \(label)----- but ends with \(lines[endIndex])")
        }
        return label
    }

    /// Returns LABEL from `-----MARKER LABEL-----`, or nil for another line.
    private static func label(of line: String, marker: String) -> String? {
        let prefix = "-----\(marker) "
        let suffix = "-----"
        guard line.hasPrefix(prefix), line.hasSuffix(suffix), line.count > prefix.count + suffix.count else {
            return nil
        }
        return String(line.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// The reason key text is not exactly one block, as a message fragment.
    struct Problem: Error {
        let text: String

        init(_ text: String) {
            self.text = text
        }
    }
}
