import AccountLedger
import Testing

/// The CHANGE text `ledger history` prints for each event.
@Suite struct EventSummaryTests {
    private func sftpConnect(description: String) -> AccountEvent {
        .connected(AccountConnected(
            name: "SF1", description: description, destination: "sftp", connectionType: .basic,
            username: "u1", settings: ["port": "22", "domain": "a.example"]))
    }

    @Test func connectNamesDescriptionAndSettings() {
        #expect(EventSummary.describe(sftpConnect(description: "initial desc"))
            == "connected \"SF1\" to sftp (basic), description \"initial desc\", username u1, "
            + "setting domain a.example, setting port 22")
    }

    @Test func connectOmitsEmptyDescription() {
        #expect(EventSummary.describe(sftpConnect(description: ""))
            == "connected \"SF1\" to sftp (basic), username u1, setting domain a.example, setting port 22")
    }

    /// An imported authorization date showed only in `audit`.
    @Test func connectNamesAuthorizationDate() {
        let event = AccountEvent.connected(AccountConnected(
            name: "Ads", description: "", destination: "google-ads", connectionType: .oauth2,
            authorizedAt: Timestamp.parse("2026-09-10T05:00:00Z")))
        #expect(EventSummary.describe(event) == "connected \"Ads\" to google-ads (oauth2), authorized 2026-09-10T05:00:00Z")
    }
}

