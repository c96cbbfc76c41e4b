/// Parses durations written as a whole number and a unit: `90d`, `2w`,
/// `12h`, `30m`.
public enum DurationText {
    /// Milliseconds in one of each unit: w(eeks), d(ays), h(ours), m(inutes).
    static let units: [Character: Int64] = [
        "w": 7 * 86_400_000,
        "d": 86_400_000,
        "h": 3_600_000,
        "m": 60_000,
    ]

    /// Returns the duration in milliseconds, or nil when the text is not a
    /// positive whole number followed by one of w, d, h or m.
    public static func parse(_ text: String) -> Int64? {
        guard let unit = text.last, let size = units[unit] else { return nil }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int64(digits), count > 0 else { return nil }
        let (milliseconds, overflow) = count.multipliedReportingOverflow(by: size)
        return overflow ? nil : milliseconds
    }
}
