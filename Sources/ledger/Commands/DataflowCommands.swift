import AccountLedger

/// `activate` and `deactivate`: a dataflow starts or stops using an account.
struct DataflowCommand {
    static let options = [("dataflow", "Dataflow id.")] + CommonOptions.writeOptions
    static let flags = [CommonOptions.saveJSON]

    let arguments: ParsedArguments
    let accountID: String
    let dataflowID: String

    init(_ arguments: ParsedArguments) throws {
        accountID = try AccountArgument.single(arguments)
        guard let dataflowID = arguments.value("dataflow") else { throw UsageError("missing --dataflow") }
        self.dataflowID = dataflowID
        self.arguments = arguments
    }

    func run(_ command: AccountCommand, verb: String, terminal: Terminal) throws {
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .write)
        let result = try ledger.save(command, accountID: accountID, context: try CommonOptions.saveContext(arguments, terminal))
        SaveOutput.print(result, verb: verb, json: arguments.has("json"), terminal: terminal)
    }
}

struct ActivateCommand: LedgerCommand {
    static let name = "activate"
    static let abstract = "Record that a dataflow (audience activation) now uses an account."
    static let usage = "ledger activate ACCOUNT-ID --dataflow ID [options]"
    static let options = DataflowCommand.options
    static let flags = DataflowCommand.flags

    let dataflow: DataflowCommand

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        dataflow = try DataflowCommand(arguments)
    }

    func run(_ terminal: Terminal) throws {
        try dataflow.run(.activateDataflow(dataflow.dataflowID), verb: "Activated dataflow on", terminal: terminal)
    }
}

struct DeactivateCommand: LedgerCommand {
    static let name = "deactivate"
    static let abstract = "Record that a dataflow no longer uses an account."
    static let usage = "ledger deactivate ACCOUNT-ID --dataflow ID [options]"
    static let options = DataflowCommand.options
    static let flags = DataflowCommand.flags

    let dataflow: DataflowCommand

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        dataflow = try DataflowCommand(arguments)
    }

    func run(_ terminal: Terminal) throws {
        try dataflow.run(.deactivateDataflow(dataflow.dataflowID), verb: "Deactivated dataflow on", terminal: terminal)
    }
}

struct DeleteCommand: LedgerCommand {
    static let name = "delete"
    static let abstract = "Delete an account; refused while dataflows use it unless --force."
    static let usage = "ledger delete ACCOUNT-ID [--force] [options]"
    static let options = CommonOptions.writeOptions
    static let flags = [("force", "Delete even while dataflows still use the account."), CommonOptions.saveJSON]

    let arguments: ParsedArguments
    let accountID: String

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        accountID = try AccountArgument.single(arguments)
        self.arguments = arguments
    }

    func run(_ terminal: Terminal) throws {
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .write)
        let result = try ledger.save(
            .delete(force: arguments.has("force")), accountID: accountID, context: try CommonOptions.saveContext(arguments, terminal))
        SaveOutput.print(result, verb: "Deleted", json: arguments.has("json"), terminal: terminal)
    }
}
