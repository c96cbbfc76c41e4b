extension Unicode.Scalar {
    /// The code point as messages name it, such as `U+000A`.
    var codePointName: String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension String {
    /// Returns the text with each control character written as its code
    /// point in angle brackets (`<U+000A>`). A message that quotes a file
    /// name or another value from the user then stays on one line and
    /// cannot send escape sequences to a terminal.
    public func escapingControlCharacters() -> String {
        // Most messages are printable ASCII, which needs no scalar walk.
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return self
        }
        var escaped = ""
        for scalar in unicodeScalars {
            if scalar.properties.generalCategory == .control {
                escaped += "<\(scalar.codePointName)>"
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
