import AccountLedger

struct HistoryCommand: LedgerCommand {
    static let name = "history"
    static let abstract = "List an account's events: who changed what, when and why."
    static let usage = "ledger history ACCOUNT-ID [--as-of TIME] [--as-known-at TIME] [--at-position N] [--json]"
    static let options = [
        CommonOptions.database,
        ("as-of", "List only the events that occurred by this time (RFC 3339, a date, or a duration before now such as 30d)."),
        CommonOptions.asKnownAt, CommonOptions.atPosition,
    ]
    static let flags = [("json", "Print each stored event as one line of JSON, in the form `ledger export` writes, instead of a table.")]

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
        let events = try ledger.history(accountID: accountID, at: point)
        if arguments.has("json") {
            for event in events {
                terminal.writeLine(JSONWriter.canonical(try event.json))
            }
            return
        }
        // RECORDED beside OCCURRED, because any writer sets the occurred
        // time, and a back-dated entry shows only in the difference.
        var table = TextTable(headers: ["VERSION", "OCCURRED", "RECORDED", "ACTOR", "EVENT", "CHANGE", "REASON", "POSITION"])
        for event in events {
            table.append([
                String(event.version), Timestamp.format(event.occurredAt), Timestamp.format(event.recordedAt),
                event.actor, event.type,
                EventSummary.describe(try event.decodedEvent()), event.reason, String(event.position),
            ])
        }
        terminal.write(table.render())
    }
}
