import Foundation
import Testing

/// A `--secret` field that neither the connection type nor the account has
/// is rejected before any secret is read, so the first message names the
/// field, not standard input that ended before its line.
@Suite struct SecretFieldCheckTests {
    /// Runs `arguments` with standard input empty, and checks status 5,
    /// the one error line and that the ledger is as it was.
    private func expectUnknownField(
        _ ledger: CommandLineLedger,
        _ arguments: [String],
        message: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try ledger.snapshot()
        let output = try ledger.run(arguments)
        #expect(output.status == 5, sourceLocation: sourceLocation)
        #expect(output.standardError == "Error: invalid input in credential bogusfield: " + message + "\n",
                sourceLocation: sourceLocation)
        #expect(try ledger.snapshot() == before, "the ledger changed", sourceLocation: sourceLocation)
    }

    @Test func connectChecksCatalogType() throws {
        // The message was "ended before the line for --secret bogusfield=stdin".
        let ledger = try CommandLineLedger()
        try expectUnknownField(
            ledger,
            ["connect", "--id", "t1", "--destination", "amazon-s3", "--name", "t", "--secret", "bogusfield=stdin"],
            message: "access-key accounts have no credential bogusfield; their credentials are: accessKeyId, secretKey")
    }

    @Test func connectChecksGivenType() throws {
        let ledger = try CommandLineLedger()
        try expectUnknownField(
            ledger,
            ["connect", "--id", "t1", "--destination", "in-house", "--type", "bearer-token", "--name", "t",
             "--secret", "token=stdin", "--secret", "bogusfield=stdin"],
            message: "bearer-token accounts have no credential bogusfield; their credentials are: token")
    }

    @Test func connectToUnknownDestinationNamesIt() throws {
        let ledger = try CommandLineLedger()
        let output = try ledger.run(
            ["connect", "--id", "t1", "--destination", "in-house", "--name", "t", "--secret", "token=stdin"])
        #expect(output.status == 5)
        #expect(output.standardError.hasPrefix(
            "Error: invalid input in destination: in-house is not in the destination catalog; pass --type"))
    }

    @Test func editChecksAccountFields() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)
        try expectUnknownField(
            ledger, ["edit", "s3", "--secret", "bogusfield=stdin"],
            message: "the account has no credential bogusfield; its credentials are: accessKeyId, secretKey")
    }

    @Test func reconnectChecksAccountFields() throws {
        let ledger = try CommandLineLedger()
        let connected = try ledger.run(
            ["connect", "--id", "ads", "--destination", "google-ads", "--name", "Ads", "--secret", "accessToken=stdin"],
            input: "first-token\n")
        try #require(connected.status == 0, "\(connected.standardError)")
        try expectUnknownField(
            ledger, ["reconnect", "ads", "--secret", "accessToken=stdin", "--secret", "bogusfield=stdin"],
            message: "the account has no credential bogusfield; its credentials are: accessToken, refreshToken")
    }

    @Test func promptSourceIsCheckedFirst() throws {
        // A field read at a prompt is checked too; without a terminal the
        // prompt would have been the error.
        let ledger = try CommandLineLedger()
        try expectUnknownField(
            ledger,
            ["connect", "--id", "t1", "--destination", "amazon-s3", "--name", "t", "--secret", "bogusfield=prompt"],
            message: "access-key accounts have no credential bogusfield; their credentials are: accessKeyId, secretKey")
    }

    @Test func knownFieldStillReadsInput() throws {
        let ledger = try CommandLineLedger()
        let output = try ledger.run(
            ["connect", "--id", "t1", "--destination", "amazon-s3", "--name", "t", "--secret", "accessKeyId=stdin"])
        #expect(output.status == 5)
        #expect(output.standardError.contains("ended before the line for --secret accessKeyId=stdin"))
    }
}
