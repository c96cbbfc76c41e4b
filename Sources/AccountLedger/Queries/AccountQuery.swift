/// A moment to read the ledger at: what was true at `asOf` (occurred
/// time), as far as the ledger had recorded by `knownAtPosition`.
/// Both nil means now, with everything recorded.
public struct TimePoint: Equatable, Sendable {
    /// Occurred time, milliseconds since the epoch.
    public var asOf: Int64?
    /// The last log position to take into account.
    public var knownAtPosition: Int64?
    /// The recorded time the position stands for, used to judge expiry when
    /// no `asOf` is given.
    public var knownAt: Int64?

    public init(asOf: Int64? = nil, knownAtPosition: Int64? = nil, knownAt: Int64? = nil) {
        self.asOf = asOf
        self.knownAtPosition = knownAtPosition
        self.knownAt = knownAt
    }

    public static let now = TimePoint()

    public var isNow: Bool { asOf == nil && knownAtPosition == nil }

    /// Returns the moment at which token expiry is judged: the occurred
    /// time asked about, else the recorded time, else `now`.
    public func statusMoment(now: Int64) -> Int64 {
        asOf ?? knownAt ?? now
    }
}

/// Filters and order for the accounts view.
public struct AccountQuery: Sendable {
    /// The column the view is ordered by.
    public enum SortKey: String, CaseIterable, Sendable {
        case name
        case destination
        case type
        case status
        case authorized
        case expires
        case updated
        case dataflows
    }

    /// Any of these destinations; empty means all.
    public var destinations: [String] = []
    /// Any of these connection types; empty means all.
    public var connectionTypes: [ConnectionType] = []
    /// Any of these statuses; empty means all.
    public var statuses: [AccountStatus] = []
    /// Text the name must contain, compared as `CaseFolder` leaves both:
    /// case-folded and canonically decomposed.
    public var nameContains: String?
    public var sort: SortKey = .name
    public var descending = false
    public var at: TimePoint = .now

    public init() {}
}

/// One row of the accounts view, with the platform's Accounts tab columns.
public struct AccountRow: Equatable, Sendable {
    public var accountID: String
    public var name: String
    public var destination: String
    public var connectionType: ConnectionType
    public var username: String?
    public var dataflowCount: Int
    public var authorizedAt: Int64?
    public var expiresAt: Int64?
    public var status: AccountStatus
    public var version: Int
    public var updatedAt: Int64
}
