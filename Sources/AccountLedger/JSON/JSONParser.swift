/// A syntax error in a JSON document, with the 1-based line and column where
/// parsing stopped.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String

    public var description: String { "line \(line), column \(column): \(message)" }
}

/// A strict JSON parser over raw bytes.
///
/// Strict where the standard is: invalid UTF-8, duplicate object keys,
/// trailing commas and content after the document are errors. Lenient in one
/// place on request: `//` and `/* */` comments are skipped when
/// `allowsComments` is set, because the platform publishes JSONC samples.
///
/// Numbers become `.integer` or `.double`, so stored events keep one
/// canonical text. With `keepsNumberText` every number becomes
/// `.numberText` instead, with no range check, because the snapshot import
/// takes a number as its digits.
public struct JSONParser {
    /// The deepest nesting accepted, so a hostile file cannot exhaust the stack.
    public static let maximumDepth = 64

    private let bytes: [UInt8]
    private let allowsComments: Bool
    private let keepsNumberText: Bool
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0

    /// Parses `bytes` as one JSON document.
    ///
    /// - Parameters:
    ///   - keepsNumberText: makes every number `.numberText`, as written.
    /// - Throws: `JSONSyntaxError` naming the line and column of the fault.
    public static func parse(
        _ bytes: [UInt8], allowsComments: Bool = false, keepsNumberText: Bool = false
    ) throws -> JSONValue {
        try validateUTF8(bytes)
        return try parseValidated(bytes, allowsComments: allowsComments, keepsNumberText: keepsNumberText)
    }

    /// Parses UTF-8 text as one JSON document.
    ///
    /// A Swift string is valid UTF-8 by construction, so its bytes are not
    /// checked again: verify parses every payload this way.
    public static func parse(_ text: String, allowsComments: Bool = false) throws -> JSONValue {
        try parseValidated(Array(text.utf8), allowsComments: allowsComments)
    }

    private static func parseValidated(
        _ bytes: [UInt8], allowsComments: Bool, keepsNumberText: Bool = false
    ) throws -> JSONValue {
        var parser = JSONParser(bytes: bytes, allowsComments: allowsComments, keepsNumberText: keepsNumberText)
        try parser.skipWhitespace()
        let value = try parser.parseValue()
        try parser.skipWhitespace()
        guard parser.index == bytes.count else {
            throw parser.error("unexpected content after the end of the document")
        }
        return value
    }

    private init(bytes: [UInt8], allowsComments: Bool, keepsNumberText: Bool) {
        self.bytes = bytes
        self.allowsComments = allowsComments
        self.keepsNumberText = keepsNumberText
    }

    private func error(_ message: String) -> JSONSyntaxError {
        error(message, at: index)
    }

    /// Returns an error at `offset`, which must be on the current line.
    private func error(_ message: String, at offset: Int) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: offset - lineStart + 1, message: message)
    }

    // MARK: - UTF-8

    /// Rejects invalid UTF-8 up front, naming the line of the first bad byte.
    ///
    /// Runs of ASCII, nearly all of a payload, are skipped eight bytes at a
    /// time. The line and column are counted only when a fault is found.
    private static func validateUTF8(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            var position = 0
            while position < buffer.count {
                if position + 8 <= buffer.count {
                    let word = UnsafeRawPointer(buffer.baseAddress! + position).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        position += 8
                        continue
                    }
                }
                guard let length = validSequenceLength(buffer, at: position) else {
                    throw invalidByteError(buffer, at: position)
                }
                position += length
            }
        }
    }

    /// Returns the length of the valid UTF-8 sequence that starts at
    /// `position`, or nil when it is invalid (overlong, a surrogate, past
    /// U+10FFFF or cut short).
    private static func validSequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Int? {
        let lead = bytes[position]
        let length: Int
        var minimum: UInt32 = 0
        var scalar: UInt32
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2; scalar = UInt32(lead & 0x1F); minimum = 0x80
        case 0xE0...0xEF: length = 3; scalar = UInt32(lead & 0x0F); minimum = 0x800
        case 0xF0...0xF4: length = 4; scalar = UInt32(lead & 0x07); minimum = 0x10000
        default: return nil
        }
        guard position + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let continuation = bytes[position + offset]
            guard continuation & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(continuation & 0x3F)
        }
        guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return nil }
        return length
    }

    private static func invalidByteError(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> JSONSyntaxError {
        var line = 1
        var lineStart = 0
        for offset in 0..<position where bytes[offset] == UInt8(ascii: "\n") {
            line += 1
            lineStart = offset + 1
        }
        return JSONSyntaxError(
            line: line, column: position - lineStart + 1,
            message: "invalid UTF-8 byte 0x\(String(bytes[position], radix: 16, uppercase: true))")
    }

    // MARK: - Whitespace and comments

    private mutating func skipWhitespace() throws {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
                lineStart = index
            case UInt8(ascii: "/") where allowsComments:
                try skipComment()
            default:
                return
            }
        }
    }

    private mutating func skipComment() throws {
        guard index + 1 < bytes.count else { throw error("unexpected '/'") }
        if bytes[index + 1] == UInt8(ascii: "/") {
            while index < bytes.count && bytes[index] != UInt8(ascii: "\n") {
                index += 1
            }
        } else if bytes[index + 1] == UInt8(ascii: "*") {
            index += 2
            while index + 1 < bytes.count {
                if bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/") {
                    index += 2
                    return
                }
                if bytes[index] == UInt8(ascii: "\n") {
                    line += 1
                    lineStart = index + 1
                }
                index += 1
            }
            throw error("unterminated comment")
        } else {
            throw error("unexpected '/'")
        }
    }

    // MARK: - Values

    private mutating func parseValue() throws -> JSONValue {
        guard index < bytes.count else {
            throw error("unexpected end of input, expected a value")
        }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            return try parseObject()
        case UInt8(ascii: "["):
            return try parseArray()
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        case 0xEF where bytes[index...].starts(with: Self.byteOrderMark):
            // Editors that save "UTF-8 with BOM" start the file with it.
            // Input is rejected rather than repaired, so the message names
            // the mark, which a text editor does not show.
            throw error("unexpected UTF-8 byte order mark (bytes EF BB BF), expected a value; save the file as UTF-8 without a byte order mark")
        default:
            throw error("unexpected character \(describe(bytes[index])), expected a value")
        }
    }

    /// U+FEFF encoded in UTF-8.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        return "0x\(String(byte, radix: 16, uppercase: true))"
    }

    private mutating func expectLiteral(_ literal: StaticString) throws {
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        guard index + expected.count <= bytes.count,
            bytes[index..<index + expected.count].elementsEqual(expected)
        else {
            throw error("invalid literal, expected '\(literal)'")
        }
        index += expected.count
    }

    private mutating func enterContainer() throws {
        depth += 1
        guard depth <= JSONParser.maximumDepth else {
            throw error("nesting deeper than \(JSONParser.maximumDepth) levels")
        }
    }

    private mutating func parseObject() throws -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        index += 1
        var members: [JSONObject.Member] = []
        // Names are compared one by one while there are few; a long object
        // keeps a set, so a hostile file cannot make the check quadratic.
        var seenNames: Set<String>?
        try skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(JSONObject())
        }
        // Payloads have a handful of members; room for eight up front
        // spares the reallocations of growing from one.
        members.reserveCapacity(8)
        while true {
            try skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an object") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a quoted member name, found \(describe(bytes[index]))")
            }
            let key = try parseString()
            let isDuplicate: Bool
            if seenNames != nil {
                isDuplicate = !seenNames!.insert(key).inserted
            } else {
                isDuplicate = members.contains { $0.name == key }
                if members.count == 16 {
                    seenNames = Set(members.map(\.name) + [key])
                }
            }
            guard !isDuplicate else {
                throw error("duplicate member name \"\(key)\"")
            }
            try skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                // The name stays out of the message: in a damaged file the
                // string before the missing ':' may be a secret value.
                throw error("expected ':' after a member name")
            }
            index += 1
            try skipWhitespace()
            members.append(JSONObject.Member(name: key, value: try parseValue()))
            try skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(JSONObject(distinctMembers: members))
            }
            throw error("expected ',' or '}' in an object, found \(describe(bytes[index]))")
        }
    }

    private mutating func parseArray() throws -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        index += 1
        var elements: [JSONValue] = []
        try skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            try skipWhitespace()
            elements.append(try parseValue())
            try skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            throw error("expected ',' or ']' in an array, found \(describe(bytes[index]))")
        }
    }

    private mutating func parseString() throws -> String {
        index += 1
        // Most strings have no escapes, so they are decoded in one step from
        // the input bytes; bytes were validated as UTF-8 before parsing began.
        var decoded: [UInt8] = []
        var hasEscapes = false
        var runStart = index
        while index < bytes.count {
            if index + 8 <= bytes.count {
                let found = Self.quoteBackslashOrControlBits(word(at: index))
                if found == 0 {
                    index += 8
                    continue
                }
                // The lowest flagged byte is always a real match, so the
                // scan lands on it and the byte is handled below.
                index += found.trailingZeroBitCount / 8
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text: String
                if hasEscapes {
                    decoded.append(contentsOf: bytes[runStart..<index])
                    text = String(decoding: decoded, as: UTF8.self)
                } else {
                    text = String(decoding: bytes[runStart..<index], as: UTF8.self)
                }
                index += 1
                return text
            }
            if byte < 0x20 {
                throw error("control character \(describe(byte)) inside a string; escape it")
            }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                decoded.append(contentsOf: bytes[runStart..<index])
                decoded.append(contentsOf: String(try parseEscape()).utf8)
                runStart = index
                continue
            }
            index += 1
        }
        throw error("unterminated string")
    }

    /// Returns the eight bytes from `offset`, the first in the lowest bits.
    private func word(at offset: Int) -> UInt64 {
        bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    }

    /// Sets bit 7 of each byte of `word` that is '"', '\\' or below 0x20,
    /// the bytes that end a plain run inside a string, so a string is
    /// scanned eight bytes at a time. A byte equal to b makes (byte ^ b) - 1
    /// borrow into bit 7. A borrow can also flag a byte above a real match,
    /// never one below it, so the lowest flag is exact.
    private static func quoteBackslashOrControlBits(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        func zeroBytes(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highBits }
        let belowSpace = (word &- ones &* 0x20) & ~word & highBits
        return belowSpace | zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C))
    }

    private mutating func parseEscape() throws -> Unicode.Scalar {
        index += 1
        guard index < bytes.count else { throw error("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let first = try parseHexQuad()
            if (0xD800...0xDBFF).contains(first) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                else {
                    throw error("unpaired UTF-16 surrogate in \\u escape")
                }
                index += 2
                let second = try parseHexQuad()
                guard (0xDC00...0xDFFF).contains(second) else {
                    throw error("unpaired UTF-16 surrogate in \\u escape")
                }
                let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                return Unicode.Scalar(combined)!
            }
            guard let scalar = Unicode.Scalar(first) else {
                throw error("unpaired UTF-16 surrogate in \\u escape")
            }
            return scalar
        default:
            throw error("invalid escape \\\(Character(Unicode.Scalar(byte)))")
        }
    }

    private mutating func parseHexQuad() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws -> JSONValue {
        let start = index
        var isInteger = true
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw error("invalid number: leading zero")
            }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: digit expected after '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: digit expected in exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if keepsNumberText {
            return .numberText(text)
        }
        if isInteger, let integer = Int64(text) {
            return .integer(integer)
        }
        guard let number = Double(text), number.isFinite else {
            // The parser cannot tell whether a number is a secret, so the
            // message gives its place and length, never its digits.
            throw error("number is out of range (\(index - start) characters)", at: start)
        }
        return .double(number)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
