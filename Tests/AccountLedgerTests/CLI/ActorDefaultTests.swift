import AccountLedger
import Foundation
import Testing

/// Who a write records when `--actor` is not given: `$LEDGER_ACTOR`, else
/// `$USER`, else the login name, where a variable that is set but empty or
/// only whitespace counts as unset.
@Suite struct ActorDefaultTests {
    /// A ledger with one Amazon S3 account `s3` at version 1.
    private func ledgerWithAccount() throws -> CommandLineLedger {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        return ledger
    }

    /// Returns the actor of the account's last event.
    private func lastActor(_ ledger: CommandLineLedger) throws -> JSONValue? {
        let lines = try ledger.run(["history", "s3", "--json"]).standardOutput.split(separator: "\n")
        let last = try #require(lines.last)
        return try JSONParser.parse(String(last))["actor"]
    }

    private var loginName: String? {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }

    @Test func emptyLedgerActorFallsBackToUser() throws {
        let ledger = try ledgerWithAccount()
        let output = try ledger.run(
            ["activate", "s3", "--dataflow", "d1"], environment: ["LEDGER_ACTOR": "", "USER": "bob"])
        #expect(output.status == 0, "stderr: \(output.standardError)")
        #expect(try lastActor(ledger) == .string("bob"))
    }

    @Test(arguments: [("", ""), (" \t", " ")])
    func blankUserFallsBackToLoginName(ledgerActor: String, user: String) throws {
        let ledger = try ledgerWithAccount()
        let login = try #require(loginName)
        let output = try ledger.run(
            ["activate", "s3", "--dataflow", "d1"], environment: ["LEDGER_ACTOR": ledgerActor, "USER": user])
        #expect(output.status == 0, "stderr: \(output.standardError)")
        #expect(try lastActor(ledger) == .string(login))
    }

    /// A user id without a password entry has no login name; only root can
    /// switch to one, so the test is disabled elsewhere.
    @Test(.enabled(if: getuid() == 0 && getpwuid(54_321) == nil))
    func noNameAnywhereAsksForActor() throws {
        let ledger = try ledgerWithAccount()
        let before = try ledger.snapshot()
        let output = try ledger.runShell(
            #"LEDGER_ACTOR= exec setpriv --reuid=54321 --regid=54321 --clear-groups "$LEDGER" activate s3 --dataflow d1"#)
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: missing --actor: "), "stderr: \(output.standardError)")
        #expect(output.standardError.contains("$LEDGER_ACTOR and $USER are unset or empty"))
        #expect(output.standardError.contains("user id 54321 has no login name"))
        #expect(output.standardError.contains("pass --actor NAME"))
        #expect(try ledger.snapshot() == before)
    }

    @Test(arguments: [
        (["--actor", " alice\t"], [String: String](), "alice"),
        ([], ["LEDGER_ACTOR": " bob "], "bob"),
        ([], ["LEDGER_ACTOR": "", "USER": "\tcarol \n"], "carol"),
        // A zero-width space is no White_Space, so it stays, as it does in
        // an imported record's updatedBy.
        (["--actor", "\u{200B}dave "], [String: String](), "\u{200B}dave"),
    ])
    func actorIsTrimmed(options: [String], environment: [String: String], actor: String) throws {
        // " bob " was stored as it came, so `audit --actor bob` found nothing.
        let ledger = try ledgerWithAccount()
        let output = try ledger.run(["activate", "s3", "--dataflow", "d1"] + options, environment: environment)
        #expect(output.status == 0, "stderr: \(output.standardError)")
        #expect(try lastActor(ledger) == .string(actor))
    }

    @Test func auditActorFilterIsTrimmed() throws {
        let ledger = try ledgerWithAccount()
        try #require(try ledger.run(["activate", "s3", "--dataflow", "d1", "--actor", "bob"]).status == 0)
        let output = try ledger.run(["audit", "--actor", " bob ", "--json"])
        #expect(output.status == 0, "stderr: \(output.standardError)")
        #expect(output.standardOutput.split(separator: "\n").count == 1, "\(output.standardOutput)")
    }

    @Test func writeHelpNamesLoginFallback() throws {
        for command in ["connect", "edit", "activate", "delete", "import"] {
            let help = try LedgerProcess.run([command, "--help"]).standardOutput
            #expect(help.contains("(default $LEDGER_ACTOR, else $USER, else the login name)"), "\(command) --help")
        }
    }
}
