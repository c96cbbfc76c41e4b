import AccountLedger

struct RebuildCommand: LedgerCommand {
    static let name = "rebuild"
    static let abstract = "Drop the projections and replay them from the event log, in one transaction, then remove idempotency keys that contradict the log."
    static let usage = "ledger rebuild [--projection NAME]... [--db PATH]"
    static let options = [
        CommonOptions.database,
        ("projection", "Rebuild only this projection: \(Ledger.projectionNames.joined(separator: ", ")) (repeatable; default all)."),
    ]
    static let repeatableOptions: Set<String> = ["projection"]
    static let flags: [(String, String)] = []

    let arguments: ParsedArguments
    let projections: [String]?

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument \(arguments.positionals[0])")
        }
        var names: [String] = []
        for name in arguments.allValues("projection") where !names.contains(name) {
            names.append(name)
        }
        for name in names where !Ledger.projectionNames.contains(name) {
            throw UsageError("invalid --projection \(name): expected one of \(Ledger.projectionNames.joined(separator: ", "))")
        }
        self.arguments = arguments
        projections = names.isEmpty ? nil : names
    }

    func run(_ terminal: Terminal) throws {
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .write)
        let result = try ProgressLine(terminal).erasing { line in
            try ledger.rebuildProjections(projections) { done, total in
                line.show("rebuilding: \(done) of \(total) events")
            }
        }
        // The state snapshots are rebuilt with `accounts`, which the list of
        // projections a user can name does not show.
        let names = (projections ?? Ledger.projectionNames)
            .map { $0 == "accounts" ? "accounts (with account_snapshots)" : $0 }
            .joined(separator: ", ")
        let summary = "Rebuilt \(names) from \(result.eventCount) event(s)."
        terminal.recordCommittedChange(summary)
        terminal.writeLine(summary)
        if !result.restoredTriggers.isEmpty {
            let noun = result.restoredTriggers.count == 1 ? "trigger" : "triggers"
            terminal.writeLine(
                "Restored \(noun) \(result.restoredTriggers.joined(separator: ", ")) on events from the schema.")
        }
        if !result.restoredIndexes.isEmpty {
            let noun = result.restoredIndexes.count == 1 ? "index" : "indexes"
            terminal.writeLine("Restored \(noun) \(result.restoredIndexes.joined(separator: ", ")) from the schema.")
        }
        if !result.droppedTriggers.isEmpty {
            let noun = result.droppedTriggers.count == 1 ? "trigger" : "triggers"
            let names = result.droppedTriggers.map { $0.escapingControlCharacters() }.joined(separator: ", ")
            terminal.writeLine("Dropped \(noun) \(names), which the ledger's schema does not define.")
        }
        let removed = result.removedIdempotencyKeys
        if !removed.isEmpty {
            terminal.writeLine(
                "Removed \(removed.count) idempotency_keys row(s) that contradict the log: \(removed.joined(separator: ", ")).")
        }
    }
}
