import AccountLedger
import Foundation

/// Finds the subcommand, parses its arguments, runs it, and turns every
/// failure into one `Error: ...` line on standard error and an exit status.
struct CommandLineTool {
    let commands: [any LedgerCommand.Type]
    let terminal = Terminal()

    var overview: String {
        var text = "ledger: an event-sourced ledger of destination accounts.\n\n"
            + "Usage: ledger COMMAND [options]\n       ledger --version\n\nCommands:\n"
        let width = commands.map { $0.name.count }.max() ?? 0
        for command in commands {
            text += "  " + command.name + String(repeating: " ", count: width - command.name.count + 2) + command.abstract + "\n"
        }
        text += "\nRun `ledger COMMAND --help` for a command's options, "
            + "and `ledger --version` (or `ledger version`) for this build's version.\n"
        return text
    }

    /// The tool's version and the database schema version it writes. A
    /// message that tells the user to upgrade ledger can then be checked.
    static var versionText: String {
        "ledger \(LedgerBuild.version) (database schema version \(LedgerBuild.databaseSchemaVersion))\n"
    }

    static let versionUsage = "Usage: ledger --version\n       ledger version"

    static let versionHelp = "Print this build's version and the database schema version it writes.\n\n\(versionUsage)\n"

    /// Runs with the process's own arguments, rejecting any that are not UTF-8.
    func runWithProcessArguments() -> Int32 {
        do {
            return run(try ProcessArguments.decoded())
        } catch {
            return report(error)
        }
    }

    func run(_ arguments: [String]) -> Int32 {
        guard let name = arguments.first else {
            writeError("missing COMMAND", details: overview)
            return ExitStatus.usage
        }
        if name == "--help" || name == "-h" || name == "help" {
            let helpWords: Set<String> = ["help", "--help", "-h"]
            guard name == "help", arguments.count > 1, !helpWords.contains(arguments[1]) else {
                terminal.write(overview)
                return ExitStatus.success
            }
            if Self.versionWords.contains(arguments[1]) {
                terminal.write(Self.versionHelp)
                return ExitStatus.success
            }
            guard let command = command(named: arguments[1], in: []) else { return ExitStatus.usage }
            terminal.write(command.helpText)
            return ExitStatus.success
        }
        if Self.versionWords.contains(name) {
            return printVersion(arguments)
        }
        guard let command = command(named: name, in: arguments) else { return ExitStatus.usage }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            terminal.write(command.helpText)
            return ExitStatus.success
        }
        var databaseOption: String?
        do {
            let parsed = try command.parse(rest)
            databaseOption = parsed.value("db")
            try SecretInput.checkShape(parsed)
            let instance = try command.init(parsed, terminal: terminal)
            try instance.run(terminal)
            return ExitStatus.success
        } catch let error as UsageError {
            writeError(error.message, details: "Usage: \(command.usage)\nRun `ledger \(command.name) --help` for the options.")
            return ExitStatus.usage
        } catch {
            return report(error, databaseOption: databaseOption)
        }
    }

    /// `ledger --version` takes the form of the `--version` option that
    /// most tools have, and `ledger version` that of this tool's commands.
    private static let versionWords: Set<String> = ["--version", "version"]

    private func printVersion(_ arguments: [String]) -> Int32 {
        let rest = arguments.dropFirst()
        if rest.contains("--help") || rest.contains("-h") {
            terminal.write(Self.versionHelp)
            return ExitStatus.success
        }
        guard rest.isEmpty else {
            // The extra argument is not quoted, because it may be a pasted secret.
            writeError("\(arguments[0]) takes no arguments", details: Self.versionUsage)
            return ExitStatus.usage
        }
        terminal.write(Self.versionText)
        return ExitStatus.success
    }

    /// Writes `Error: MESSAGE` as one line on standard error, and then
    /// `details` (usage lines). Control characters in the message are
    /// escaped, because it may quote a file name or a value the user gave.
    private func writeError(_ message: String, details: String? = nil) {
        var text = "Error: " + message.escapingControlCharacters()
        if let details {
            text += "\n" + details
        }
        terminal.writeError(text)
    }

    /// Returns the subcommand called `name`, or reports an unknown one.
    /// An option in the command's place, as in `ledger --db x.sqlite init`,
    /// gets a message that shows where options go, with the command from
    /// `arguments` when one is there.
    private func command(named name: String, in arguments: [String]) -> (any LedgerCommand.Type)? {
        guard let command = commands.first(where: { $0.name == name }) else {
            // Only the shape of a command or option name is quoted back: the
            // first argument may be anything, a pasted secret included, and
            // an option's value never is.
            let shownName = String(name.prefix { $0 != "=" })
            let isNameShaped = !shownName.isEmpty && shownName.count <= 24
                && shownName.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            let shown = isNameShaped ? shownName : "(not shown: it may be a secret)"
            var message = "unknown command \(shown)"
            if shownName == "--version" {
                message += "; `ledger --version` takes no value"
            } else if name.hasPrefix("-") {
                let laterCommand = arguments.first { argument in commands.contains { $0.name == argument } }
                let option = isNameShaped ? shownName : "--OPTION"
                message += "; options go after the command name, as in `ledger \(laterCommand ?? "COMMAND") \(option) ...`"
            }
            writeError(message, details: "Usage: ledger COMMAND [options]\nRun `ledger --help` to list the commands.")
            return nil
        }
        return command
    }

    /// Writes the rest of standard output and returns the process's exit
    /// status: `status`, unless standard output could not be written, which
    /// fails a command that otherwise succeeded. The message then reports
    /// whether the command committed a change, and which, so that a user
    /// does not run a save again only because its output was lost.
    ///
    /// A SIGINT, SIGTERM or SIGHUP held since the command's commit ends the
    /// process once this output is written, and only then are the ledgers
    /// closed (`CommitSignals`).
    func finish(_ status: Int32) -> Int32 {
        terminal.flush()
        defer {
            CommitSignals.endDeferral()
            terminal.closeLedgers()
        }
        guard let failure = terminal.outputFailure else { return status }
        var message = "cannot write standard output: \(String(cString: strerror(failure)))"
        if let change = terminal.committedChange {
            message += ". The change was saved, so there is no need to run the command again: \(change)"
        }
        writeError(message)
        return status == ExitStatus.success ? ExitStatus.failure : status
    }

    /// Prints a failure as one `Error: ...` line and returns its exit status.
    ///
    /// - Parameter databaseOption: the value of `--db`, which the commands
    ///   the message suggests then name too.
    private func report(_ error: any Error, databaseOption: String? = nil) -> Int32 {
        let message = "\(error)"
        writeError(databaseOption.map { SuggestedCommands.naming(database: $0, in: message) } ?? message)
        if let error = error as? LedgerError {
            return ExitStatus.status(for: error)
        }
        if error is OutputFileCreationError {
            return ExitStatus.badInput
        }
        return ExitStatus.failure
    }
}
