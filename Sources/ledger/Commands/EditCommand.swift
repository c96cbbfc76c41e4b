import AccountLedger

struct EditCommand: LedgerCommand {
    static let name = "edit"
    static let abstract = "Rename an account, change its description, or rotate its credentials."
    static let usage = "ledger edit ACCOUNT-ID [--name NAME] [--description TEXT] [--username NAME] [--secret FIELD=SOURCE]... [options]"
    static let options = [
        ("name", "New account name."),
        ("description", "New description."),
        ("username", "New username (basic accounts)."),
        ("setting", "NAME=VALUE to set in clear (repeatable)."),
        SecretInput.option,
        ("expires-at", "New token expiry (bearer tokens), RFC 3339 or a date."),
    ] + CommonOptions.writeOptions
    static let repeatableOptions: Set<String> = ["setting", "secret"]
    static let flags = [CommonOptions.saveJSON]

    let arguments: ParsedArguments
    let accountID: String
    let request: EditRequest

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        accountID = try AccountArgument.single(arguments)
        self.arguments = arguments
        request = EditRequest(
            name: arguments.value("name"),
            description: arguments.value("description"),
            username: arguments.value("username"),
            settings: try Settings.parse(arguments),
            secrets: [:],
            expiresAt: try CommonOptions.time(arguments, "expires-at"))
        let changesSomething = request.name != nil || request.description != nil || request.username != nil
            || !request.settings.isEmpty || !arguments.allValues("secret").isEmpty || request.expiresAt != nil
        guard changesSomething else {
            throw UsageError("nothing to change: give --name, --description, --username, --setting, --secret or --expires-at")
        }
    }

    func run(_ terminal: Terminal) throws {
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .write)
        let context = try CommonOptions.saveContext(arguments, terminal)
        var request = self.request
        try ledger.checkState(
            .edit(request), accountID: accountID, context: context,
            secretFields: try SecretInput.fieldNames(arguments))
        request.secrets = try SecretInput.read(arguments, terminal: terminal)
        let result = try ledger.save(.edit(request), accountID: accountID, context: context)
        SaveOutput.print(result, verb: "Edited", json: arguments.has("json"), terminal: terminal)
    }
}

/// The single positional account id most commands take.
enum AccountArgument {
    static func single(_ arguments: ParsedArguments) throws -> String {
        guard let id = arguments.positionals.first else {
            throw UsageError("missing ACCOUNT-ID")
        }
        guard arguments.positionals.count == 1 else {
            throw UsageError("unexpected second argument (not shown: it may be a secret); give one ACCOUNT-ID, and options as --name VALUE or --secret FIELD=stdin")
        }
        return id
    }
}
