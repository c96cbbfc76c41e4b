/// Conversion between RFC 3339 text at the edges and milliseconds since the
/// epoch (UTC) inside the ledger.
///
/// Parsing is done by hand on the proleptic Gregorian calendar, so the
/// result never depends on the process's `TZ` or locale.
public enum Timestamp {
    /// The earliest time the ledger accepts as text: 0001-01-01T00:00:00Z.
    public static let earliest: Int64 = -62_135_596_800_000
    /// The latest time the ledger accepts as text: 9999-12-31T23:59:59.999Z.
    public static let latest: Int64 = 253_402_300_799_999

    /// Formats milliseconds since the epoch as RFC 3339 in UTC, with
    /// milliseconds only when they are not zero.
    ///
    /// A year outside 0000-9999, which only an integer time from a file or
    /// the library's callers can reach, gets a sign and as many digits as it
    /// needs (`-0001`, `+10000`).
    public static func format(_ milliseconds: Int64) -> String {
        let seconds = floorDivide(milliseconds, 1000)
        // The remainder, not `milliseconds - seconds * 1000`, which
        // overflows near Int64.min.
        let fraction = (milliseconds % 1000 + 1000) % 1000
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civilFromDays(Int(days))
        // Digits into a byte buffer: lists format thousands of times, and
        // joining padded strings was a tenth of a 10k-account list.
        var text: [UInt8] = []
        text.reserveCapacity(24)
        if year < 0 {
            text.append(UInt8(ascii: "-"))
        } else if year > 9999 {
            text.append(UInt8(ascii: "+"))
        }
        appendDigits(abs(year), 4, to: &text)
        text.append(UInt8(ascii: "-"))
        appendDigits(month, 2, to: &text)
        text.append(UInt8(ascii: "-"))
        appendDigits(day, 2, to: &text)
        text.append(UInt8(ascii: "T"))
        appendDigits(secondOfDay / 3600, 2, to: &text)
        text.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 3600 / 60, 2, to: &text)
        text.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, 2, to: &text)
        if fraction != 0 {
            text.append(UInt8(ascii: "."))
            appendDigits(Int(fraction), 3, to: &text)
        }
        text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends `value` in decimal, padded with zeros to `width` digits.
    private static func appendDigits(_ value: Int, _ width: Int, to text: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        if digits.count < width {
            text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count))
        }
        text.append(contentsOf: digits.reversed())
    }

    /// Formats only the UTC date part, as `YYYY-MM-DD`.
    public static func formatDate(_ milliseconds: Int64) -> String {
        String(format(milliseconds).prefix { $0 != "T" })
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 for a Gregorian date (Howard Hinnant's
    /// days-from-civil algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
