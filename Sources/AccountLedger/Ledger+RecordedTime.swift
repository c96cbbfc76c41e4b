extension Ledger {
    /// Returns the recorded time for events appended after `head`: the
    /// system clock's reading, or the head's recorded time when the clock
    /// is behind it by at most `maximumClockSkew`, because recorded times
    /// never go back.
    ///
    /// `verify` accepts a recorded time up to `maximumClockSkew` ahead of
    /// its own clock. Copying a later head time only within that skew keeps
    /// every event a save writes acceptable to a `verify` run right after
    /// it on the same machine.
    ///
    /// - Throws: `LedgerError.invalidInput` naming the system clock when it
    ///   reads a time outside `Timestamp.earliest...Timestamp.latest`, or
    ///   one more than `maximumClockSkew` before the head's recorded time.
    ///   `.verificationFailed` when the head's recorded time is itself out
    ///   of range, which only an edit of the file can cause.
    static func recordedTime(after head: EventStore.Head, clock: Int64) throws -> Int64 {
        guard (Timestamp.earliest...Timestamp.latest).contains(clock) else {
            throw LedgerError.invalidInput(
                location: "system clock",
                problem: "it reads \(Timestamp.format(clock)), outside the times a ledger holds "
                    + "(\(Timestamp.format(Timestamp.earliest)) to \(Timestamp.format(Timestamp.latest))); "
                    + "check the machine's clock")
        }
        // An empty log has no recorded time to keep to.
        guard head.position > 0 else { return clock }
        // A head outside the range was written by hand, not by a save, and
        // would overflow the arithmetic below.
        guard (Timestamp.earliest...Timestamp.latest).contains(head.recordedAt) else {
            throw LedgerError.verificationFailed(
                position: head.position,
                detail: "recorded_at \(head.recordedAt) is outside the times a ledger holds, so the log was edited "
                    + "outside the ledger; nothing was saved. Run `ledger verify`")
        }
        guard clock >= head.recordedAt - maximumClockSkew else {
            let skewMinutes = maximumClockSkew / 60_000
            throw LedgerError.invalidInput(
                location: "system clock",
                problem: "it reads \(Timestamp.format(clock)), more than \(skewMinutes) minutes before "
                    + "\(Timestamp.format(head.recordedAt)), the recorded time of the last event "
                    + "(position \(head.position)); recorded times never go back, so check the "
                    + "machine's clock. If the clock is right, an earlier save ran with a clock "
                    + "ahead: `ledger verify` names its position N, and `ledger replay --position` "
                    + "N-1 copies the log without it")
        }
        return max(clock, head.recordedAt)
    }
}
