extension Timestamp {
    /// Parses an RFC 3339 date-time with `Z` or a numeric offset
    /// (`2024-03-03T14:00:00+01:00`, fractional seconds optional), or a bare
    /// date (`2024-03-03`, taken as midnight UTC).
    ///
    /// - Returns: milliseconds since the epoch, or nil when
    ///   `milliseconds(from:)` would throw.
    public static func parse(_ text: String) -> Int64? {
        try? milliseconds(from: text)
    }

    /// Parses `text` as `parse(_:)` does, throwing the reason when it cannot.
    ///
    /// The time must be exact in milliseconds and lie in `earliest...latest`.
    /// Rounding a finer time would move an inclusive or exclusive bound past
    /// the changes it should keep or drop.
    ///
    /// - Throws: `TimestampError`.
    public static func milliseconds(from text: String) throws(TimestampError) -> Int64 {
        var reader = DigitReader(Array(text.utf8))
        let leadingDigits = reader.leadingDigitCount()
        if leadingDigits == text.utf8.count, leadingDigits > 0 {
            throw .bareNumber
        }
        // RFC 3339 years have four digits, so a fifth before the date's '-'
        // means a year past 9999. Other text after five digits, such as
        // `1700018000000.0`, is no date at all.
        if leadingDigits > 4 {
            let bytes = Array(text.utf8)
            throw bytes[leadingDigits] == UInt8(ascii: "-") ? .outOfRange : .malformed
        }
        guard let year = reader.number(4), reader.skip("-"), let month = reader.number(2), reader.skip("-"),
            let day = reader.number(2)
        else { throw .malformed }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else {
            throw .impossible
        }
        let days = Int64(daysFromCivil(year: year, month: month, day: day))
        if reader.isAtEnd {
            return try inRange(days * 86_400_000)
        }

        guard reader.skip("T") || reader.skip("t") || reader.skip(" ") else { throw .malformed }
        guard let hour = reader.number(2), reader.skip(":"), let minute = reader.number(2), reader.skip(":"),
            let second = reader.number(2)
        else { throw .malformed }
        let fraction = try reader.millisecondFraction()
        let offsetSeconds = try reader.offsetSeconds()
        guard reader.isAtEnd else { throw .malformed }

        guard hour <= 23, minute <= 59, second <= 60 else { throw .impossible }
        guard second <= 59 else { throw .leapSecond }
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return try inRange(seconds * 1000 + Int64(fraction))
    }

    /// Parses the time of a query: what `milliseconds(from:)` takes, or a
    /// duration as `DurationText` reads it (`30d`, `2w`), meaning that long
    /// before `now`. Writes take no durations: a stored time should state
    /// exactly what the writer meant.
    ///
    /// - Throws: `TimestampError`, with the query's own messages for text
    ///   that is neither a time nor a duration.
    public static func milliseconds(from text: String, before now: Int64) throws(TimestampError) -> Int64 {
        if let duration = DurationText.parse(text) {
            let (moment, overflow) = now.subtractingReportingOverflow(duration)
            guard !overflow, moment >= earliest else { throw .durationBeforeEarliest }
            return moment
        }
        if let unit = text.last, DurationText.units[unit] != nil, text.count > 1,
           text.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }) {
            // DurationText rejects zero, and a count too large for 64 bits.
            throw text.dropLast().allSatisfy({ $0 == "0" }) ? .zeroDuration : .durationBeforeEarliest
        }
        do {
            return try milliseconds(from: text)
        } catch .malformed {
            throw .malformedQueryTime
        } catch .bareNumber {
            throw .bareNumberInQuery
        }
    }

    private static func inRange(_ milliseconds: Int64) throws(TimestampError) -> Int64 {
        guard (earliest...latest).contains(milliseconds) else { throw .outOfRange }
        return milliseconds
    }
}

/// A cursor over the ASCII bytes of a time.
private struct DigitReader {
    private let characters: [UInt8]
    private var index = 0

    init(_ characters: [UInt8]) {
        self.characters = characters
    }

    var isAtEnd: Bool { index == characters.count }

    func leadingDigitCount() -> Int {
        characters.prefix { isDigit($0) }.count
    }

    /// Reads exactly `count` decimal digits.
    mutating func number(_ count: Int) -> Int? {
        guard index + count <= characters.count else { return nil }
        var value = 0
        for character in characters[index..<index + count] {
            guard isDigit(character) else { return nil }
            value = value * 10 + Int(character - UInt8(ascii: "0"))
        }
        index += count
        return value
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < characters.count, characters[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    /// Reads an optional `.digits` fraction of a second, in milliseconds.
    mutating func millisecondFraction() throws(TimestampError) -> Int {
        guard skip(".") else { return 0 }
        var milliseconds = 0
        // The weight of the next digit in milliseconds: 100, 10, 1, then 0.
        var weight = 100
        var digitCount = 0
        var dropsDigit = false
        while index < characters.count, isDigit(characters[index]) {
            let digit = Int(characters[index] - UInt8(ascii: "0"))
            if weight == 0 {
                dropsDigit = dropsDigit || digit != 0
            } else {
                milliseconds += digit * weight
                weight /= 10
            }
            digitCount += 1
            index += 1
        }
        guard digitCount > 0 else { throw .malformed }
        guard !dropsDigit else { throw .finerThanMillisecond }
        return milliseconds
    }

    /// Reads `Z` or a `+hh:mm` / `-hh:mm` offset, in seconds east of UTC.
    mutating func offsetSeconds() throws(TimestampError) -> Int {
        if skip("Z") || skip("z") {
            return 0
        }
        if isAtEnd {
            throw .missingOffset
        }
        let sign: Int
        if skip("+") {
            sign = 1
        } else if skip("-") {
            sign = -1
        } else {
            throw .malformed
        }
        guard let hours = number(2) else { throw .malformed }
        if !skip(":") {
            try rejectOffsetWithoutColon(hours: hours)
        }
        guard let minutes = number(2) else { throw .malformed }
        guard hours <= 23, minutes <= 59 else { throw .impossible }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// Throws `.offsetWithoutColon` when the rest of the text is the two
    /// minute digits of a `+hhmm` offset, and `.malformed` otherwise. That
    /// is ISO 8601's basic form of an offset, common in logs, but RFC 3339
    /// requires the colon.
    private mutating func rejectOffsetWithoutColon(hours: Int) throws(TimestampError) {
        let minutesStart = index
        guard let minutes = number(2), isAtEnd else { throw .malformed }
        guard hours <= 23, minutes <= 59 else { throw .impossible }
        let corrected = String(decoding: characters[..<minutesStart], as: UTF8.self) + ":"
            + String(decoding: characters[minutesStart...], as: UTF8.self)
        // The sign and the hour digits come just before the minutes.
        let offset = String(decoding: characters[(minutesStart - 3)...], as: UTF8.self)
        throw .offsetWithoutColon(offset: offset, corrected: corrected)
    }

    private func isDigit(_ character: UInt8) -> Bool {
        character >= UInt8(ascii: "0") && character <= UInt8(ascii: "9")
    }
}
