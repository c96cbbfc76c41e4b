extension Unicode.Scalar {
    /// True for the control characters, general category Cc in Unicode:
    /// U+0000 to U+001F and U+007F to U+009F, a set Unicode's stability
    /// policy makes immutable. Testing the range avoids the property lookup,
    /// which took a tenth of `verify`'s CPU time when every stored text was
    /// checked.
    var isControlCharacter: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
    }

    /// True for the format characters that change how the text around them
    /// is laid out: the line and paragraph separators (U+2028, U+2029) and
    /// the bidirectional embedding, override and isolate controls (U+202A to
    /// U+202E, U+2066 to U+2069). Shown as they are, a right-to-left override
    /// can make a stored name or a file name read as another one.
    var reordersDisplay: Bool {
        (0x2028...0x2029).contains(value) || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    /// True for the characters that show nothing. These are every format
    /// character (general category Cf, such as the zero-width space U+200B,
    /// the byte order mark U+FEFF, the soft hyphen U+00AD and the tag
    /// characters), the combining grapheme joiner (U+034F) and the Hangul
    /// fillers (U+115F, U+1160, U+3164, U+FFA0). Shown as they are,
    /// `ad<U+200B>min` reads as `admin`. The zero-width joiner and non-joiner (U+200D,
    /// U+200C) are left alone, because emoji sequences and several scripts
    /// need them.
    var isInvisible: Bool {
        switch value {
        case 0x200C, 0x200D: false
        case 0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0: true
        default: properties.generalCategory == .format
        }
    }

    /// True for the code points that messages and tables do not show as
    /// themselves: the control characters, those that reorder the display
    /// and the invisible ones.
    public var isShownEscaped: Bool {
        isControlCharacter || reordersDisplay || isInvisible
    }

    /// The code point as messages name it, such as `U+000A`.
    var codePointName: String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension String {
    /// Returns the text with each control character and each character that
    /// reorders the display or is invisible written as its code point in
    /// angle brackets (`<U+000A>`, `<U+202E>`, `<U+200B>`). A message that quotes a file name or another
    /// value from the user then stays on one line, reads in stored order and
    /// cannot send escape sequences to a terminal.
    public func escapingControlCharacters() -> String {
        // Most messages are printable ASCII, which needs no scalar walk.
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return self
        }
        var escaped = ""
        appendShown(to: &escaped, escapingQuotes: false)
        return escaped
    }

    /// Returns the text in double quotes, with `"` and `\` written as `\"`
    /// and `\\`, and the code points `escapingControlCharacters()` escapes
    /// written as it writes them. A value quoted this way inside a sentence,
    /// such as `connected "NAME" to sftp`, ends only at its closing quote, so
    /// no user's text can pass for the words around it.
    public func quotedForDisplay() -> String {
        var quoted = "\""
        appendShown(to: &quoted, escapingQuotes: true)
        quoted += "\""
        return quoted
    }

    private func appendShown(to output: inout String, escapingQuotes: Bool) {
        for scalar in unicodeScalars {
            if scalar.isShownEscaped {
                output += "<\(scalar.codePointName)>"
            } else if escapingQuotes && (scalar == "\"" || scalar == "\\") {
                output += "\\"
                output.unicodeScalars.append(scalar)
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
    }
}

extension String {
    /// Returns the first control character in the text, or nil. With
    /// `allowingLineBreaks`, tab, line feed and carriage return pass.
    ///
    /// It reads UTF-8 bytes: U+0000 to U+001F and U+007F are single bytes,
    /// and U+0080 to U+009F are 0xC2 followed by the code point's own byte.
    func firstControlCharacter(allowingLineBreaks: Bool = false) -> Unicode.Scalar? {
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte < 0x20 || byte == 0x7F {
                let isLineBreak = byte == 0x0A || byte == 0x09 || byte == 0x0D
                if !(allowingLineBreaks && isLineBreak) {
                    return Unicode.Scalar(byte)
                }
            } else if previous == 0xC2, byte >= 0x80, byte <= 0x9F {
                return Unicode.Scalar(byte)
            }
            previous = byte
        }
        return nil
    }
}
