/// The reason a text was rejected as a time.
public enum TimestampError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not RFC 3339 date-time with `Z` or a numeric offset, nor a bare date.
    case malformed
    /// A date and time of day without `Z` or a numeric offset, which would
    /// leave the instant it names to the reader's time zone.
    case missingOffset
    /// A numeric offset without the colon RFC 3339 requires, such as
    /// `+0000`. `corrected` is the whole text with the colon added.
    case offsetWithoutColon(offset: String, corrected: String)
    /// A month, day, hour, minute, second or offset out of its range.
    case impossible
    /// Second 60, which only a UTC leap second has.
    case leapSecond
    /// Non-zero fraction digits after the third.
    case finerThanMillisecond
    /// Before 0001-01-01T00:00:00Z or after 9999-12-31T23:59:59.999Z
    /// once its offset is applied.
    case outOfRange
    /// Only digits, such as a count of milliseconds since 1970, which is
    /// not a time where RFC 3339 is expected.
    case bareNumber
    /// Not a time, a date nor a duration, where a query takes any of them.
    case malformedQueryTime
    /// Only digits where a query takes a time, a date or a duration.
    case bareNumberInQuery
    /// A duration that reaches back before the earliest time.
    case durationBeforeEarliest
    /// A duration of zero units, which would mean now.
    case zeroDuration

    public var description: String {
        switch self {
        case .malformed:
            return "expected RFC 3339 (2024-03-03T14:00:00Z, any offset) or a date (2024-03-03)"
        case .missingOffset:
            return "the time has no offset from UTC; add Z for UTC or an offset such as +01:00 "
                + "(2024-03-03T14:00:00Z, 2024-03-03T14:00:00+01:00)"
        case .offsetWithoutColon(let offset, let corrected):
            return "the offset \(offset) needs a colon between its hours and minutes, as RFC 3339 requires; "
                + "write \(corrected)"
        case .impossible:
            return "no such date or time (months 01-12, days within the month, hours 00-23, "
                + "minutes and seconds 00-59, offsets up to 23:59)"
        case .leapSecond:
            return "second 60 is a leap second, and ledger times are Unix time, which has none; "
                + "write :59.999 or the next minute's :00"
        case .finerThanMillisecond:
            return "more precise than a millisecond, the finest time the ledger stores; "
                + "give at most 3 fraction digits, or only zeros after them"
        case .outOfRange:
            return "outside 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z once its offset is applied"
        case .bareNumber:
            return "a bare number is not a time here (not even milliseconds since 1970); "
                + "expected RFC 3339 (2024-03-03T14:00:00Z, any offset) or a date (2024-03-03)"
        case .malformedQueryTime:
            return "expected RFC 3339 (2024-03-03T14:00:00Z, any offset), a date (2024-03-03) "
                + "or a duration before now (30d, 2w, 12h, 45m)"
        case .bareNumberInQuery:
            return "a bare number is not a time here (not even milliseconds since 1970); expected RFC 3339 "
                + "(2024-03-03T14:00:00Z, any offset), a date (2024-03-03) or a duration before now with its unit (30d)"
        case .durationBeforeEarliest:
            return "the duration reaches back before 0001-01-01T00:00:00Z, the earliest time a ledger holds"
        case .zeroDuration:
            return "a duration counts at least 1 of its unit (1d, 1h); leave the option out to mean now"
        }
    }
}
