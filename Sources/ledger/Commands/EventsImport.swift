import AccountLedger
import Foundation

/// `ledger import --events FILE`: loads a `ledger export` file into an empty ledger.
enum EventsImport {
    static func run(path: String, arguments: ParsedArguments, terminal: Terminal) throws {
        let handle: FileHandle
        let name: String
        if path == "-" {
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
        let count = try ledger.importEvents(from: handle, name: name)
        terminal.writeLine("Loaded \(count) event(s) from \(name); hash chain checked, projections built.")
    }
}
