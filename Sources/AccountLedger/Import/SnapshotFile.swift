/// One snapshot file to import: its name for error messages and its bytes.
public struct SnapshotFile: Sendable {
    /// The path as the user gave it, or `standard input`.
    public var name: String
    /// The file's contents, read whole.
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}
