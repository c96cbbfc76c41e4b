import AccountLedger
import Testing

/// RFC 3339 text at the edges against milliseconds since the epoch inside.
@Suite struct TimestampTests {
    @Test func subMillisecondDigitsAreRejected() {
        // They were cut off, which moved an exclusive --until before the
        // changes it should have kept.
        #expect(Timestamp.parse("2026-01-10T10:00:00.0005Z") == nil)
        #expect(Timestamp.parse("2026-01-10T10:00:00.0001Z") == nil)
        #expect(Timestamp.parse("2026-01-10T10:00:00.123456789Z") == nil)
    }

    @Test func trailingZeroFractionDigitsAreExact() {
        #expect(Timestamp.parse("2026-01-10T10:00:00.123000Z") == Timestamp.parse("2026-01-10T10:00:00.123Z"))
        #expect(Timestamp.parse("2026-01-10T10:00:00.000000000Z") == Timestamp.parse("2026-01-10T10:00:00Z"))
    }

    @Test func leapSecondIsRejected() {
        // 09:59:60 was moved to 10:00:00 although it is no UTC time at all.
        #expect(Timestamp.parse("2026-01-10T09:59:60Z") == nil)
        #expect(Timestamp.parse("2016-12-31T23:59:60Z") == nil)
        #expect(Timestamp.parse("2016-12-31T23:59:59Z") != nil)
    }

    @Test func yearZeroAfterOffsetIsRejected() {
        #expect(Timestamp.parse("0000-01-01T00:00:00+01:00") == nil)
        #expect(Timestamp.parse("0000-12-31") == nil)
        #expect(Timestamp.parse("0001-01-01T00:30:00+01:00") == nil)
    }

    @Test func yearPast9999AfterOffsetIsRejected() {
        #expect(Timestamp.parse("9999-12-31T23:59:59-23:59") == nil)
        #expect(Timestamp.parse("9999-12-31T23:30:00-00:30") == nil)
        #expect(Timestamp.parse("10000-01-01") == nil)
    }

    @Test func rangeEndsAreAccepted() {
        #expect(Timestamp.parse("0001-01-01T00:00:00Z") == -62_135_596_800_000)
        #expect(Timestamp.parse("0000-12-31T23:00:00-01:00") == -62_135_596_800_000)
        #expect(Timestamp.parse("9999-12-31T23:59:59.999Z") == 253_402_300_799_999)
        #expect(Timestamp.parse("10000-01-01T00:59:59.999+01:00") == nil)
    }

    @Test func errorsNameTheReason() {
        let cases: [(String, TimestampError)] = [
            ("2026-01-10 10:00", .malformed),
            ("2026-03-01T10:00:00", .missingOffset),
            ("2026-03-01T10:00:00.5", .missingOffset),
            ("2026-13-01", .impossible),
            ("2026-01-10T24:00:00Z", .impossible),
            ("2026-01-10T10:00:00+24:00", .impossible),
            ("2026-01-10T09:59:60Z", .leapSecond),
            ("2026-01-10T10:00:00.0005Z", .finerThanMillisecond),
            ("0000-01-01", .outOfRange),
            ("10000-01-01", .outOfRange),
        ]
        for (text, reason) in cases {
            #expect(throws: reason, "\(text)") { try Timestamp.milliseconds(from: text) }
        }
    }

    /// An offset without its colon, as in `+0000`, was reported only as
    /// "expected RFC 3339", with no hint of the fix.
    @Test func offsetWithoutColonNamesCorrectedForm() {
        let cases: [(String, TimestampError)] = [
            ("2025-06-24T16:50:28.318+0000",
                .offsetWithoutColon(offset: "+0000", corrected: "2025-06-24T16:50:28.318+00:00")),
            ("2025-06-24T16:50:28-0530",
                .offsetWithoutColon(offset: "-0530", corrected: "2025-06-24T16:50:28-05:30")),
            ("2025-06-24T16:50:28+2400", .impossible),
            ("2025-06-24T16:50:28+000", .malformed),
            ("2025-06-24T16:50:28+00000", .malformed),
            ("2025-06-24T16:50:28+00", .malformed),
        ]
        for (text, reason) in cases {
            #expect(throws: reason, "\(text)") { try Timestamp.milliseconds(from: text) }
        }
    }

    @Test func offsetWithoutColonMessageShowsFix() {
        let error = TimestampError.offsetWithoutColon(offset: "+0000", corrected: "2025-06-24T16:50:28.318+00:00")
        #expect("\(error)" == "the offset +0000 needs a colon between its hours and minutes, as RFC 3339 requires; "
            + "write 2025-06-24T16:50:28.318+00:00")
    }

    @Test func bareNumberIsNotCalledOutOfRange() {
        // A count of milliseconds, as an API returns it, was reported as a
        // year past 9999.
        #expect(throws: TimestampError.bareNumber) { try Timestamp.milliseconds(from: "1700018000000") }
        #expect(throws: TimestampError.bareNumber) { try Timestamp.milliseconds(from: "2026") }
        #expect(throws: TimestampError.outOfRange) { try Timestamp.milliseconds(from: "20261-01-01") }
        #expect(throws: TimestampError.malformed) { try Timestamp.milliseconds(from: "1700018000000.0") }
    }

    @Test func formatRoundTripsRangeEnds() {
        #expect(Timestamp.format(-62_135_596_800_000) == "0001-01-01T00:00:00Z")
        #expect(Timestamp.format(253_402_300_799_999) == "9999-12-31T23:59:59.999Z")
    }

    @Test func formatSignsYearsOutsideRange() {
        // Times loaded from an exported log can be any 64-bit integer, and
        // year -1 was printed as "00-1".
        #expect(Timestamp.format(-62_135_596_800_001) == "0000-12-31T23:59:59.999Z")
        #expect(Timestamp.format(-62_167_219_200_001) == "-0001-12-31T23:59:59.999Z")
        #expect(Timestamp.format(253_402_300_800_000) == "+10000-01-01T00:00:00Z")
    }

    @Test func formatHandlesInt64Extremes() {
        #expect(Timestamp.format(Int64.min).hasPrefix("-292275055-"))
        #expect(Timestamp.format(Int64.max).hasPrefix("+292278994-"))
    }
}
