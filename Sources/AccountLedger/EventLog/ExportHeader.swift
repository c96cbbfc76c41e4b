/// The first line of a `ledger export` file: a JSON object naming the format
/// and carrying the source ledger's key check value, so `import --events`
/// can reject a target whose fingerprint key differs.
///
/// The line reads `{"format":"ledger-export","format_version":1,"key_check":"<64 hex digits>"}`
/// with keys sorted. Event lines never have a `format` member, which is how
/// the loader tells the two apart. Exports written before the header existed
/// start with an event line.
public struct ExportHeader: Equatable, Sendable {
    /// The value of the `format` member.
    public static let formatName = "ledger-export"
    /// The newest `format_version` this build writes and reads.
    public static let formatVersion: Int64 = 1

    /// `FingerprintKey.checkValue` of the key that made the export's fingerprints.
    public var keyCheck: String
    /// How many events follow, so a file cut at a line boundary is caught.
    /// Nil in headers written before the member existed.
    public var eventCount: Int64?
    /// The hash of the last event (the genesis hash for an empty log).
    public var headHash: String?

    public init(keyCheck: String, eventCount: Int64? = nil, headHash: String? = nil) {
        self.keyCheck = keyCheck
        self.eventCount = eventCount
        self.headHash = headHash
    }

    /// The header as one line, without a line end.
    public var line: String {
        var members: JSONObject = [
            "format": .string(Self.formatName),
            "format_version": .integer(Self.formatVersion),
            "key_check": .string(keyCheck),
        ]
        members["event_count"] = eventCount.map { .integer($0) }
        members["head_hash"] = headHash.map { .string($0) }
        return JSONWriter.canonical(.object(members))
    }

    /// Parses `line` as a header.
    ///
    /// - Returns: nil when the line is not a header (it has no `format`
    ///   member, or is not a JSON object), so the caller reads it as an event.
    /// - Throws: `LedgerError.invalidInput` at `location` for a header of
    ///   another format, a newer format version or a missing key check.
    init?(line: String, location: String) throws {
        guard let value = try? JSONParser.parse(line), value.objectValue != nil, let format = value["format"] else {
            return nil
        }
        guard format.stringValue == Self.formatName else {
            throw LedgerError.invalidInput(
                location: "\(location), field format", problem: "expected \"\(Self.formatName)\"; this is not a `ledger export` file")
        }
        guard let version = value["format_version"]?.integerValue, version >= 1 else {
            throw LedgerError.invalidInput(location: "\(location), field format_version", problem: "expected an integer, 1 or more")
        }
        guard version <= Self.formatVersion else {
            throw LedgerError.invalidInput(
                location: "\(location), field format_version",
                problem: "\(version) is newer than this build reads (\(Self.formatVersion)); upgrade ledger")
        }
        guard let keyCheck = value["key_check"]?.stringValue else {
            throw LedgerError.invalidInput(location: "\(location), field key_check", problem: "expected a string")
        }
        self.keyCheck = keyCheck
        if let count = value["event_count"] {
            guard let number = count.integerValue, number >= 0 else {
                throw LedgerError.invalidInput(location: "\(location), field event_count", problem: "expected an integer, 0 or more")
            }
            eventCount = number
        }
        if let hash = value["head_hash"] {
            guard let text = hash.stringValue, text.utf8.count == 64, Hex.decode(text) != nil else {
                throw LedgerError.invalidInput(location: "\(location), field head_hash", problem: "expected 64 hexadecimal digits")
            }
            headHash = text
        }
    }
}
