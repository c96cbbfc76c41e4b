import Foundation

/// Draws an SVG line chart of cost against history size: microseconds per
/// event (the inverse of each rate) and milliseconds per query, on log-log
/// axes, one line per measure. Plain SVG text, no plotting library.
public enum CostChart {
    /// A measure drawn as a line: the figure it comes from and how its
    /// value becomes a cost.
    struct Series {
        let key: String
        let label: String
        let color: String
        /// Rates become microseconds per event; latencies stay milliseconds.
        let isRate: Bool
    }

    static let series = [
        Series(key: "import.batched", label: "batched import, µs/event", color: "#1f77b4", isRate: true),
        Series(key: "raw.batched", label: "raw SQLite insert, µs/event", color: "#aec7e8", isRate: true),
        Series(key: "python.batched", label: "Python eventsourcing append, µs/event", color: "#ff7f0e", isRate: true),
        Series(key: "rebuild.rate", label: "rebuild, µs/event", color: "#2ca02c", isRate: true),
        Series(key: "verify.rate", label: "verify, µs/event", color: "#d62728", isRate: true),
        Series(key: "view.asof.median", label: "filtered view as of a moment, ms", color: "#9467bd", isRate: false),
        Series(key: "account.asof.median", label: "one account as of a moment, ms", color: "#8c564b", isRate: false),
        Series(key: "audit.month.median", label: "audit of one month, ms", color: "#e377c2", isRate: false),
        Series(key: "cli.accounts.first_output", label: "cold `ledger accounts`, ms", color: "#7f7f7f", isRate: false),
    ]

    /// Returns the chart as SVG text.
    public static func svg(_ results: [BenchmarkResult]) -> String {
        let sorted = results.sorted { $0.events < $1.events }
        let width = 900.0, height = 520.0
        let left = 70.0, right = 330.0, top = 40.0, bottom = 60.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom

        var lines: [(Series, [(Double, Double)])] = []
        for item in series {
            let points = sorted.compactMap { result -> (Double, Double)? in
                guard let figure = result.figure(item.key), figure.value > 0 else { return nil }
                let cost = item.isRate ? 1e6 / figure.value : figure.value
                return (Double(result.events), cost)
            }
            if !points.isEmpty {
                lines.append((item, points))
            }
        }
        let xs = sorted.map { Double($0.events) }
        let ys = lines.flatMap { $0.1.map(\.1) }
        let xRange = decades(xs.min() ?? 1, xs.max() ?? 10)
        let yRange = decades(ys.min() ?? 0.01, ys.max() ?? 100)
        func x(_ value: Double) -> Double {
            left + (log10(value) - xRange.0) / (xRange.1 - xRange.0) * plotWidth
        }
        func y(_ value: Double) -> Double {
            top + plotHeight - (log10(value) - yRange.0) / (yRange.1 - yRange.0) * plotHeight
        }

        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(left)" y="22" font-size="15">ledger cost against history size (log-log; lower is better)</text>

            """
        for decade in Int(yRange.0)...Int(yRange.1) {
            let position = y(pow(10, Double(decade)))
            svg += line(left, position, left + plotWidth, position, "#dddddd")
            svg += text(left - 8, position + 4, label(pow(10, Double(decade))), anchor: "end")
        }
        for value in xs {
            let position = x(value)
            svg += line(position, top, position, top + plotHeight, "#dddddd")
            svg += text(position, top + plotHeight + 18, "\(ResultsTable.formatCount(Int(value))) events", anchor: "middle")
        }
        svg += line(left, top + plotHeight, left + plotWidth, top + plotHeight, "#333333")
        svg += line(left, top, left, top + plotHeight, "#333333")
        svg += text(left + plotWidth / 2, height - 18, "events in the history", anchor: "middle")
        svg += text(18, top + plotHeight / 2, "µs per event, or ms per query", anchor: "middle",
                    transform: "rotate(-90 18 \(top + plotHeight / 2))")

        for (index, (item, points)) in lines.enumerated() {
            let path = points.map { "\(format(x($0.0))),\(format(y($0.1)))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(item.color)\" stroke-width=\"2\" points=\"\(path)\"/>\n"
            for point in points {
                svg += "<circle cx=\"\(format(x(point.0)))\" cy=\"\(format(y(point.1)))\" r=\"3\" fill=\"\(item.color)\"/>\n"
            }
            let legendY = top + 10 + Double(index) * 20
            svg += line(width - right + 20, legendY - 4, width - right + 44, legendY - 4, item.color, strokeWidth: 3)
            svg += text(width - right + 50, legendY, item.label, anchor: "start")
        }
        svg += "</svg>\n"
        return svg
    }

    /// Widens a range to whole powers of ten, as base-10 logarithms.
    static func decades(_ low: Double, _ high: Double) -> (Double, Double) {
        let lower = floor(log10(max(low, 1e-9)))
        let upper = max(ceil(log10(max(high, 1e-9))), lower + 1)
        return (lower, upper)
    }

    static func label(_ value: Double) -> String {
        value >= 1 ? ResultsTable.formatCount(Int(value)) : String(format: "%g", value)
    }

    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    static func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ color: String, strokeWidth: Double = 1
    ) -> String {
        "<line x1=\"\(format(x1))\" y1=\"\(format(y1))\" x2=\"\(format(x2))\" y2=\"\(format(y2))\" "
            + "stroke=\"\(color)\" stroke-width=\"\(strokeWidth)\"/>\n"
    }

    static func text(_ x: Double, _ y: Double, _ content: String, anchor: String, transform: String? = nil) -> String {
        let escaped = content.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        let transformAttribute = transform.map { " transform=\"\($0)\"" } ?? ""
        return "<text x=\"\(format(x))\" y=\"\(format(y))\" text-anchor=\"\(anchor)\"\(transformAttribute)>\(escaped)</text>\n"
    }
}
