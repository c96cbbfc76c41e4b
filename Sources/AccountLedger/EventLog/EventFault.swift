/// A fault in one event, worded without its position, so that
/// `import --events` can report it as bad input at a line of the file, and
/// `verify` and `replay` as a failed check of the ledger's own log.
struct EventFault: Error, Equatable {
    let position: Int64
    let problem: String
    /// The member of the export line that is wrong (`actor`,
    /// `payload.name`), or nil when the fault is not in one member.
    var field: String?

    /// Returns the fault as bad input at `location`, such as `log.jsonl line 3`.
    func invalidInput(at location: String) -> LedgerError {
        LedgerError.invalidInput(
            location: field.map { "\(location), field \($0)" } ?? location,
            problem: "event at position \(position): \(problem)")
    }

    /// The fault as a failed check of a ledger's own log.
    var verificationFailure: LedgerError {
        LedgerError.verificationFailed(
            position: position, detail: field.map { "field \($0): \(problem)" } ?? problem)
    }
}
