import Foundation

/// Renders rows as an aligned text table for people, or as CSV for machines.
struct TextTable {
    let headers: [String]
    /// The cells as stored; nil is a value that is absent.
    var rows: [[String?]] = []

    /// The text table's mark for an absent value.
    static let absent = "-"

    init(headers: [String]) {
        self.headers = headers
    }

    /// Adds a row as stored, nil for an absent value. The text table writes
    /// control characters and those that reorder the display as code points
    /// when it renders, and an absent value as `-`. CSV, which is for
    /// programs, keeps values as stored and leaves an absent value's cell
    /// empty, so it differs from a value that is `-`.
    mutating func append(_ row: [String?]) {
        rows.append(row)
    }

    /// Writes control characters and those that reorder the display as
    /// their code points (`<U+0009>`). A stored value then cannot move the
    /// cursor, forge table lines or make one name read as another on a
    /// terminal, and a tab stays distinct from a line feed.
    static func printable(_ text: String) -> String {
        text.escapingControlCharacters()
    }

    /// Returns the width of a cell in terminal columns. ASCII cells are
    /// measured by bytes, which avoids grapheme breaking for nearly every cell.
    static func width(_ cell: String) -> Int {
        let bytes = cell.utf8
        if bytes.allSatisfy({ $0 < 0x80 }) {
            return bytes.count
        }
        return cell.reduce(0) { total, character in
            total + (isWide(character) ? 2 : 1)
        }
    }

    /// The blocks whose characters are wide (W) or fullwidth (F) in
    /// Unicode's East Asian Width property: Hangul Jamo, the CJK blocks,
    /// kana, Hangul syllables, fullwidth forms and the emoji blocks.
    /// NOTE: the main blocks only, not the whole property table, so a wide
    /// character outside them still shifts its row by one column.
    private static let wideBlocks: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
        0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// Returns whether a terminal gives `character` two columns: a wide
    /// first code point, or a text symbol that variation selector 16
    /// (U+FE0F) turns into an emoji, such as U+2764 U+FE0F.
    private static func isWide(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return false }
        return first.properties.isEmojiPresentation || wideBlocks.contains { $0.contains(first.value) }
            || scalars.contains("\u{FE0F}")
    }

    func render() -> String {
        var output = ""
        render { output += $0 }
        return output
    }

    /// Renders the table and hands it to `emit` in pieces of about 64 KiB,
    /// so a long list starts reaching the terminal before it is all laid out.
    func render(_ emit: @escaping (String) -> Void) {
        let rows = rows.map(Self.displayCells)
        var widths = ColumnWidths(headers: headers)
        for row in rows {
            widths.measure(row)
        }
        var lines = LineWriter(widths: widths, emit: emit)
        lines.write(headers)
        for row in rows {
            lines.write(row)
        }
        lines.finish()
    }

    /// Returns the cells of `row` as the text table shows them: printable,
    /// and `-` for an absent value.
    static func displayCells(_ row: [String?]) -> [String] {
        row.map { printable($0 ?? absent) }
    }

    func renderCSV() -> String {
        var output = Self.csvLine(headers)
        for row in rows {
            output += Self.csvLine(row)
        }
        return output
    }

    /// Returns one CSV record with its CRLF line end, an absent value as an
    /// empty field.
    static func csvLine(_ row: [String?]) -> String {
        row.map { csvField($0 ?? "") }.joined(separator: ",") + "\r\n"
    }

    /// Quotes a field per RFC 4180 and defuses spreadsheet formulas, because
    /// names come from users and CSV output is opened in spreadsheets.
    ///
    /// It reads bytes, not characters: "\r\n" is one Character, equal to
    /// neither "\r" nor "\n", and "=" followed by a combining mark is one
    /// Character that is not "=", so a character test missed both.
    static func csvField(_ text: String) -> String {
        var bytes = Array(text.utf8)
        // A cell that is only "-" is no formula.
        if let first = bytes.first, Array("=+@\t\r".utf8).contains(first) || (first == UInt8(ascii: "-") && bytes.count > 1) {
            bytes.insert(UInt8(ascii: "'"), at: 0)
        }
        let quote = UInt8(ascii: "\"")
        let needsQuotes = bytes.contains { $0 == UInt8(ascii: ",") || $0 == quote || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var quoted: [UInt8] = [quote]
        for byte in bytes {
            quoted.append(byte)
            if byte == quote {
                quoted.append(quote)
            }
        }
        quoted.append(quote)
        return String(decoding: quoted, as: UTF8.self)
    }
}
