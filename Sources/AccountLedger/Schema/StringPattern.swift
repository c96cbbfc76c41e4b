import Foundation

/// A compiled `pattern` keyword.
///
/// Every string of every event passes through a pattern when `verify` runs,
/// and `NSRegularExpression` took a third of its time. The patterns this
/// project's schemas use are few and simple, so the common shapes are
/// matched by hand; any other pattern goes to `NSRegularExpression`. A test
/// checks each hand matcher against `NSRegularExpression` on the same texts.
///
/// Before this type, patterns went to `NSRegularExpression` as written, and
/// a hash followed by a line break matched `^[0-9a-f]{64}$`; see
/// `endAnchored(_:)`.
struct StringPattern: @unchecked Sendable {
    /// The matcher chosen for a pattern.
    enum Matcher {
        /// `^[...]{min,max}$` with a bracket of ASCII characters and ranges.
        case asciiClass(allowed: [Bool], minimum: Int, maximum: Int)
        /// `^[^\p{Cc}]*$`: no control characters.
        case noControls
        /// `^(?:[^\p{Cc}]|[\t\n\r])*$`: no control characters but tab,
        /// line feed and carriage return.
        case noControlsButLineBreaks
        /// `^(?=[\s\S]*\S)[^\p{Cc}]*$`: no control characters, and not only
        /// white space.
        case visibleWithoutControls
        case expression(NSRegularExpression)
    }

    let source: String
    let matcher: Matcher

    /// Compiles `source`.
    ///
    /// - Throws: the error of `NSRegularExpression` for an invalid pattern.
    init(_ source: String) throws {
        self.source = source
        switch source {
        case #"^[^\p{Cc}]*$"#:
            matcher = .noControls
        case #"^(?:[^\p{Cc}]|[\t\n\r])*$"#:
            matcher = .noControlsButLineBreaks
        case #"^(?=[\s\S]*\S)[^\p{Cc}]*$"#:
            matcher = .visibleWithoutControls
        default:
            matcher = try Self.asciiClass(source) ?? .expression(NSRegularExpression(pattern: Self.endAnchored(source)))
        }
    }

    /// Returns whether the pattern is found in `text`, anchored as written.
    func matches(_ text: String) -> Bool {
        switch matcher {
        case .asciiClass(let allowed, let minimum, let maximum):
            var count = 0
            for byte in text.utf8 {
                guard byte < 0x80, allowed[Int(byte)] else { return false }
                count += 1
            }
            return count >= minimum && count <= maximum
        case .noControls:
            return Self.firstControl(in: text, allowingLineBreaks: false) == nil
        case .noControlsButLineBreaks:
            return Self.firstControl(in: text, allowingLineBreaks: true) == nil
        case .visibleWithoutControls:
            return Self.firstControl(in: text, allowingLineBreaks: false) == nil
                && text.unicodeScalars.contains { !Self.isSpace($0) }
        case .expression(let expression):
            return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }

    /// JSON Schema patterns follow ECMA-262, where a final `$` matches only
    /// at the end of the text. In ICU, which `NSRegularExpression` uses, it
    /// also matches before a final line break, so "abc\n" would match
    /// `^[a-z]+$`; ICU's `\z` is the ECMA-262 meaning.
    static func endAnchored(_ source: String) -> String {
        guard source.hasSuffix("$"), !source.hasSuffix("\\$") else { return source }
        return String(source.dropLast()) + "\\z"
    }

    /// Returns the offset of the first control character (general category Cc:
    /// U+0000 to U+001F and U+007F to U+009F), by UTF-8 bytes.
    private static func firstControl(in text: String, allowingLineBreaks: Bool) -> Int? {
        var previous: UInt8 = 0
        for (offset, byte) in text.utf8.enumerated() {
            defer { previous = byte }
            if byte < 0x20 {
                if allowingLineBreaks && (byte == 0x09 || byte == 0x0A || byte == 0x0D) { continue }
                return offset
            }
            // U+007F, and U+0080 to U+009F, which UTF-8 writes as C2 80 to C2 9F.
            if byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F) {
                return offset
            }
        }
        return nil
    }

    /// ICU's `\s` outside the control characters: the separators (Z).
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return true
        default:
            return false
        }
    }

    /// Parses `^[...]{n}$`, `^[...]{m,n}$`, `^[...]+$` and `^[...]*$` whose
    /// bracket holds only printable ASCII letters, digits, ranges and the
    /// punctuation `._:@-`; nil for anything else.
    private static func asciiClass(_ source: String) -> Matcher? {
        let bytes = Array(source.utf8)
        guard bytes.count > 4, bytes[0] == UInt8(ascii: "^"), bytes[1] == UInt8(ascii: "["),
            bytes[2] != UInt8(ascii: "^"), bytes.last == UInt8(ascii: "$"),
            let close = bytes.firstIndex(of: UInt8(ascii: "]"))
        else { return nil }

        var allowed = [Bool](repeating: false, count: 128)
        var index = 2
        while index < close {
            let byte = bytes[index]
            guard isPlainClassMember(byte) else { return nil }
            // A hyphen is a range only between two members; first or last it is itself.
            if index + 2 < close, bytes[index + 1] == UInt8(ascii: "-") {
                let end = bytes[index + 2]
                guard isPlainClassMember(end), byte <= end else { return nil }
                for member in byte...end { allowed[Int(member)] = true }
                index += 3
            } else {
                allowed[Int(byte)] = true
                index += 1
            }
        }

        let quantifier = String(decoding: bytes[(close + 1)..<(bytes.count - 1)], as: UTF8.self)
        switch quantifier {
        case "*": return .asciiClass(allowed: allowed, minimum: 0, maximum: .max)
        case "+": return .asciiClass(allowed: allowed, minimum: 1, maximum: .max)
        default: break
        }

        guard quantifier.hasPrefix("{"), quantifier.hasSuffix("}") else { return nil }
        let bounds = quantifier.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
        guard let minimum = bounds.first.flatMap({ Int($0) }) else { return nil }
        switch bounds.count {
        case 1:
            return .asciiClass(allowed: allowed, minimum: minimum, maximum: minimum)
        case 2:
            guard let maximum = Int(bounds[1]), maximum >= minimum else { return nil }
            return .asciiClass(allowed: allowed, minimum: minimum, maximum: maximum)
        default:
            return nil
        }
    }

    private static func isPlainClassMember(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"),
             UInt8(ascii: "@"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
