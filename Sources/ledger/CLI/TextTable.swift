import Foundation

/// Renders rows as an aligned text table for people, or as CSV for machines.
struct TextTable {
    let headers: [String]
    var rows: [[String]] = []

    init(headers: [String]) {
        self.headers = headers
    }

    /// Adds a row as stored. The text table replaces control characters and
    /// those that reorder the display when it renders; CSV, which is for
    /// programs, keeps them.
    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// Replaces control characters and those that reorder the display with
    /// U+FFFD, so a stored value cannot move the cursor, forge table lines or
    /// make one name read as another on a terminal.
    static func printable(_ text: String) -> String {
        // Most cells are printable ASCII, which needs no scalar walk.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return text
        }
        return String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.isShownEscaped ? "\u{FFFD}" : $0
        }))
    }

    /// Returns the width of a cell in characters. ASCII cells are measured
    /// by bytes, which avoids grapheme breaking for nearly every cell.
    private static func width(_ cell: String) -> Int {
        let bytes = cell.utf8
        return bytes.allSatisfy({ $0 < 0x80 }) ? bytes.count : cell.count
    }

    func render() -> String {
        var output = ""
        render { output += $0 }
        return output
    }

    /// Renders the table and hands it to `emit` in pieces of about 64 KiB,
    /// so a long list starts reaching the terminal before it is all laid out.
    func render(_ emit: (String) -> Void) {
        let rows = rows.map { $0.map(Self.printable) }
        var widths = headers.map(Self.width)
        for row in rows {
            for (column, cell) in row.enumerated() {
                widths[column] = max(widths[column], Self.width(cell))
            }
        }
        // Bytes, because appending to a String and padding with
        // String(repeating:) was half the run time of a 10k-account list.
        let pieceSize = 64 * 1024
        var output: [UInt8] = []
        output.reserveCapacity(pieceSize + 1024)
        func line(_ cells: [String]) {
            for (column, cell) in cells.enumerated() {
                output.append(contentsOf: cell.utf8)
                if column < cells.count - 1 {
                    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: widths[column] - Self.width(cell) + 2))
                }
            }
            output.append(UInt8(ascii: "\n"))
            if output.count >= pieceSize {
                emit(String(decoding: output, as: UTF8.self))
                output.removeAll(keepingCapacity: true)
            }
        }
        line(headers)
        for row in rows {
            line(row)
        }
        if !output.isEmpty {
            emit(String(decoding: output, as: UTF8.self))
        }
    }

    func renderCSV() -> String {
        var output = headers.map(Self.csvField).joined(separator: ",") + "\r\n"
        for row in rows {
            output += row.map(Self.csvField).joined(separator: ",") + "\r\n"
        }
        return output
    }

    /// Quotes a field per RFC 4180 and defuses spreadsheet formulas, because
    /// names come from users and CSV output is opened in spreadsheets.
    static func csvField(_ text: String) -> String {
        var value = text
        // A cell that is only "-" marks an empty value and is no formula.
        if let first = value.first, "=+@\t\r".contains(first) || (first == "-" && value.count > 1) {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
