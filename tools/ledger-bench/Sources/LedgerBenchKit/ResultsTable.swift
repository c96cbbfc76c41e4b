import Foundation

/// Renders benchmark results as a Markdown table, one column per history
/// size, and places it between two marker lines of a document so the
/// hand-written text around it survives a new run.
public enum ResultsTable {
    public static let beginMarker = "<!-- benchmark results: begin (written by ledger-bench report) -->"
    public static let endMarker = "<!-- benchmark results: end -->"

    /// Returns the Markdown table of every figure found in any result.
    public static func markdown(_ results: [BenchmarkResult]) -> String {
        let sorted = results.sorted { $0.events < $1.events }
        var keys: [String] = []
        var labels: [String: Figure] = [:]
        for result in sorted {
            for figure in result.figures where labels[figure.key] == nil {
                keys.append(figure.key)
                labels[figure.key] = figure
            }
        }
        var lines: [String] = []
        let sizes = sorted.map { "\(formatCount($0.events)) events, \(formatCount($0.accounts)) accounts" }
        lines.append("| Measure | Unit | " + sizes.joined(separator: " | ") + " |")
        lines.append("|---|---|" + String(repeating: "---:|", count: sorted.count))
        for key in keys {
            let figure = labels[key]!
            let cells = sorted.map { result in result.figure(key).map { format($0.value, unit: $0.unit) } ?? "n/a" }
            lines.append("| \(figure.label) | \(figure.unit) | " + cells.joined(separator: " | ") + " |")
        }
        // A note that applies to some sizes only names them, so that "Python
        // baseline skipped" under a table with Python columns shows where.
        var notes: [String] = []
        for note in Set(sorted.flatMap(\.notes)).sorted() {
            let holding = sorted.filter { $0.notes.contains(note) }
            if holding.count == sorted.count {
                notes.append(note)
            } else {
                let sizesWithNote = holding.map { "\(formatCount($0.events)) events" }.joined(separator: ", ")
                notes.append("At \(sizesWithNote): \(note)")
            }
        }
        let versions = Set(sorted.compactMap(\.sqliteVersion)).sorted()
        if !versions.isEmpty {
            notes.append("SQLite \(versions.joined(separator: ", ")); seed \(sorted[0].seed).")
        }
        if !notes.isEmpty {
            lines.append("")
            lines += notes.map { "- \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Replaces the text between the markers of `document` with `table`.
    ///
    /// - Throws: `BenchmarkFailure` when the document lacks either marker.
    public static func replacingTable(in document: String, with table: String) throws -> String {
        guard let begin = document.range(of: beginMarker),
              let end = document.range(of: endMarker, range: begin.upperBound..<document.endIndex)
        else {
            throw BenchmarkFailure("the document has no `\(beginMarker)` ... `\(endMarker)` lines to put the table between")
        }
        return String(document[..<begin.upperBound]) + "\n" + table + String(document[end.lowerBound...])
    }

    static func format(_ value: Double, unit: String) -> String {
        switch unit {
        case let rate where rate.hasSuffix("/s"):
            return formatCount(Int(value.rounded()))
        case "x":
            return String(format: "%.2f", value)
        default:
            return value >= 100 ? String(format: "%.0f", value) : String(format: "%.2f", value)
        }
    }

    /// Formats an integer with thin thousands separators for reading.
    static func formatCount(_ value: Int) -> String {
        let digits = String(abs(value))
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 {
                grouped += ","
            }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }
}
