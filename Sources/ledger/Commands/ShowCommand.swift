import AccountLedger

struct ShowCommand: LedgerCommand {
    static let name = "show"
    static let abstract = "Show one account's full state, now or at any moment."
    static let usage = "ledger show ACCOUNT-ID [--as-of TIME] [--as-known-at TIME] [--at-position N] [--json]"
    static let options = [CommonOptions.database, CommonOptions.asOf, CommonOptions.asKnownAt, CommonOptions.atPosition]
    static let flags = [("json", "Print the account as one JSON document instead of a list of fields.")]

    let arguments: ParsedArguments
    let accountID: String

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        accountID = try AccountArgument.single(arguments)
        _ = try CommonOptions.queryTime(arguments, "as-of")
        _ = try CommonOptions.queryTime(arguments, "as-known-at")
        _ = try CommonOptions.integer(arguments, "at-position")
        self.arguments = arguments
    }

    func run(_ terminal: Terminal) throws {
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .read)
        let point = try CommonOptions.timePoint(arguments, ledger: ledger)
        let state = try ledger.account(id: accountID, at: point)
        let moment = point.statusMoment(now: Clock.nowMilliseconds())
        if arguments.has("json") {
            terminal.writeLine(JSONWriter.pretty(state.json(statusAt: moment)))
            return
        }
        var lines: [(String, String)] = [
            ("id", state.id),
            ("name", state.name),
            ("description", state.description.isEmpty ? "-" : state.description),
            ("destination", state.destination),
            ("connection type", state.connectionType.rawValue),
            ("status", state.status(at: moment).rawValue),
            ("version", String(state.version)),
            ("username", state.username ?? "-"),
            ("authorized", state.authorizedAt.map(Timestamp.format) ?? "-"),
            ("expires", state.expiresAt.map(Timestamp.format) ?? "-"),
            ("dataflows", state.dataflows.isEmpty ? "none" : state.dataflows.sorted().joined(separator: ", ")),
            ("encryption key", state.encryptionKey.map { "\($0.algorithm) \($0.fingerprint.prefix(12))" } ?? "none"),
            ("created", Timestamp.format(state.createdAt)),
            ("updated", Timestamp.format(state.updatedAt)),
            ("credentials changed", Timestamp.format(state.credentialsChangedAt)),
        ]
        if let deletedAt = state.deletedAt {
            lines.append(("deleted", Timestamp.format(deletedAt)))
        }
        for name in state.settings.keys.sorted() {
            lines.append(("setting \(name)", state.settings[name]!))
        }
        for field in state.credentials.keys.sorted() {
            let fingerprint = state.credentials[field]!
            lines.append(("credential \(field)", fingerprint.short + (fingerprint.hint.map { " (\($0))" } ?? "")))
        }
        let width = lines.map(\.0.count).max() ?? 0
        for (label, value) in lines {
            terminal.writeLine(label + ":" + String(repeating: " ", count: width - label.count + 2) + TextTable.printable(value))
        }
    }
}
