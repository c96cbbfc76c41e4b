/// Serializes `JSONValue` trees.
///
/// The compact form is canonical: keys sorted by their UTF-8 bytes, no
/// insignificant whitespace, and only the escapes JSON requires. The same
/// value always yields the same bytes, so hashes over it are stable.
///
/// NOTE: U+2028 and U+2029 are written as they are, which JSON allows, so
/// a reader that splits lines on them cuts a `--json` line in two. Command
/// output and the stored, hashed payloads share this writer, so escaping
/// them here would change the bytes of existing ledgers and fail `verify`.
public enum JSONWriter {
    /// Returns the canonical compact text of `value`.
    public static func canonical(_ value: JSONValue) -> String {
        var output = JSONBytes()
        write(value, into: &output, indent: nil, level: 0)
        return output.text
    }

    /// Returns indented text for people, with sorted keys.
    public static func pretty(_ value: JSONValue) -> String {
        var output = JSONBytes()
        write(value, into: &output, indent: "  ", level: 0)
        return output.text
    }

    static func write(_ value: JSONValue, into output: inout JSONBytes, indent: String?, level: Int) {
        switch value {
        case .null:
            output.append("null")
        case .bool(let flag):
            output.append(flag ? "true" : "false")
        case .integer(let number):
            output.append(number)
        case .double(let number):
            output.append(formatDouble(number))
        case .numberText(let text):
            output.append(text)
        case .string(let text):
            output.appendQuoted(text)
        case .array(let elements):
            if elements.isEmpty {
                output.append("[]")
                return
            }
            output.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                newline(into: &output, indent: indent, level: level + 1)
                write(element, into: &output, indent: indent, level: level + 1)
            }
            newline(into: &output, indent: indent, level: level)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                output.append("{}")
                return
            }
            output.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (offset, key) in keys.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                newline(into: &output, indent: indent, level: level + 1)
                output.appendQuoted(key)
                output.append(indent == nil ? ":" : ": ")
                write(members[key]!, into: &output, indent: indent, level: level + 1)
            }
            newline(into: &output, indent: indent, level: level)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(into output: inout JSONBytes, indent: String?, level: Int) {
        guard let indent else { return }
        output.append(UInt8(ascii: "\n"))
        for _ in 0..<level {
            output.append(indent)
        }
    }

    private static func formatDouble(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 1e15 {
            return String(Int64(number))
        }
        return "\(number)"
    }

    static func writeString(_ text: String, into output: inout String) {
        var quoted = JSONBytes(capacity: text.utf8.count + 2)
        quoted.appendQuoted(text)
        output += quoted.text
    }
}
