/// The audit trail entries matching one query, as one read transaction of
/// the ledger sees them, so every pass over them returns the same entries
/// even while other processes append.
///
/// A snapshot is valid only inside the body of `Ledger.readAuditTrail(_:_:)`,
/// which ends the read transaction when the body returns.
public final class AuditTrailSnapshot {
    private let trail: AuditTrail
    private let query: AuditQuery
    private var isOpen = true
    private var isReading = false

    init(trail: AuditTrail, query: AuditQuery) {
        self.trail = trail
        self.query = query
    }

    /// Calls `body` with each entry in turn, in the order of
    /// `Ledger.auditEntries(_:)`. It reads one row at a time, so memory does
    /// not grow with the number of entries.
    ///
    /// Passes run one after another: calling `forEach` from inside `body`
    /// is a programming error, because both passes share one prepared
    /// statement.
    ///
    /// - Throws: what `body` throws, or a storage error when a row cannot be read.
    public func forEach(_ body: (AuditEntry) throws -> Void) throws {
        precondition(isOpen, "an audit trail snapshot was used after its read transaction ended")
        precondition(!isReading, "passes over one audit trail snapshot do not nest")
        isReading = true
        defer { isReading = false }
        try trail.forEach(query, body)
    }

    func close() {
        isOpen = false
    }
}
