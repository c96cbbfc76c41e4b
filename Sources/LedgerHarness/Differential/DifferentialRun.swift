import AccountLedger
import Foundation

/// Applies a seeded random sequence of saves to a real ledger, then checks
/// its reads at many random moments against `ReferenceModel`, and checks
/// that a rebuild reproduces the inline projections row for row.
public struct DifferentialRun {
    /// A read whose result differs from the reference, with the seed that
    /// replays it.
    public struct Mismatch: Error, CustomStringConvertible {
        public let description: String
    }

    /// Counts of what one run did.
    public struct Report: Sendable {
        /// Reads compared with the reference.
        public var cases = 0
        public var events: Int64 = 0
        /// Saves with an occurred time before the account's last event, all rejected.
        public var outOfOrderRejected = 0
    }

    public let seed: UInt64
    public let saves: Int
    public let moments: Int

    public init(seed: UInt64, saves: Int = 40, moments: Int = 12) {
        self.seed = seed
        self.saves = saves
        self.moments = moments
    }

    /// Runs in a new ledger inside `folder`.
    public func run(in folder: URL) throws -> Report {
        let path = folder.appendingPathComponent("differential-\(seed).sqlite").path
        let ledger = try Ledger.create(path: path, environment: [:])
        var generator = CommandGenerator(random: SeededGenerator(seed: seed))
        var report = Report()
        try applySaves(to: ledger, generator: &generator, report: &report)

        var lines: [String] = []
        try ledger.exportEvents { lines.append($0) }
        // The first line is the export header, not an event.
        let eventLines = lines.dropFirst()
        let model = ReferenceModel(events: try eventLines.map(ReferenceEvent.init(exportLine:)))
        report.events = Int64(eventLines.count)
        for _ in 0..<moments {
            try checkMoment(ledger, model: model, generator: &generator, report: &report)
        }

        let inline = try ProjectionDump(path: path)
        try ledger.rebuildProjections()
        guard try ProjectionDump(path: path) == inline else {
            throw mismatch("rebuilt projections differ from the inline ones")
        }
        report.cases += 1
        // Every history the saves wrote must pass verify, including the
        // check that each event's "before" values match the state it follows.
        do {
            _ = try ledger.verify()
        } catch {
            throw mismatch("verify rejects the log the saves wrote: \(error)")
        }
        report.cases += 1
        return report
    }

    private func mismatch(_ text: String) -> Mismatch {
        Mismatch(description: "seed \(seed): \(text)")
    }

    // MARK: - Saves

    private func applySaves(to ledger: Ledger, generator: inout CommandGenerator, report: inout Report) throws {
        var lastTimes: [String: Int64] = [:]
        for index in 0..<saves {
            let slot = generator.pick(CommandGenerator.slots)
            let state = try? ledger.account(id: slot.id)
            let last = lastTimes[slot.id] ?? CommandGenerator.start
            let outOfOrder = state != nil && generator.chance(10)
            let moment = outOfOrder ? last - Int64.random(in: 1...2880, using: &generator.random) * 60_000
                : generator.nextTime(after: last)
            let command = state.map { generator.change(slot, state: $0, at: moment) } ?? generator.connect(slot, at: moment)
            let context = SaveContext(
                actor: generator.pick(["alice", "bob", "carol"]), reason: generator.chance(50) ? "change \(index)" : nil,
                occurredAt: moment)
            let countBefore = try ledger.eventCount()
            do {
                let result = try ledger.save(command, accountID: slot.id, context: context)
                if outOfOrder && !result.events.isEmpty {
                    throw mismatch("save \(index) at \(Timestamp.format(moment)), before the account's last change, was accepted")
                }
                if !result.events.isEmpty {
                    lastTimes[slot.id] = moment
                }
            } catch let error as LedgerError {
                if outOfOrder, case .rejected = error {
                    report.outOfOrderRejected += 1
                }
                guard try ledger.eventCount() == countBefore else {
                    throw mismatch("save \(index) failed with \(error) but appended events")
                }
            }
        }
    }

    // MARK: - Checks

    private func checkMoment(_ ledger: Ledger, model: ReferenceModel, generator: inout CommandGenerator, report: inout Report) throws {
        let events = model.events
        let head = Int64(events.count)
        let occurred = events.map(\.occurredAt)
        let low = (occurred.min() ?? CommandGenerator.start) - CommandGenerator.day
        let high = (occurred.max() ?? CommandGenerator.start) + CommandGenerator.day
        // Half the moments are exact event or expiry times, where boundaries are decided.
        let exact = occurred + model.expiryTimes
        let asOf = generator.chance(50) && !exact.isEmpty ? generator.pick(exact) : Int64.random(in: low...high, using: &generator.random)
        let position = Int64.random(in: 0...head, using: &generator.random)
        let destinations = CommandGenerator.slots.map(\.destination).filter { _ in generator.chance(30) }

        try checkView(ledger, model, point: TimePoint(asOf: asOf), destinations: destinations, label: "as of \(Timestamp.format(asOf))")
        report.cases += 1

        let known = try ledger.timePoint(atPosition: position)
        try checkView(ledger, model, point: known, destinations: destinations, label: "at position \(position)")
        report.cases += 1

        if let recordedAt = generator.chance(50) ? events.randomElement(using: &generator.random)?.recordedAt : nil {
            let point = try ledger.timePoint(asOf: asOf, asKnownAt: recordedAt)
            guard point.knownAtPosition == model.position(knownAt: recordedAt) else {
                throw mismatch("as known at \(Timestamp.format(recordedAt)) resolved to position \(point.knownAtPosition ?? -1)")
            }
            try checkView(ledger, model, point: point, destinations: destinations, label: "as of \(Timestamp.format(asOf)) as known at position \(point.knownAtPosition ?? 0)")
            report.cases += 1
        }

        let slot = generator.pick(CommandGenerator.slots)
        try checkShow(ledger, model, accountID: slot.id, point: TimePoint(asOf: asOf, knownAtPosition: position))
        report.cases += 1

        var query = AuditQuery()
        query.since = generator.chance(50) ? Int64.random(in: low...high, using: &generator.random) : nil
        query.until = generator.chance(50) ? Int64.random(in: low...high, using: &generator.random) : nil
        query.accountID = generator.chance(30) ? slot.id : nil
        query.actor = generator.chance(20) ? "alice" : nil
        query.destinations = destinations
        query.kinds = Set(AuditKind.allCases.filter { _ in generator.chance(30) })
        query.knownAtPosition = generator.chance(30) ? position : nil
        if let accountID = query.accountID, !model.hasAccount(accountID) {
            do {
                _ = try ledger.auditEntries(query)
                throw mismatch("audit of account \(accountID), which the log never had, returned rows instead of not found")
            } catch LedgerError.accountNotFound {
                report.cases += 1
                return
            }
        }
        if let accountID = query.accountID, let position = query.knownAtPosition,
            !model.hasAccount(accountID, byPosition: position)
        {
            do {
                _ = try ledger.auditEntries(query)
                throw mismatch("audit of account \(accountID) at position \(position), before its connect, returned rows instead of not yet connected")
            } catch LedgerError.accountNotYetConnected {
                report.cases += 1
                return
            }
        }
        let actual = try ledger.auditEntries(query).map(AuditLine.render)
        let expected = model.auditLines(query)
        guard actual == expected else {
            throw mismatch("audit rows differ:\nledger:\n\(actual.joined(separator: "\n"))\nreference:\n\(expected.joined(separator: "\n"))")
        }
        report.cases += 1
    }

    private func checkView(_ ledger: Ledger, _ model: ReferenceModel, point: TimePoint, destinations: [String], label: String) throws {
        var query = AccountQuery()
        query.at = point
        query.destinations = destinations
        let moment = point.statusMoment(now: Clock.nowMilliseconds())
        let actual = try ledger.accounts(query).map { row in
            [row.accountID, row.name, row.destination, row.connectionType.rawValue, row.username ?? "-",
             String(row.dataflowCount), row.authorizedAt.map(String.init) ?? "-", row.expiresAt.map(String.init) ?? "-",
             row.status.rawValue, String(row.version)].joined(separator: "|")
        }.sorted()
        let expected = model.accounts(asOf: point.asOf, upToPosition: point.knownAtPosition).values
            .filter { destinations.isEmpty || destinations.contains($0.destination) }
            .map { account in
                [account.id, account.name, account.destination, account.connectionType, account.username ?? "-",
                 String(account.dataflows.count), account.authorizedAt.map(String.init) ?? "-",
                 account.expiresAt.map(String.init) ?? "-", account.status(at: moment), String(account.version)]
                    .joined(separator: "|")
            }.sorted()
        guard actual == expected else {
            throw mismatch("accounts view \(label) differs:\nledger:\n\(actual.joined(separator: "\n"))\nreference:\n\(expected.joined(separator: "\n"))")
        }
    }

    private func checkShow(_ ledger: Ledger, _ model: ReferenceModel, accountID: String, point: TimePoint) throws {
        let expected = model.accounts(asOf: point.asOf, upToPosition: point.knownAtPosition)[accountID]
        let actual: AccountState?
        do {
            actual = try ledger.account(id: accountID, at: point)
        } catch LedgerError.accountNotFound, LedgerError.accountNotYetConnected {
            actual = nil
        }
        guard let actual, let expected else {
            guard actual == nil && expected == nil else {
                throw mismatch("show \(accountID) at \(point): ledger \(actual == nil ? "has no" : "has an") account, the reference disagrees")
            }
            return
        }
        let same = actual.name == expected.name && actual.description == expected.description
            && actual.username == expected.username && actual.settings == expected.settings
            && actual.credentials.mapValues(\.hex) == expected.credentials && actual.expiresAt == expected.expiresAt
            && actual.authorizedAt == expected.authorizedAt && actual.dataflows == expected.dataflows
            && actual.isDeleted == expected.isDeleted && actual.version == expected.version
            && actual.encryptionKey?.fingerprint == expected.encryptionKey
            && actual.credentialsChangedAt == expected.credentialsChangedAt && actual.updatedAt == expected.updatedAt
        guard same else {
            throw mismatch("show \(accountID) at \(point) differs:\nledger: \(actual)\nreference: \(expected)")
        }
    }
}
