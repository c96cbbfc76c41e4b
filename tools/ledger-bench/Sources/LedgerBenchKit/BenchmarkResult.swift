/// One measured figure: a rate, a latency, a memory size or a ratio.
public struct Figure: Codable, Equatable, Sendable {
    /// A stable identifier, e.g. `import.batched`, used by reports and charts.
    public var key: String
    /// The measure in words, for the results table.
    public var label: String
    public var value: Double
    /// `events/s`, `ms`, `MiB` or `x` (a ratio).
    public var unit: String
}

/// Everything measured at one history size.
public struct BenchmarkResult: Codable {
    public var events: Int
    public var accounts: Int
    public var seed: UInt64
    /// The SQLite library version the ledger and the raw baseline used.
    public var sqliteVersion: String?
    public var figures: [Figure] = []
    /// Measures skipped in this run, each with the reason.
    public var notes: [String] = []

    public func figure(_ key: String) -> Figure? {
        figures.first { $0.key == key }
    }

    mutating func record(_ key: String, _ label: String, _ value: Double, _ unit: String) {
        figures.append(Figure(key: key, label: label, value: value, unit: unit))
        onRecord?(figures[figures.count - 1])
    }

    /// Called with each figure as it is recorded, so a long run shows its
    /// results as they come; not part of the stored result.
    var onRecord: ((Figure) -> Void)?

    enum CodingKeys: String, CodingKey {
        case events, accounts, seed, sqliteVersion, figures, notes
    }
}

/// Latency samples in seconds, summarized as the report shows them.
struct Latencies {
    private(set) var seconds: [Double] = []

    mutating func add(_ value: Double) {
        seconds.append(value)
    }

    /// Returns the sample below which `fraction` of the samples lie (nearest rank).
    func percentile(_ fraction: Double) -> Double {
        precondition(!seconds.isEmpty, "no samples")
        let sorted = seconds.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    var median: Double { percentile(0.5) }
    var maximum: Double { seconds.max() ?? 0 }
}
