import Foundation
import Testing

/// A `--destination` filter must name a destination in the catalog or one
/// that an account of the ledger has. Any other value is a usage error,
/// because its empty result would read as "no such accounts".
@Suite struct DestinationFilterTests {
    @Test func accountsRejectsMiscasedCatalogId() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)

        let output = try ledger.run(["accounts", "--destination", "Amazon-S3"])

        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix(
            "Error: invalid --destination Amazon-S3: the destination catalog does not list it "
                + "and no account of this ledger has it; did you mean amazon-s3?\nUsage: ledger accounts "),
            "\(output.standardError)")
        #expect(output.standardOutput.isEmpty)
    }

    @Test func auditReportsRejectMiscasedId() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.connectS3("s3").status == 0)

        for report in [["stale", "--older-than", "90d"], ["expired"], []] {
            let output = try ledger.run(["audit"] + report + ["--destination", "AMAZON-S3"])
            let invocation = (["audit"] + report).joined(separator: " ")

            #expect(output.status == 2, "\(invocation)")
            #expect(output.standardError.hasPrefix("Error: invalid --destination AMAZON-S3: "), "\(invocation)")
            #expect(output.standardError.contains("did you mean amazon-s3?"), "\(invocation)")
            #expect(output.standardOutput.isEmpty, "\(invocation)")
        }
    }

    @Test func unknownIdListsCatalog() throws {
        let ledger = try CommandLineLedger()

        let output = try ledger.run(["audit", "--destination", "nonesuch"])

        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix(
            "Error: invalid --destination nonesuch: the destination catalog does not list it "
                + "and no account of this ledger has it; the catalog lists amazon-s3, azure-blob, sftp, "),
            "\(output.standardError)")
        #expect(!output.standardError.contains("did you mean"))
    }

    @Test func secondUnknownValueIsNamed() throws {
        let ledger = try CommandLineLedger()

        let output = try ledger.run(["accounts", "--destination", "sftp", "--destination", "Sftp"])

        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix("Error: invalid --destination Sftp: "), "\(output.standardError)")
        #expect(output.standardError.contains("did you mean sftp?"))
    }

    @Test func catalogIdWithoutAccountsIsAccepted() throws {
        let ledger = try CommandLineLedger()

        let accounts = try ledger.run(["accounts", "--destination", "sftp"])
        let stale = try ledger.run(["audit", "stale", "--older-than", "1d", "--destination", "sftp"])

        #expect(accounts.status == 0, "\(accounts.standardError)")
        #expect(accounts.standardOutput.hasSuffix("0 account(s)\n"))
        #expect(stale.status == 0, "\(stale.standardError)")
    }

    /// `connect --type` stores a destination the catalog does not list, and
    /// ids are compared exactly, so the ledger's own spelling is the one
    /// accepted and suggested.
    @Test func destinationOutsideCatalogIsAccepted() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.run(
            ["connect", "--id", "crm", "--destination", "In-House", "--type", "bearer-token", "--name", "CRM",
             "--secret", "token=stdin"],
            input: "t-1\n").status == 0)

        let exact = try ledger.run(["accounts", "--destination", "In-House", "--csv"])
        let audit = try ledger.run(["audit", "--destination", "In-House", "--csv"])
        let miscased = try ledger.run(["accounts", "--destination", "in-house"])

        #expect(exact.status == 0, "\(exact.standardError)")
        #expect(exact.standardOutput.contains(",crm\r\n"))
        #expect(audit.status == 0, "\(audit.standardError)")
        #expect(audit.standardOutput.contains(",crm,"))
        #expect(miscased.status == 2)
        #expect(miscased.standardError.contains("did you mean In-House?"), "\(miscased.standardError)")
    }

    @Test func deletedAccountKeepsDestinationKnown() throws {
        let ledger = try CommandLineLedger()
        try #require(try ledger.run(
            ["connect", "--id", "crm", "--destination", "in-house", "--type", "bearer-token", "--name", "CRM",
             "--secret", "token=stdin"],
            input: "t-1\n").status == 0)
        try #require(try ledger.run(["delete", "crm"]).status == 0)

        let output = try ledger.run(["accounts", "--destination", "in-house", "--status", "deleted", "--csv"])

        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains(",crm\r\n"))
    }
}
