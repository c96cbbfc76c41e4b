import AccountLedger
import Foundation

struct ExportCommand: LedgerCommand {
    static let name = "export"
    static let abstract = "Write the whole event log as JSON Lines, a header and then one event per line, for `import --events`."
    static let usage = "ledger export [--output FILE|-] [--db PATH]"
    static let options = [
        CommonOptions.database,
        ("output", "Write to this new file instead of standard output (- is standard output); an existing file is not overwritten."),
    ]
    static let flags: [(String, String)] = []

    let arguments: ParsedArguments

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument \(arguments.positionals[0])")
        }
        self.arguments = arguments
    }

    func run(_ terminal: Terminal) throws {
        guard let output = arguments.value("output"), output != "-" else {
            let ledger = try CommonOptions.openLedger(arguments, terminal, access: .read)
            try ledger.exportEvents { terminal.write($0 + "\n") }
            return
        }
        // The ledger opens only after NewFile has checked the output path,
        // so a path that can name no file is rejected before any read.
        let count = try NewFile.write(
            to: output,
            exists: OutputFileCreationError(path: output, code: EEXIST),
            moveFailed: { OutputFileError(path: output, reason: $0) },
            unusablePath: { OutputFileCreationError(path: output, problem: $0) }
        ) { partialPath in
            let ledger = try CommonOptions.openLedger(arguments, terminal, access: .read)
            let file = try ExportFile(creating: partialPath, reportedAs: output)
            let count = try ledger.exportEvents { try file.writeLine($0) }
            try file.commit()
            return count
        }
        let summary = "Exported \(count) event(s) to \(output.escapingControlCharacters())."
        // The file is in place, so a lost result line must not read as a
        // failed export: a rerun would stop at the file that now exists.
        terminal.recordCommittedChange(summary)
        terminal.writeLine(summary)
    }
}
