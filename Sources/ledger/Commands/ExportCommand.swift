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
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .read)
        guard let output = arguments.value("output"), output != "-" else {
            try ledger.exportEvents { terminal.write($0 + "\n") }
            return
        }
        // The log names actors and accounts, so the file is private like the
        // database. O_EXCL never overwrites a file, even one made meanwhile.
        let descriptor = open(output, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST {
                throw LedgerError.invalidInput(location: output, problem: "already exists; choose another --output path")
            }
            throw LedgerError.invalidInput(location: output, problem: "cannot be created: \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        defer { try? handle.close() }
        let count = try ledger.exportEvents { handle.write(Data(($0 + "\n").utf8)) }
        try handle.synchronize()
        terminal.writeLine("Exported \(count) event(s) to \(output).")
    }
}
