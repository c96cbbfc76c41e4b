import Foundation
import Testing

/// A change that the account's state rejects is rejected before any secret
/// is asked for, so a person at the terminal types no secret for nothing.
@Suite struct PromptAfterStateCheckTests {
    /// Runs `arguments` at a terminal and types a line at the first ": ",
    /// which ends either a prompt or the `Error: ` prefix. Checks that the
    /// command was rejected with `message` before any prompt, and that the
    /// ledger is as it was.
    private func expectRejectedBeforePrompt(
        _ ledger: CommandLineLedger,
        _ arguments: String,
        status: Int32 = 6,
        message: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try ledger.snapshot()
        let run = try ledger.runAtTerminal(arguments, prompt: ": ", typed: "typed-secret\\n")
        #expect(run.status == status, "\(run.transcript)", sourceLocation: sourceLocation)
        #expect(run.transcript.hasPrefix("Error: " + message), "\(run.transcript)", sourceLocation: sourceLocation)
        #expect(try ledger.snapshot() == before, sourceLocation: sourceLocation)
    }

    @Test func reconnectOfAccessKeyAccountPromptsForNothing() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        try expectRejectedBeforePrompt(
            ledger, "reconnect s3",
            message: "rejected change to account s3: reconnect applies to OAuth accounts; "
                + "this one is access-key, so use `ledger edit`")
    }

    @Test func reconnectOfDeletedAccountPromptsForNothing() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        try #require(try ledger.run(["delete", "s3"]).status == 0)
        try expectRejectedBeforePrompt(
            ledger, "reconnect s3",
            message: "rejected change to account s3: the account was deleted; deleted accounts cannot change")
    }

    @Test func editOfDeletedAccountPromptsForNothing() throws {
        let ledger = try CommandLineLedger()
        let connected = try ledger.run(
            ["connect", "--id", "sftp", "--destination", "sftp", "--name", "Drop", "--username", "u",
             "--secret", "password=stdin"],
            input: "first-password\n")
        try #require(connected.status == 0, "\(connected.standardError)")
        try #require(try ledger.run(["delete", "sftp"]).status == 0)
        try expectRejectedBeforePrompt(
            ledger, "edit sftp --secret password=prompt",
            message: "rejected change to account sftp: the account was deleted; deleted accounts cannot change")
    }

    @Test func credentialEditOfOAuthAccountPromptsForNothing() throws {
        let ledger = try CommandLineLedger()
        let connected = try ledger.run(
            ["connect", "--id", "ads", "--destination", "google-ads", "--name", "Ads", "--secret", "accessToken=stdin"],
            input: "first-token\n")
        try #require(connected.status == 0, "\(connected.standardError)")
        try expectRejectedBeforePrompt(
            ledger, "edit ads --secret accessToken=prompt",
            message: "rejected change to account ads: oauth2 credentials change only by `ledger reconnect`")
    }

    @Test func connectOfExistingIdPromptsForNothing() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        try expectRejectedBeforePrompt(
            ledger, "connect --id s3 --destination amazon-s3 --name Again", status: 4,
            message: "account s3 already exists")
    }

    @Test func staleExpectedVersionPromptsForNothing() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        try expectRejectedBeforePrompt(
            ledger, "edit s3 --secret secretKey=prompt --expect-version 7", status: 4,
            message: "version conflict")
    }

    @Test func allowedReconnectStillPrompts() throws {
        let ledger = try CommandLineLedger()
        let connected = try ledger.run(
            ["connect", "--id", "ads", "--destination", "google-ads", "--name", "Ads", "--secret", "accessToken=stdin"],
            input: "first-token\n")
        try #require(connected.status == 0, "\(connected.standardError)")
        let run = try ledger.runAtTerminal("reconnect ads", prompt: "accessToken: ", typed: "second-token\\n")
        #expect(run.status == 0, "\(run.transcript)")
        #expect(run.transcript.hasPrefix("accessToken: "))
        #expect(run.transcript.contains("Reconnected account ads"))
    }
}
