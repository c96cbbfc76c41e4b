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

    /// The last four characters, masked, for identifiers such as access key
    /// ids. It is nil for a value shorter than `minimumLengthForHint`,
    /// because four characters would give away too much of it, or all of it.
    public var hint: String? {
        value.count >= Self.minimumLengthForHint ? "…" + String(value.suffix(4)) : nil
    }

    /// The shortest value that keeps a hint, so a hint shows at most a third
    /// of it. An AWS access key id has 20 characters.
    public static let minimumLengthForHint = 12

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
