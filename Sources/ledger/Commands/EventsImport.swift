import AccountLedger
import Foundation

/// `ledger import --events FILE`: loads a `ledger export` file into an empty ledger.
enum EventsImport {
    static func run(path: String, arguments: ParsedArguments, terminal: Terminal) throws {
        let handle: FileHandle
        let name: String
        if path == "-" {
            try terminal.checkStandardInputIsOpen()
            handle = FileHandle.standardInput
            name = ImportCommand.standardInputName
        } else {
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw LedgerError.invalidInput(location: path, problem: "no such file, or it cannot be read")
            }
            handle = opened
            name = path
        }
        defer { try? handle.close() }
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .write)
        let result = try ProgressLine(terminal).erasing { line in
            try ledger.importEvents(from: handle, name: name) { loaded, announced in
                let total = announced.map { " of \($0)" } ?? ""
                line.show("loading: \(loaded)\(total) events")
            }
        }
        let shownName = name.escapingControlCharacters()
        let summary = "Loaded \(result.eventCount) event(s) from \(shownName); hash chain checked, projections built."
        if result.eventCount > 0 {
            terminal.recordCommittedChange(summary)
        }
        if !result.keyWasChecked && result.eventCount > 0 {
            terminal.writeError("""
                Warning: \(shownName) has no export header, so its fingerprint key could not be checked, \
                nor whether the file was cut short at a line boundary. \
                If the source ledger had another key, who-used will find nothing in \(ledger.path.escapingControlCharacters()). \
                Export again with this version of ledger to have both checked.
                """)
        }
        terminal.writeLine(summary)
    }
}
