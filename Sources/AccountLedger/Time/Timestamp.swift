/// Conversion between RFC 3339 text at the edges and milliseconds since the
/// epoch (UTC) inside the ledger.
///
/// Parsing is done by hand on the proleptic Gregorian calendar, so the
/// result never depends on the process's `TZ` or locale.
public enum Timestamp {
    /// Parses an RFC 3339 date-time with `Z` or a numeric offset
    /// (`2024-03-03T14:00:00+01:00`, fractional seconds optional), or a bare
    /// date (`2024-03-03`, taken as midnight UTC).
    ///
    /// - Returns: milliseconds since the epoch, or nil when the text is not
    ///   one of those forms or names an impossible date.
    public static func parse(_ text: String) -> Int64? {
        let characters = Array(text.utf8)
        var index = 0

        func number(_ digits: Int) -> Int? {
            guard index + digits <= characters.count else { return nil }
            var value = 0
            for _ in 0..<digits {
                let character = characters[index]
                guard character >= UInt8(ascii: "0"), character <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(character - UInt8(ascii: "0"))
                index += 1
            }
            return value
        }

        func expect(_ character: Character) -> Bool {
            guard index < characters.count, characters[index] == character.asciiValue! else { return false }
            index += 1
            return true
        }

        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2) else {
            return nil
        }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        if index == characters.count {
            return Int64(days) * 86_400_000
        }
        guard index < characters.count,
            characters[index] == UInt8(ascii: "T") || characters[index] == UInt8(ascii: "t")
                || characters[index] == UInt8(ascii: " ")
        else { return nil }
        index += 1
        guard let hour = number(2), expect(":"), let minute = number(2), expect(":"), let second = number(2) else {
            return nil
        }
        // A leap second (60) is accepted and folded into the next minute.
        guard hour <= 23, minute <= 59, second <= 60 else { return nil }
        var milliseconds = 0
        if index < characters.count, characters[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 100
            var digitCount = 0
            while index < characters.count, characters[index] >= UInt8(ascii: "0"), characters[index] <= UInt8(ascii: "9") {
                milliseconds += Int(characters[index] - UInt8(ascii: "0")) * scale
                scale /= 10
                digitCount += 1
                index += 1
            }
            guard digitCount > 0 else { return nil }
        }
        var offsetSeconds = 0
        guard index < characters.count else { return nil }
        if characters[index] == UInt8(ascii: "Z") || characters[index] == UInt8(ascii: "z") {
            index += 1
        } else if characters[index] == UInt8(ascii: "+") || characters[index] == UInt8(ascii: "-") {
            let sign = characters[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let offsetHours = number(2), expect(":"), let offsetMinutes = number(2),
                offsetHours <= 23, offsetMinutes <= 59
            else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }
        guard index == characters.count else { return nil }
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return seconds * 1000 + Int64(milliseconds)
    }

    /// Formats milliseconds since the epoch as RFC 3339 in UTC, with
    /// milliseconds only when they are not zero.
    public static func format(_ milliseconds: Int64) -> String {
        let seconds = floorDivide(milliseconds, 1000)
        let fraction = milliseconds - seconds * 1000
        let days = floorDivide(seconds, 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civilFromDays(Int(days))
        // Digits into a byte buffer: lists format thousands of times, and
        // joining padded strings was a tenth of a 10k-account list.
        var text: [UInt8] = []
        text.reserveCapacity(24)
        appendDigits(year, 4, to: &text)
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
        guard value >= 0 else {
            text.append(contentsOf: pad(value, width).utf8)
            return
        }
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
        String(format(milliseconds).prefix(10))
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
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
