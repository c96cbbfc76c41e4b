import AccountLedger

struct AccountsCommand: LedgerCommand {
    static let name = "accounts"
    static let abstract = "List accounts like the platform's Accounts tab, now or at any moment."
    static let usage = "ledger accounts [--destination ID]... [--type TYPE]... [--status STATUS]... [--name-contains TEXT] [--sort KEY] [time options] [--json|--csv]"
    static let options = [
        CommonOptions.database,
        ("destination", "Only accounts of this destination (repeatable: any of them)."),
        ("type", "Only this connection type (repeatable)."),
        ("status", "Only this status: active, expired or deleted (repeatable)."),
        ("name-contains", "Only names containing this text as whole characters, ignoring case and Unicode normalization."),
        ("sort", "Order by \(AccountQuery.SortKey.allCases.map(\.rawValue).joined(separator: ", ")) (default name)."),
        CommonOptions.asOf, CommonOptions.asKnownAt, CommonOptions.atPosition,
    ]
    static let repeatableOptions: Set<String> = ["destination", "type", "status"]
    static let flags = [("descending", "Reverse the order."), ("json", "Print one JSON object per account, one per line, instead of a table."), CommonOptions.csv]

    let arguments: ParsedArguments
    var query = AccountQuery()

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument \(arguments.positionals[0])")
        }
        guard !(arguments.has("json") && arguments.has("csv")) else {
            throw UsageError("choose one of --json and --csv")
        }
        self.arguments = arguments
        query.destinations = arguments.allValues("destination")
        query.connectionTypes = try arguments.allValues("type").map { name in
            guard let type = ConnectionType(rawValue: name) else {
                throw UsageError("invalid --type \(name): expected one of \(ConnectionType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return type
        }
        query.statuses = try arguments.allValues("status").map { name in
            guard let status = AccountStatus(rawValue: name) else {
                throw UsageError("invalid --status \(name): expected active, expired or deleted")
            }
            return status
        }
        query.nameContains = arguments.value("name-contains")
        if let sort = arguments.value("sort") {
            guard let key = AccountQuery.SortKey(rawValue: sort) else {
                throw UsageError("invalid --sort \(sort): expected one of \(AccountQuery.SortKey.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            query.sort = key
        }
        query.descending = arguments.has("descending")
        _ = try CommonOptions.queryTime(arguments, "as-of")
        _ = try CommonOptions.queryTime(arguments, "as-known-at")
        _ = try CommonOptions.integer(arguments, "at-position")
    }

    func run(_ terminal: Terminal) throws {
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .read)
        try CommonOptions.checkDestinationFilter(arguments, ledger: ledger)
        var query = self.query
        query.at = try CommonOptions.timePoint(arguments, ledger: ledger)
        let rows = try ledger.accounts(query)
        if arguments.has("json") {
            for row in rows {
                terminal.writeLine(JSONWriter.canonical(row.json))
            }
            return
        }
        var table = TextTable(headers: [
            "NAME", "DESTINATION", "TYPE", "USERNAME", "DATAFLOWS", "AUTHORIZED", "EXPIRES", "STATUS", "VERSION", "ID",
        ])
        for row in rows {
            table.append([
                row.name, row.destination, row.connectionType.rawValue, row.username, String(row.dataflowCount),
                row.authorizedAt.map(Timestamp.formatDate), row.expiresAt.map(Timestamp.format),
                row.status.rawValue, String(row.version), row.accountID,
            ])
        }
        if arguments.has("csv") {
            terminal.write(table.renderCSV())
        } else {
            table.render(terminal.write)
            terminal.writeLine("\(rows.count) account(s)")
        }
    }
}
