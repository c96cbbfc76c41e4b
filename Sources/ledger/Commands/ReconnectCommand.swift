import AccountLedger

struct ReconnectCommand: LedgerCommand {
    static let name = "reconnect"
    static let abstract = "Record a new OAuth grant for an OAuth1 or OAuth2 account."
    static let usage = "ledger reconnect ACCOUNT-ID --secret accessToken=SOURCE [--secret ...] [--expires-at TIME] [options]"
    static let options = [
        SecretInput.option,
        ("expires-at", "When the new grant expires, RFC 3339 or a date."),
    ] + CommonOptions.writeOptions
    static let repeatableOptions: Set<String> = ["secret"]
    static let flags = [CommonOptions.saveJSON]

    let arguments: ParsedArguments
    let accountID: String
    let expiresAt: Int64?

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        accountID = try AccountArgument.single(arguments)
        expiresAt = try CommonOptions.time(arguments, "expires-at")
        self.arguments = arguments
    }

    func run(_ terminal: Terminal) throws {
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .write)
        let context = try CommonOptions.saveContext(arguments, terminal)
        var request = ReconnectRequest(secrets: [:], expiresAt: expiresAt)
        try ledger.checkState(.reconnect(request), accountID: accountID, context: context,
            secretFields: try SecretInput.fieldNames(arguments))
        request.secrets = try SecretInput.read(arguments, terminal: terminal)
        if arguments.allValues("secret").isEmpty {
            let type = try? ledger.account(id: accountID).connectionType
            try SecretInput.promptForMissing(&request.secrets, type: type, terminal: terminal)
        }
        let result = try ledger.save(.reconnect(request), accountID: accountID, context: context)
        SaveOutput.print(result, verb: "Reconnected", json: arguments.has("json"), terminal: terminal)
    }
}
