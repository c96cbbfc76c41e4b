import AccountLedger
import Foundation
import Testing

@Suite struct WhoUsedTests {
    private func rotate(_ ledger: Ledger, _ id: String, to secretKey: String, at moment: String) throws {
        try ledger.save(.edit(EditRequest(secrets: ["secretKey": Secret(secretKey)])), accountID: id, context: context(at: moment))
    }

    @Test func findsEveryPeriodAcrossAccounts() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(name: "One", secretKey: "leaked"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try rotate(fixture.ledger, "a1", to: "other", at: "2026-02-01T00:00:00Z")
        try rotate(fixture.ledger, "a1", to: "leaked", at: "2026-03-01T00:00:00Z")
        try fixture.ledger.save(s3Connect(name: "Two", secretKey: "leaked"), accountID: "a2", context: context(at: "2026-01-05T00:00:00Z"))
        let usages = try fixture.ledger.credentialUsage(of: Secret("leaked"))
        #expect(usages.map(\.accountID) == ["a1", "a2", "a1"])
        #expect(usages[0].from == time("2026-01-01T00:00:00Z"))
        #expect(usages[0].to == time("2026-02-01T00:00:00Z"))
        #expect(usages[1].to == nil)
        #expect(usages[2].from == time("2026-03-01T00:00:00Z"))
        #expect(usages[2].to == nil)
        #expect(usages.allSatisfy { $0.field == "secretKey" })
    }

    @Test func inUseAtKeepsPeriodsCoveringMoment() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(name: "One", secretKey: "leaked"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(s3Connect(name: "Two", secretKey: "leaked"), accountID: "a2", context: context(at: "2026-01-05T00:00:00Z"))
        try rotate(fixture.ledger, "a1", to: "other", at: "2026-02-01T00:00:00Z")

        let before = try fixture.ledger.credentialUsage(of: Secret("leaked"), inUseAt: time("2026-01-03T00:00:00Z"))
        let atRotation = try fixture.ledger.credentialUsage(of: Secret("leaked"), inUseAt: time("2026-02-01T00:00:00Z"))

        #expect(before.map(\.accountID) == ["a1"])
        #expect(atRotation.map(\.accountID) == ["a2"])
    }

    @Test func commandAsOfNamesMomentWhenNothingMatches() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(secretKey: "k1"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))

        let output = try LedgerProcess.run(["who-used", "--db", fixture.path, "--as-of", "2025-12-31"], input: "k1\n")

        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput == "No account used this secret at 2025-12-31T00:00:00Z.\n")
    }

    @Test func deleteEndsThePeriod() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(secretKey: "leaked"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(.delete(force: false), accountID: "a1", context: context(at: "2026-01-10T00:00:00Z"))
        let usages = try fixture.ledger.credentialUsage(of: Secret("leaked"))
        #expect(usages.map(\.to) == [time("2026-01-10T00:00:00Z")])
    }

    @Test func sameTokenOnReconnectKeepsOnePeriod() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(
            .connect(ConnectRequest(name: "Ads", destination: "google-ads", secrets: ["accessToken": Secret("t1")])),
            accountID: "ads", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(
            .reconnect(ReconnectRequest(secrets: ["accessToken": Secret("t1")])), accountID: "ads",
            context: context(at: "2026-02-01T00:00:00Z"))
        let usages = try fixture.ledger.credentialUsage(of: Secret("t1"))
        #expect(usages.count == 1)
        #expect(usages.first?.to == nil)
    }

    @Test func unknownSecretFindsNothing() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(secretKey: "k1"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        #expect(try fixture.ledger.credentialUsage(of: Secret("never-used")).isEmpty)
    }

    @Test func commandReadsStdinAndNeverPrintsSecret() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(secretKey: "leaked-value-123"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let output = try LedgerProcess.run(["who-used", "--db", fixture.path], input: "leaked-value-123\n")
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("a1"))
        #expect(output.standardOutput.contains("still in use"))
        #expect(!output.standardOutput.contains("leaked-value-123"))
        #expect(!output.standardError.contains("leaked-value-123"))
    }

    @Test func csvLeavesOpenPeriodEndEmpty() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(secretKey: "k1"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let output = try LedgerProcess.run(["who-used", "--db", fixture.path, "--csv"], input: "k1\n")
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.hasSuffix(",2026-01-01T00:00:00Z,\r\n"), "\(output.standardOutput.debugDescription)")
    }

    /// A secret pasted after "env:" was quoted back as the variable's name.
    @Test func nonVariableNameIsNotEchoed() throws {
        let fixture = try TemporaryLedger()
        let output = try LedgerProcess.run(["who-used", "--db", fixture.path, "--secret-from", "env:s3cr3tV@lue="])
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: --secret-from env:... (not shown: it may be a secret)"), "\(output.standardError)")
        #expect(!output.combined.contains("s3cr3tV@lue"))
    }

    @Test func commandReadsNamedEnvironmentVariable() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(secretKey: "leaked-value-123"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let output = try LedgerProcess.run(
            ["who-used", "--db", fixture.path, "--secret-from", "env:LEAKED", "--json"],
            environment: ["LEAKED": "leaked-value-123"])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("\"accountId\":\"a1\""))
        #expect(output.standardOutput.contains("\"to\":null"))
        #expect(!output.combined.contains("leaked-value-123"))
    }

    @Test func commandRejectsSecretInArguments() throws {
        let fixture = try TemporaryLedger()
        let output = try LedgerProcess.run(["who-used", "--db", fixture.path, "leaked-value-123"])
        #expect(output.status == 2)
        #expect(!output.standardError.contains("leaked-value-123"))
        let option = try LedgerProcess.run(["who-used", "--db", fixture.path, "--secret-from", "leaked-value-123"])
        #expect(option.status == 2)
        #expect(option.standardError.contains("expected stdin, env:NAME or prompt"))
        #expect(!option.standardError.contains("leaked-value-123"))
    }
}
