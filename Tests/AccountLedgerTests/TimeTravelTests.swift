@testable import AccountLedger
import Foundation
import Testing

@Suite struct TimeTravelTests {
    private func adsConnect(expires: String) -> AccountCommand {
        .connect(ConnectRequest(
            name: "Ads", destination: "google-ads", secrets: ["accessToken": Secret("token-1")],
            expiresAt: time(expires)))
    }

    private func view(_ ledger: Ledger, _ point: TimePoint, destinations: [String] = []) throws -> [AccountRow] {
        var query = AccountQuery()
        query.at = point
        query.destinations = destinations
        return try ledger.accounts(query)
    }

    @Test func positionPastTheEndIsRejected() throws {
        // It showed the whole log as if it had been known at that position.
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let error = try #require(throws: LedgerError.self) { try fixture.ledger.timePoint(atPosition: 2) }
        #expect(error == .invalidInput(
            location: "--at-position 2",
            problem: "past the end of the log, which ends at position 1; choose a position from 0 to 1"))
        #expect(try fixture.ledger.timePoint(atPosition: 1).knownAtPosition == 1)
    }

    @Test func sortByExpiryPutsAccountsWithoutOneLast() throws {
        // SQLite sorts NULL first, so accounts that never expire came
        // before the one that expires next.
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(name: "Never expires"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(adsConnect(expires: "2026-03-01T00:00:00Z"), accountID: "a2", context: context(at: "2026-01-01T00:00:00Z"))
        var query = AccountQuery()
        query.sort = .expires
        #expect(try fixture.ledger.accounts(query).map(\.accountID) == ["a2", "a1"])
        query.descending = true
        #expect(try fixture.ledger.accounts(query).map(\.accountID) == ["a2", "a1"])
    }

    @Test func asOfShowsNameBeforeRename() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(name: "Old"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(.edit(EditRequest(name: "New")), accountID: "a1", context: context(at: "2026-02-01T00:00:00Z"))
        let before = try view(fixture.ledger, TimePoint(asOf: time("2026-01-31T23:59:59Z")))
        let after = try view(fixture.ledger, TimePoint(asOf: time("2026-02-01T00:00:00Z")))
        #expect(before.map(\.name) == ["Old"])
        #expect(after.map(\.name) == ["New"])
        #expect(try fixture.ledger.account(id: "a1", at: TimePoint(asOf: time("2026-01-15"))).name == "Old")
    }

    @Test func asOfBeforeCreationOmitsAccount() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-10T00:00:00Z"))
        #expect(try view(fixture.ledger, TimePoint(asOf: time("2026-01-09"))).isEmpty)
        let notYet = LedgerError.accountNotYetConnected(
            id: "a1", moment: "at 2026-01-09T00:00:00Z", connected: "at 2026-01-10T00:00:00Z (position 1)")
        #expect(throws: notYet) {
            try fixture.ledger.account(id: "a1", at: TimePoint(asOf: time("2026-01-09")))
        }
    }

    @Test func positionBeforeCreationNamesConnection() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-10T00:00:00Z"))
        try fixture.ledger.save(s3Connect(), accountID: "a2", context: context(at: "2026-01-11T00:00:00Z"))
        let notYet = LedgerError.accountNotYetConnected(
            id: "a2", moment: "at position 1", connected: "at 2026-01-11T00:00:00Z (position 2)")
        #expect(throws: notYet) { try fixture.ledger.account(id: "a2", at: TimePoint(knownAtPosition: 1)) }
        #expect(throws: notYet) { try fixture.ledger.history(accountID: "a2", at: TimePoint(knownAtPosition: 1)) }
        #expect(throws: LedgerError.accountNotFound("nope")) { try fixture.ledger.account(id: "nope", at: TimePoint(knownAtPosition: 1)) }
    }

    @Test func statusIsJudgedAtMomentAskedAbout() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(adsConnect(expires: "2026-03-01T00:00:00Z"), accountID: "ads", context: context(at: "2026-01-01T00:00:00Z"))
        let beforeExpiry = try view(fixture.ledger, TimePoint(asOf: time("2026-02-28T23:59:59Z")))
        let atExpiry = try view(fixture.ledger, TimePoint(asOf: time("2026-03-01T00:00:00Z")))
        #expect(beforeExpiry.map(\.status) == [.active])
        #expect(atExpiry.map(\.status) == [.expired])
        let state = try fixture.ledger.account(id: "ads", at: TimePoint(asOf: time("2026-02-01")))
        #expect(state.status(at: time("2026-02-01")) == .active)
    }

    @Test func deletedAccountStaysInEarlierViews() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(.delete(force: false), accountID: "a1", context: context(at: "2026-02-01T00:00:00Z"))
        #expect(try view(fixture.ledger, TimePoint(asOf: time("2026-01-15"))).map(\.status) == [.active])
        #expect(try view(fixture.ledger, TimePoint(asOf: time("2026-02-15"))).map(\.status) == [.deleted])
    }

    @Test func lastEventOfSaveWinsAtItsTime() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let edit = EditRequest(name: "Renamed", secrets: ["secretKey": Secret("secret-2")])
        try fixture.ledger.save(.edit(edit), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        let rows = try view(fixture.ledger, TimePoint(asOf: time("2026-01-02T00:00:00Z")))
        #expect(rows.map(\.version) == [3])
        #expect(rows.map(\.name) == ["Renamed"])
    }

    @Test func atPositionHidesLaterEvents() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(name: "First"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(.edit(EditRequest(name: "Second")), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        try fixture.ledger.save(s3Connect(name: "Other"), accountID: "a2", context: context(at: "2026-01-03T00:00:00Z"))
        let point = try fixture.ledger.timePoint(atPosition: 1)
        #expect(try view(fixture.ledger, point).map(\.name) == ["First"])
        #expect(try fixture.ledger.history(accountID: "a1", at: point).count == 1)
    }

    @Test func asKnownAtUsesRecordedTime() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(name: "First"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let between = Clock.nowMilliseconds()
        usleep(5_000)
        // The rename happened earlier than `between`, but was recorded after it.
        try fixture.ledger.save(.edit(EditRequest(name: "Second")), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        let point = try fixture.ledger.timePoint(asKnownAt: between)
        #expect(point.knownAtPosition == 1)
        #expect(try fixture.ledger.account(id: "a1", at: point).name == "First")
        #expect(try view(fixture.ledger, point).map(\.name) == ["First"])
    }

    @Test func bitemporalCombinesBothLimits() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(name: "One"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(.edit(EditRequest(name: "Two")), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        try fixture.ledger.save(.edit(EditRequest(name: "Three")), accountID: "a1", context: context(at: "2026-01-03T00:00:00Z"))
        let point = try fixture.ledger.timePoint(asOf: time("2026-01-02T12:00:00Z"), atPosition: 3)
        #expect(try view(fixture.ledger, point).map(\.name) == ["Two"])
        let earlierKnowledge = try fixture.ledger.timePoint(asOf: time("2026-01-05"), atPosition: 1)
        #expect(try view(fixture.ledger, earlierKnowledge).map(\.name) == ["One"])
    }

    @Test func atPositionJudgesStatusAtItsRecordedTime() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(adsConnect(expires: "2999-01-01T00:00:00Z"), accountID: "ads", context: context(at: "2026-01-01T00:00:00Z"))
        let point = try fixture.ledger.timePoint(atPosition: 1)
        #expect(point.knownAt != nil)
        #expect(point.statusMoment(now: .max) == point.knownAt)
    }

    @Test func asKnownAtJudgesStatusAtThatTime() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(adsConnect(expires: "2999-01-01T00:00:00Z"), accountID: "ads", context: context(at: "2026-01-01T00:00:00Z"))
        let recorded = try #require(try fixture.ledger.history(accountID: "ads").last?.recordedAt)
        let point = try fixture.ledger.timePoint(asKnownAt: recorded + 60_000)
        #expect(point.knownAtPosition == 1)
        #expect(point.statusMoment(now: .max) == recorded + 60_000)
    }

    @Test func filteredViewWorksAtAnyMoment() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(name: "S3"), accountID: "s3", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(adsConnect(expires: "2026-06-01T00:00:00Z"), accountID: "ads", context: context(at: "2026-01-02T00:00:00Z"))
        try fixture.ledger.save(
            .connect(ConnectRequest(name: "Blob", destination: "azure-blob", secrets: ["connectionString": Secret("c")])),
            accountID: "blob", context: context(at: "2026-01-03T00:00:00Z"))
        let point = TimePoint(asOf: time("2026-01-02T12:00:00Z"))
        let rows = try view(fixture.ledger, point, destinations: ["google-ads", "azure-blob"])
        #expect(rows.map(\.accountID) == ["ads"])
        var expired = AccountQuery()
        expired.at = TimePoint(asOf: time("2026-07-01"))
        expired.statuses = [.expired]
        #expect(try fixture.ledger.accounts(expired).map(\.accountID) == ["ads"])
    }

    @Test func viewAtMomentUsesIndexes() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        var query = AccountQuery()
        query.at = TimePoint(asOf: time("2026-01-02"), knownAtPosition: 1)
        query.destinations = ["amazon-s3"]
        let plan = try fixture.ledger.queryPlan(query)
        // The view aliases accounts as a and account_versions as v and w.
        #expect(plan.contains("SEARCH a USING COVERING INDEX accounts_by_destination (destination=?)"))
        // One seek per account for its last version by the moment, not a
        // walk back through every later version, and the version's columns
        // read from the same index instead of the table.
        #expect(plan.contains(
            "SEARCH v USING COVERING INDEX account_versions_at_time (account_id=? AND valid_from=? AND version=?)"))
        #expect(plan.contains("SEARCH w USING COVERING INDEX account_versions_at_time (account_id=? AND valid_from<?)"))
        #expect(!plan.contains { $0.hasPrefix("SCAN v") || $0.hasPrefix("SCAN w") })
    }

    @Test func unfilteredViewAtPositionLoopsOverAccounts() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        var query = AccountQuery()
        query.at = TimePoint(asOf: nil, knownAtPosition: 1)
        let plan = try fixture.ledger.queryPlan(query)
        // Scanning the version rows instead ran the subquery once per
        // version, each walking back through the account's versions.
        #expect(plan.first?.hasPrefix("SCAN a") == true, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN v") || $0.hasPrefix("SCAN w") }, "\(plan)")
    }

    @Test func knownAtTimeSeeksRecordedTimeIndex() throws {
        let fixture = try TemporaryLedger()
        let plan = try fixture.ledger.positionKnownAtPlan()
        #expect(plan == ["SEARCH events USING COVERING INDEX events_by_recorded_at (recorded_at<?)"])
    }
}
