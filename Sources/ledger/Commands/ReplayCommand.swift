import AccountLedger

struct ReplayCommand: LedgerCommand {
    static let name = "replay"
    static let abstract = "Write a new ledger holding the log up to a moment or position, for investigations."
    static let usage = "ledger replay (--until TIME | --position N) --into FILE [--db PATH] [--key-file PATH]"
    static let options = [
        CommonOptions.database, CommonOptions.keyFile,
        ("until", "Keep the events the ledger had recorded by this time (RFC 3339 or a date)."),
        ("position", "Keep the events up to this log position."),
        ("into", "The new ledger file; it must not exist. Its key file is written beside it, unless $LEDGER_KEY is set."),
    ]
    static let flags: [(String, String)] = []

    let arguments: ParsedArguments
    let into: String

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument \(arguments.positionals[0])")
        }
        guard let into = arguments.value("into") else {
            throw UsageError("missing --into FILE")
        }
        let limits = ["until", "position"].filter { arguments.value($0) != nil }
        guard limits.count == 1 else {
            throw UsageError("give exactly one of --until TIME and --position N")
        }
        _ = try CommonOptions.time(arguments, "until")
        _ = try CommonOptions.integer(arguments, "position")
        self.arguments = arguments
        self.into = into
    }

    func run(_ terminal: Terminal) throws {
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .read)
        let position: Int64
        if let until = try CommonOptions.time(arguments, "until") {
            position = try ledger.position(knownAt: until)
        } else {
            position = Int64(try CommonOptions.integer(arguments, "position") ?? 0)
        }
        let count = try ledger.replay(upToPosition: position, into: into)
        let shownInto = into.escapingControlCharacters()
        let summary = count == 0
            ? "Wrote \(shownInto) with no events: the log had none by then."
            : "Wrote \(shownInto) with \(count) event(s), positions 1-\(count), hashes unchanged."
        var lines = [summary]
        if terminal.environment[FingerprintKey.environmentVariable] == nil {
            let keyPath = FingerprintKey.defaultPath(forDatabase: into)
            lines.append("Fingerprint key copied to \(keyPath.escapingControlCharacters()) (mode 0600).")
        }
        // Both lines, because the key file is as much a part of the copy.
        terminal.recordCommittedChange(lines.joined(separator: " "))
        for line in lines {
            terminal.writeLine(line)
        }
        if let save = try ledger.saveCut(at: position) {
            terminal.writeError(
                "Note: position \(position) ends inside one save, whose events are at positions "
                    + "\(save.lowerBound)-\(save.upperBound), so the copy holds only part of it. "
                    + "--position \(save.lowerBound - 1) or \(save.upperBound) keeps saves whole.")
        }
    }
}
