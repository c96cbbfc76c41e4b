import AccountLedger
import Foundation

/// The checks that must hold for a ledger file after anything at all
/// happened to the processes writing it.
public enum LedgerInvariants {
    /// A broken invariant, described for a person.
    public struct Violation: Error, CustomStringConvertible, Sendable {
        public let description: String

        public init(_ description: String) {
            self.description = description
        }
    }

    /// Opens the ledger for writing (which recovers a killed writer's WAL),
    /// runs the full verification, and returns its report.
    public static func openAndVerify(path: String) throws -> VerificationReport {
        let ledger: Ledger
        do {
            ledger = try Ledger(path: path, access: .write, environment: [:])
        } catch {
            throw Violation("the database does not open after the kill: \(error)")
        }
        do {
            return try ledger.verify()
        } catch {
            throw Violation("verify fails after the kill: \(error)")
        }
    }

    /// Returns the number of events stored for every idempotency key.
    public static func eventCountsByIdempotencyKey(path: String) throws -> [String: Int] {
        try counts(path: path, column: "idempotency_key")
    }

    /// Returns the head position of the log.
    public static func eventCount(path: String) throws -> Int64 {
        let database = try Database(path: path, mode: .readOnly)
        return try database.read { db in try db.scalarInt("SELECT coalesce(max(position), 0) FROM events") ?? 0 }
    }

    private static func counts(path: String, column: String) throws -> [String: Int] {
        let database = try Database(path: path, mode: .readOnly)
        return try database.read { db in
            var counts: [String: Int] = [:]
            try db.statement("SELECT \(column), count(*) FROM events WHERE \(column) IS NOT NULL GROUP BY \(column)")
                .forEachRow { row in counts[row.string(0)] = row.int(1) }
            return counts
        }
    }
}
