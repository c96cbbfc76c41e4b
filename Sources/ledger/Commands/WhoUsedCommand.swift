import AccountLedger

struct WhoUsedCommand: LedgerCommand {
    static let name = "who-used"
    static let abstract = "List every account and period that used a secret, read from stdin and matched by fingerprint."
    static let usage = "ledger who-used [--secret-from stdin|env:NAME|prompt] [--as-of TIME] [--json|--csv] < secret.txt"
    static let options = [
        CommonOptions.database, CommonOptions.keyFile,
        ("as-of", "List only the periods in use at this occurred time (RFC 3339, a date, or a duration before now such as 30d)."),
        ("secret-from", "Where to read the secret: stdin (default, first line), env:NAME or prompt; never the value itself."),
    ]
    static let flags = [("json", "Print one JSON object per period, one per line, instead of a table."), CommonOptions.csv]

    let arguments: ParsedArguments
    let source: String

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        guard arguments.positionals.isEmpty else {
            // Not echoed: a positional argument here may be the secret itself.
            throw UsageError("who-used takes no arguments; pipe the secret on stdin or use --secret-from env:NAME")
        }
        guard !(arguments.has("json") && arguments.has("csv")) else {
            throw UsageError("choose one of --json and --csv")
        }
        self.arguments = arguments
        source = arguments.value("secret-from") ?? "stdin"
        guard source == "stdin" || source == "prompt" || (source.hasPrefix("env:") && source.count > 4) else {
            // Not echoed: the value may be the secret itself.
            throw UsageError("invalid --secret-from: expected stdin, env:NAME or prompt; the secret itself is never read from the command line")
        }
    }

    func run(_ terminal: Terminal) throws {
        // Before the secret is read, so a mistyped time costs no typing.
        let moment = try CommonOptions.queryTime(arguments, "as-of")
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .read)
        let secret = try SecretInput.readValue(field: "secret", source: source, option: "--secret-from ", terminal: terminal)
        guard !secret.isEmpty else {
            throw LedgerError.invalidInput(
                location: "secret", problem: "the secret is empty; pipe it on stdin or use --secret-from env:NAME")
        }
        let usages = try ledger.credentialUsage(of: secret, inUseAt: moment)
        if arguments.has("json") {
            for usage in usages {
                terminal.writeLine(JSONWriter.canonical(usage.json))
            }
            return
        }
        // CSV leaves an absent value's cell empty, as every other CSV does.
        let isCSV = arguments.has("csv")
        var table = TextTable(headers: ["ACCOUNT", "NAME", "DESTINATION", "FIELD", "FROM", "TO"])
        for usage in usages {
            table.append([
                usage.accountID, usage.accountName, usage.destination, usage.field, Timestamp.format(usage.from),
                usage.to.map(Timestamp.format) ?? (isCSV ? nil : "still in use"),
            ])
        }
        if arguments.has("csv") {
            terminal.write(table.renderCSV())
        } else if usages.isEmpty {
            terminal.writeLine(moment.map { "No account used this secret at \(Timestamp.format($0))." }
                ?? "No account ever used this secret.")
        } else {
            terminal.write(table.render())
            terminal.writeLine("\(usages.count) period(s)")
        }
    }
}
