/// Every failure the ledger reports to its callers.
///
/// `category` groups the cases the way scripts need to tell them apart; the
/// CLI maps each category to its own exit status. Descriptions say what
/// failed, on which value, and what to do next, and never contain a secret.
public enum LedgerError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The kind of failure, for exit statuses.
    public enum Category: Sendable {
        case notFound
        case conflict
        case badInput
        case rejected
        case storage
        case integrity
    }

    /// An account id that the ledger does not contain.
    case accountNotFound(String)
    /// An account asked about at a moment (`moment`, such as "at
    /// 2026-01-01T00:00:00Z" or "at position 2") before it was connected
    /// (`connected`, such as "at 2026-01-15T09:00:00Z (position 3)").
    case accountNotYetConnected(id: String, moment: String, connected: String)
    /// A write stated a version other than the account's current one.
    case versionConflict(accountID: String, expected: Int, actual: Int)
    /// An account id that is already taken.
    case accountExists(String)
    /// An account id that a deleted account still holds.
    case deletedAccountExists(String)
    /// An idempotency key that an earlier save used for another request.
    case idempotencyKeyReused(key: String, accountID: String)
    /// An idempotency key that events carry (the last at `position`) but
    /// for which the ledger stores no request digest, so a save with it
    /// cannot be compared with the earlier request.
    case idempotencyKeyWithoutDigest(key: String, accountID: String, position: Int64)
    /// Input that is malformed or out of range: where it is, and what is wrong.
    case invalidInput(location: String, problem: String)
    /// A well-formed command that the account's state does not allow.
    case rejected(accountID: String, reason: String)
    /// The database file cannot be used: missing, not SQLite, read-only, full, locked.
    case storage(path: String, problem: String)
    /// The per-ledger fingerprint key is missing, unreadable or wrong.
    case key(path: String, problem: String)
    /// A stored event has a type or schema version this build does not know.
    case unknownEventType(String, position: Int64)
    /// A stored event that cannot be decoded.
    case corruptEvent(position: Int64, detail: String)
    /// An event insert at `position` that SQLite finished without an error
    /// but also without storing the row, as a trigger raising IGNORE does.
    case eventNotStored(position: Int64)
    /// The log fails a verification check: at the event at `position`, or
    /// outside every event (a guard trigger, `ledger_metadata`) when nil.
    case verificationFailed(position: Int64?, detail: String)
    /// A receipt checked on its own, with no ledger opened, whose contents
    /// do not hold: the receipt file and what is wrong.
    case receiptCheckFailed(receipt: String, problem: String)
    /// An event (at `position`, when it is stored) that does not match its
    /// JSON Schema file: the JSON path of the bad value and what is wrong.
    case schemaViolation(position: Int64?, schema: String, path: String, problem: String)

    public var category: Category {
        switch self {
        case .accountNotFound, .accountNotYetConnected: return .notFound
        case .versionConflict, .accountExists, .deletedAccountExists, .idempotencyKeyReused, .idempotencyKeyWithoutDigest: return .conflict
        case .invalidInput: return .badInput
        case .rejected: return .rejected
        case .storage, .key: return .storage
        case .unknownEventType, .corruptEvent, .eventNotStored, .verificationFailed, .receiptCheckFailed, .schemaViolation:
            return .integrity
        }
    }

    public var description: String {
        switch self {
        case .accountNotFound(let id):
            return "account \(id) not found; `ledger accounts` lists the ids"
        case .accountNotYetConnected(let id, let moment, let connected):
            return "account \(id) did not exist yet \(moment); it was connected \(connected)"
        case .versionConflict(let id, let expected, let actual) where actual == 0:
            return "version conflict on account \(id): expected version \(expected), but the account does not exist; connect it first, or expect version 0 for a new account"
        case .versionConflict(let id, let expected, let actual):
            return "version conflict on account \(id): expected version \(expected), but it is at version \(actual); re-read it with `ledger show \(id)` and retry"
        case .accountExists(let id):
            return "account \(id) already exists; choose another id or edit it"
        case .deletedAccountExists(let id):
            return "account \(id) was deleted, and the id of a deleted account cannot be reused; choose another id"
        case .idempotencyKeyReused(let key, let accountID):
            return "idempotency key \(key) was already used for a different request on account \(accountID); use a new key for a new request"
        case .idempotencyKeyWithoutDigest(let key, let accountID, let position):
            return "idempotency key \(key) was already used on account \(accountID) (its last event is at position \(position)), but this ledger holds no digest of that request, so this save cannot be compared with it. A ledger loaded by `ledger import --events`, written by an older build, or replayed to a position inside that save has no digest. Check with `ledger history \(accountID)` whether that save made your change, and use a new key for a new request"
        case .invalidInput(let location, let problem):
            return "invalid input in \(location): \(problem)"
        case .rejected(let id, let reason):
            return "rejected change to account \(id): \(reason)"
        case .storage(let path, let problem):
            return "database \(path): \(problem)"
        case .key(let path, let problem):
            return "fingerprint key \(path): \(problem)"
        case .unknownEventType(_, let position):
            return "event at position \(position) has \(problemWithoutPosition)"
        case .corruptEvent(let position, let detail):
            return "event at position \(position) is corrupt: \(detail)"
        case .eventNotStored(let position):
            return "event at position \(position) was not stored although SQLite reported no error, so nothing was saved. "
                + "A trigger on events that the ledger's schema does not define may have dropped it. "
                + "Run `ledger verify` to name such a trigger and `ledger rebuild` to remove it"
        case .verificationFailed(let position?, let detail):
            return "verification failed at position \(position): \(detail)"
        case .verificationFailed(nil, let detail):
            return "verification failed: \(detail)"
        case .receiptCheckFailed(let receipt, let problem):
            return "check of receipt \(receipt) failed: \(problem)"
        case .schemaViolation(let position, _, _, _):
            let subject = position.map { "event at position \($0)" } ?? "event"
            return "\(subject) \(problemWithoutPosition)"
        }
    }

    /// The description without the event position that starts it, for a
    /// message that names the position already. Cases that name no event
    /// return their whole description.
    var problemWithoutPosition: String {
        switch self {
        case .unknownEventType(let type, _):
            return "type \(type), which this build of ledger does not know; upgrade ledger to read this database"
        case .corruptEvent(_, let detail), .verificationFailed(_, let detail):
            return detail
        case .schemaViolation(_, let schema, let path, let problem):
            return "does not match \(schema) at \(path): \(problem)"
        default:
            return description
        }
    }
}
