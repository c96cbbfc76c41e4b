/// A credential value in clear, held only in memory on its way to a
/// fingerprint.
///
/// Its description is redacted, so interpolating it into a message or a log
/// line cannot reveal it.
public struct Secret: CustomStringConvertible, CustomDebugStringConvertible, Sendable {
    let value: String

    public init(_ value: String) {
        self.value = value
    }

    public var isEmpty: Bool { value.isEmpty }

    /// The number of UTF-8 bytes, for size limits.
    public var byteCount: Int { value.utf8.count }

    /// The last four code points, masked, for identifiers such as access key
    /// ids. It is nil for a value shorter than `minimumLengthForHint`,
    /// because four code points would give away too much of it, or all of it.
    /// It counts code points, not characters, because one character can
    /// carry any number of combining marks.
    public var hint: String? {
        let scalars = value.unicodeScalars
        guard scalars.count >= Self.minimumLengthForHint else { return nil }
        var hint = "…"
        hint.unicodeScalars.append(contentsOf: scalars.suffix(4))
        return hint
    }

    /// The shortest value, in code points, that keeps a hint, so a hint
    /// shows at most a third of it. An AWS access key id has 20.
    public static let minimumLengthForHint = 12

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
