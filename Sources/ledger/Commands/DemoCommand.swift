import AccountLedger
import Foundation

struct DemoCommand: LedgerCommand {
    static let name = "demo"
    static let abstract = "Build a fresh demo ledger with four months of history and show what it holds."
    static let usage = "ledger demo [--db PATH]"
    static let options = [("db", "Demo database file to (re)create (default ledger-demo.sqlite).")]
    static let flags: [(String, String)] = []

    let path: String

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument \(arguments.positionals[0])")
        }
        path = arguments.value("db") ?? "ledger-demo.sqlite"
    }

    func run(_ terminal: Terminal) throws {
        try removePreviousDemo()
        // The demo keeps its own key file, so it never uses $LEDGER_KEY.
        var environment = terminal.environment
        environment[FingerprintKey.environmentVariable] = nil
        // The history is recorded before the file appears at `path`, so an
        // interrupted demo leaves nothing that the next one must refuse.
        // The earlier demo is gone by now, so a file at `path` was made by
        // another command while this one ran, usually a second demo.
        let advice = "another command made it while this demo ran; run `ledger demo` again to replace it if it is a demo"
        let ledger = try Ledger.create(
            path: path, environment: environment, keyFileOption: nil, existsAdvice: advice
        ) { ledger in
            try DemoHistory.record(into: ledger)
            try ledger.markAsDemo()
        }
        terminal.keepOpenUntilOutputIsWritten(ledger)
        let count = try ledger.eventCount()
        let shownPath = path.escapingControlCharacters()
        let summary = "Demo ledger \(shownPath): \(count) events, key in \(ledger.keyPath.escapingControlCharacters())."
        // The commands are shown to be pasted, so the path is one shell word.
        let pathWord = path.quotedAsShellPath().escapingControlCharacters()
        terminal.recordCommittedChange(summary)
        terminal.writeLine(summary)
        terminal.writeLine("")
        terminal.writeLine("$ ledger accounts --db \(pathWord) --destination amazon-s3 --destination google-ads")
        try run(AccountsCommand.self, ["--db", path, "--destination", "amazon-s3", "--destination", "google-ads"], terminal)
        terminal.writeLine("")
        terminal.writeLine("$ ledger history --db \(pathWord) \(DemoHistory.marketingExportsID)")
        try run(HistoryCommand.self, ["--db", path, DemoHistory.marketingExportsID], terminal)
        terminal.writeLine("")
        terminal.writeLine("$ ledger accounts --db \(pathWord) --as-of 2026-02-20")
        try run(AccountsCommand.self, ["--db", path, "--as-of", "2026-02-20"], terminal)
    }

    private func run(_ command: any LedgerCommand.Type, _ arguments: [String], _ terminal: Terminal) throws {
        try command.init(try command.parse(arguments), terminal: terminal).run(terminal)
    }

    /// Deletes an earlier demo file, but never a ledger that was not made by
    /// `ledger demo`.
    private func removePreviousDemo() throws {
        // Removing the earlier demo would remove the link, not the ledger
        // it points to, and the new demo would take the link's place.
        if let target = Ledger.symbolicLinkTarget(at: path) {
            throw LedgerError.storage(
                path: path,
                problem: "is a symbolic link to \(target); the demo replaces only a file it made itself, never a link, "
                    + "so give the path of a file as --db")
        }
        guard FileManager.default.fileExists(atPath: path) else { return }
        // A first look through a read connection rejects other ledgers
        // without writing to them (opening for writing may migrate one).
        // The check is then made again under the write lock, which the
        // removal holds too, so that no save commits in between.
        var found = try Ledger(path: path, access: .read, environment: [:]).demoReplacement()
        if found == .replaceable {
            found = try Ledger(path: path, access: .write, environment: [:]).removeIfReplaceableDemo()
        }
        switch found {
        case .replaceable:
            break
        case .notDemo:
            throw LedgerError.storage(path: path, problem: "exists and is not a demo ledger; refusing to replace it, choose another --db")
        case .changedSince(let eventCount):
            throw LedgerError.storage(
                path: path,
                problem: "is a demo ledger with changes made after the demo was built (\(eventCount) events now); "
                    + "refusing to replace that work, choose another --db or delete the file yourself")
        }
    }
}
