import AccountLedger

struct AuditCommand: LedgerCommand {
    static let name = "audit"
    static let abstract = "List credential and lifecycle changes, or report stale secrets and expired tokens."
    static let usage = """
        ledger audit [--since TIME] [--until TIME] [--actor NAME] [--account ID] [--destination ID]... [--kind KIND]... [--as-known-at TIME] [--at-position N] [--json|--csv]
               ledger audit stale --older-than DURATION [--as-of TIME] [--as-known-at TIME] [--at-position N] [--destination ID]... [--json|--csv]
               ledger audit expired [--as-of TIME] [--as-known-at TIME] [--at-position N] [--destination ID]... [--json|--csv]
        """
    static let options = [
        CommonOptions.database,
        ("since", "Only changes that occurred at or after this time (RFC 3339, a date, or a duration before now such as 30d)."),
        ("until", "Only changes that occurred before this time (RFC 3339, a date, or a duration before now such as 30d)."),
        ("actor", "Only changes made by this actor (case-sensitive, ignoring Unicode normalization)."),
        ("account", "Only changes to this account id, under every name it had."),
        ("destination", "Only accounts of this destination (repeatable: any of them)."),
        ("kind", "Only this kind: \(AuditKind.allCases.map(\.rawValue).joined(separator: ", ")) or all (repeatable)."),
        ("older-than", "stale: secrets unchanged for longer than this, such as 90d (units w, d, h, m: weeks, days, hours, minutes)."),
        CommonOptions.asOf, CommonOptions.asKnownAt, CommonOptions.atPosition,
    ]
    static let repeatableOptions: Set<String> = ["destination", "kind"]
    static let flags = [("json", "Print JSON Lines instead of a table."), CommonOptions.csv]

    enum Report: String {
        case trail
        case stale
        case expired
    }

    let arguments: ParsedArguments
    let report: Report
    var query = AuditQuery()
    var olderThan: Int64 = 0

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        guard arguments.positionals.count <= 1 else {
            throw UsageError("unexpected argument \(arguments.positionals[1])")
        }
        if let name = arguments.positionals.first {
            guard let report = Report(rawValue: name), report != .trail else {
                throw UsageError("unknown report \(name): expected stale or expired, or no report for the change list")
            }
            self.report = report
        } else {
            report = .trail
        }
        guard !(arguments.has("json") && arguments.has("csv")) else {
            throw UsageError("choose one of --json and --csv")
        }
        self.arguments = arguments
        try checkOptionsFit()
        query.since = try CommonOptions.queryTime(arguments, "since")
        query.until = try CommonOptions.queryTime(arguments, "until")
        if let since = query.since, let until = query.until, since >= until {
            // --until is exclusive, so an equal pair selects nothing either.
            throw UsageError(
                "--since \(arguments.value("since")!) is not before --until \(arguments.value("until")!), so no change could match; swap them or widen the window")
        }
        query.actor = CommonOptions.givenActor(arguments)
        query.accountID = arguments.value("account")
        query.destinations = arguments.allValues("destination")
        for name in arguments.allValues("kind") where name != "all" {
            guard let kind = AuditKind(rawValue: name) else {
                throw UsageError("invalid --kind \(name): expected one of \(AuditKind.allCases.map(\.rawValue).joined(separator: ", ")) or all")
            }
            query.kinds.insert(kind)
        }
        if arguments.allValues("kind").contains("all") {
            query.kinds = []
        }
        if report == .stale {
            guard let text = arguments.value("older-than") else {
                throw UsageError("audit stale needs --older-than, such as --older-than 90d")
            }
            guard let duration = DurationText.parse(text) else {
                let maximumDays = Int64.max / 86_400_000
                throw UsageError(
                    "invalid --older-than \(text): expected a whole number above 0 and a unit w, d, h or m, such as 90d, "
                        + "and at most \(maximumDays)d, the limit of a 64-bit count of milliseconds")
            }
            olderThan = duration
        }
        _ = try CommonOptions.queryTime(arguments, "as-of")
        _ = try CommonOptions.queryTime(arguments, "as-known-at")
        _ = try CommonOptions.integer(arguments, "at-position")
    }

    /// Rejects options that the chosen report would silently ignore.
    private func checkOptionsFit() throws {
        let trailOnly = ["since", "until", "actor", "account", "kind"]
        let allowed: Set<String>
        switch report {
        case .trail:
            allowed = Set(trailOnly + ["destination", "as-known-at", "at-position"])
        case .stale:
            allowed = ["older-than", "as-of", "as-known-at", "at-position", "destination"]
        case .expired:
            allowed = ["as-of", "as-known-at", "at-position", "destination"]
        }
        for name in arguments.values.keys.sorted() where name != "db" && !allowed.contains(name) {
            let what = report == .trail ? "the change list" : "audit \(report.rawValue)"
            if report == .trail && name == "as-of" {
                throw UsageError(
                    "option --as-of does not apply to the change list; choose the occurred times with --since and --until, "
                        + "or what the ledger had recorded with --as-known-at or --at-position")
            }
            throw UsageError("option --\(name) does not apply to \(what)")
        }
    }

    func run(_ terminal: Terminal) throws {
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .read)
        try CommonOptions.checkDestinationFilter(arguments, ledger: ledger)
        let point = try CommonOptions.timePoint(arguments, ledger: ledger)
        switch report {
        case .trail:
            var query = self.query
            query.knownAtPosition = point.knownAtPosition
            query.knownAt = point.knownAt
            let format: AuditTrailOutput.Format = arguments.has("json") ? .jsonLines : arguments.has("csv") ? .csv : .table
            try AuditTrailOutput(format: format, terminal: terminal).print(query, from: ledger)
        case .stale:
            let destinations = Set(query.destinations)
            let states = try ledger.staleAccounts(olderThan: olderThan, at: point)
                .filter { destinations.isEmpty || destinations.contains($0.destination) }
            printStale(states, terminal)
        case .expired:
            let destinations = Set(query.destinations)
            let rows = try ledger.expiredAccounts(at: point)
                .filter { destinations.isEmpty || destinations.contains($0.destination) }
            printExpired(rows, moment: point.statusMoment(now: Clock.nowMilliseconds()), terminal)
        }
    }

    private func printStale(_ states: [AccountState], _ terminal: Terminal) {
        if arguments.has("json") {
            for state in states {
                terminal.writeLine(JSONWriter.canonical(.object([
                    "id": .string(state.id),
                    "name": .string(state.name),
                    "destination": .string(state.destination),
                    "connectionType": .string(state.connectionType.rawValue),
                    "credentialsChangedAt": .string(Timestamp.format(state.credentialsChangedAt)),
                ])))
            }
            return
        }
        var table = TextTable(headers: ["NAME", "DESTINATION", "TYPE", "SECRETS CHANGED", "ID"])
        for state in states {
            table.append([
                state.name, state.destination, state.connectionType.rawValue,
                Timestamp.format(state.credentialsChangedAt), state.id,
            ])
        }
        write(table, count: states.count, noun: "account(s) with stale secrets", terminal)
    }

    private func printExpired(_ rows: [AccountRow], moment: Int64, _ terminal: Terminal) {
        if arguments.has("json") {
            for row in rows {
                terminal.writeLine(JSONWriter.canonical(row.json))
            }
            return
        }
        var table = TextTable(headers: ["NAME", "DESTINATION", "TYPE", "EXPIRED", "DATAFLOWS", "ID"])
        for row in rows {
            table.append([
                row.name, row.destination, row.connectionType.rawValue, row.expiresAt.map(Timestamp.format),
                String(row.dataflowCount), row.accountID,
            ])
        }
        write(table, count: rows.count, noun: "account(s) expired at \(Timestamp.format(moment))", terminal)
    }

    private func write(_ table: TextTable, count: Int, noun: String, _ terminal: Terminal) {
        if arguments.has("csv") {
            terminal.write(table.renderCSV())
        } else {
            terminal.write(table.render())
            terminal.writeLine("\(count) \(noun)")
        }
    }
}
