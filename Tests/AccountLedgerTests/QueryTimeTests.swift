import AccountLedger
import Testing

/// The time options of queries, which take a duration before now as well
/// as a time or a date.
@Suite struct QueryTimeTests {
    private let now = Timestamp.parse("2026-03-10T12:00:00Z")!

    @Test func durationCountsBackFromNow() throws {
        #expect(try Timestamp.milliseconds(from: "2d", before: now) == Timestamp.parse("2026-03-08T12:00:00Z"))
        #expect(try Timestamp.milliseconds(from: "90m", before: now) == Timestamp.parse("2026-03-10T10:30:00Z"))
    }

    @Test func absoluteTimeIgnoresNow() throws {
        #expect(try Timestamp.milliseconds(from: "2026-01-01", before: now) == Timestamp.parse("2026-01-01"))
    }

    /// The message spoke of an offset, which a duration does not have.
    @Test func durationBeforeYearOneIsNamed() {
        #expect(throws: TimestampError.durationBeforeEarliest) {
            try Timestamp.milliseconds(from: "1000000d", before: now)
        }
        #expect(throws: TimestampError.durationBeforeEarliest) {
            try Timestamp.milliseconds(from: "106751991167d", before: now)
        }
    }

    /// A count too large for 64 bits of milliseconds got the message for
    /// text that is no time at all.
    @Test func durationPast64BitsIsNamed() {
        #expect(throws: TimestampError.durationBeforeEarliest) {
            try Timestamp.milliseconds(from: "106751991168d", before: now)
        }
    }

    @Test func zeroDurationIsNamed() {
        #expect(throws: TimestampError.zeroDuration) {
            try Timestamp.milliseconds(from: "0d", before: now)
        }
        #expect(throws: TimestampError.zeroDuration) {
            try Timestamp.milliseconds(from: "00h", before: now)
        }
    }

    @Test func textThatIsNoTimeMentionsDurations() {
        #expect(throws: TimestampError.malformedQueryTime) {
            try Timestamp.milliseconds(from: "yesterday", before: now)
        }
        #expect(TimestampError.malformedQueryTime.description.contains("or a duration before now (30d, 2w, 12h, 45m)"))
    }

    @Test func bareNumberMentionsDurationUnit() {
        #expect(throws: TimestampError.bareNumberInQuery) {
            try Timestamp.milliseconds(from: "30", before: now)
        }
    }
}
