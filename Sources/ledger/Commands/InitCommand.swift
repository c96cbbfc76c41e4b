import AccountLedger

struct InitCommand: LedgerCommand {
    static let name = "init"
    static let abstract = "Create a new ledger database and its fingerprint key."
    static let usage = "ledger init [--db PATH] [--key-file PATH]"
    static let options = [CommonOptions.database, CommonOptions.keyFile]
    static let flags: [(String, String)] = []

    let path: String
    let keyPath: String?

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument \(arguments.positionals[0])")
        }
        path = CommonOptions.databasePath(arguments, terminal)
        keyPath = arguments.value("key-file")
    }

    func run(_ terminal: Terminal) throws {
        let ledger = try Ledger.create(path: path, keyPath: keyPath, environment: terminal.environment)
        terminal.keepOpenUntilOutputIsWritten(ledger)
        let created = "Created ledger \(ledger.path.escapingControlCharacters())."
        terminal.writeLine(created)
        if terminal.environment[FingerprintKey.environmentVariable] == nil {
            let keyPath = ledger.keyPath.escapingControlCharacters()
            terminal.recordCommittedChange(created + " Fingerprint key: \(keyPath).")
            terminal.writeLine("Fingerprint key: \(keyPath) (mode 0600). Back it up apart from the database:")
            terminal.writeLine("without it, new secrets can no longer be matched against stored fingerprints.")
        } else {
            terminal.recordCommittedChange(created)
            terminal.writeLine("Fingerprint key: taken from $\(FingerprintKey.environmentVariable); no key file written.")
        }
    }
}
