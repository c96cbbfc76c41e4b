/// The first line of a `ledger export` file: a JSON object naming the format
/// and carrying the source ledger's key check value, so `import --events`
/// can reject a target whose fingerprint key differs.
///
/// The line reads `{"event_count":N,"format":"ledger-export","format_version":1,
/// "head_hash":"<64 hex digits>","key_check":"<64 hex digits>"}` with keys
/// sorted. Event lines never have a `format` member, which is how the loader
/// distinguishes the two. Exports written before the header existed start with
/// an event line.
public struct ExportHeader: Equatable, Sendable {
    /// The value of the `format` member.
    public static let formatName = "ledger-export"
    /// The newest `format_version` this build writes and reads.
    public static let formatVersion: Int64 = 1
    /// Every member of a header, all required. The hash chain does not
    /// cover the header, so a member this build does not know could carry
    /// anything, and is rejected rather than ignored.
    static let members: [String] = ["event_count", "format", "format_version", "head_hash", "key_check"]

    /// `FingerprintKey.checkValue` of the key that made the export's fingerprints.
    public var keyCheck: String
    /// How many events follow, so a file cut at a line boundary is caught.
    public var eventCount: Int64
    /// The hash of the last event (the genesis hash for an empty log).
    public var headHash: String

    public init(keyCheck: String, eventCount: Int64, headHash: String) {
        self.keyCheck = keyCheck
        self.eventCount = eventCount
        self.headHash = headHash
    }

    /// The header as one line, without a line end.
    public var line: String {
        JSONWriter.canonical([
            "event_count": .integer(eventCount),
            "format": .string(Self.formatName),
            "format_version": .integer(Self.formatVersion),
            "head_hash": .string(headHash),
            "key_check": .string(keyCheck),
        ])
    }

    /// Parses `line` as a header.
    ///
    /// - Returns: nil when the line is not a header (it has no `format`
    ///   member, or is not a JSON object), so the caller reads it as an event.
    /// - Throws: `LedgerError.invalidInput` at `location`, naming the member,
    ///   for a header of another format or a newer format version, and for
    ///   a member that is unknown, missing or malformed.
    init?(line: String, location: String) throws {
        guard let value = try? JSONParser.parse(line), let members = value.objectValue, let format = value["format"] else {
            return nil
        }
        func invalid(_ member: String, _ problem: String) -> LedgerError {
            LedgerError.invalidInput(location: "\(location), field \(member)", problem: problem)
        }
        guard format.stringValue == Self.formatName else {
            throw invalid("format", "expected \"\(Self.formatName)\"; this is not a `ledger export` file")
        }
        guard let version = value["format_version"]?.integerValue, version >= 1 else {
            throw invalid("format_version", "expected an integer, 1 or more")
        }
        guard version <= Self.formatVersion else {
            throw invalid("format_version", "\(version) is newer than this build reads (\(Self.formatVersion)); upgrade ledger")
        }
        if let unknown = members.keys.sorted().first(where: { !Self.members.contains($0) }) {
            throw invalid(unknown, "unknown member; a header has only \(Self.members.joined(separator: ", "))")
        }
        if let missing = Self.members.first(where: { members[$0] == nil }) {
            throw invalid(
                missing,
                "missing; `ledger export` writes it, so the file was edited or comes from an older version of ledger; "
                    + "export the source ledger again")
        }
        guard let keyCheck = value["key_check"]?.stringValue, Hex.isEncoded(keyCheck, count: 64) else {
            throw invalid("key_check", "expected 64 lower-case hexadecimal digits")
        }
        guard let eventCount = value["event_count"]?.integerValue, eventCount >= 0 else {
            throw invalid("event_count", "expected an integer, 0 or more")
        }
        guard let headHash = value["head_hash"]?.stringValue, Hex.isEncoded(headHash, count: 64) else {
            throw invalid("head_hash", "expected 64 lower-case hexadecimal digits")
        }
        self.keyCheck = keyCheck
        self.eventCount = eventCount
        self.headHash = headHash
    }
}
