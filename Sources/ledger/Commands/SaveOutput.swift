import AccountLedger

/// Prints the outcome of a save the same way for every write command.
enum SaveOutput {
    static func print(_ result: SaveResult, verb: String, json: Bool, terminal: Terminal) {
        if json {
            let value: JSONValue = .object([
                "accountId": .string(result.accountID),
                "version": .integer(Int64(result.version)),
                "alreadyApplied": .bool(result.wasAlreadyApplied),
                "events": .array(result.events.map { event in
                    .object(["position": .integer(event.position), "type": .string(event.type), "hash": .string(event.hash)])
                }),
            ])
            terminal.writeLine(JSONWriter.canonical(value))
            return
        }
        if result.wasAlreadyApplied {
            terminal.writeLine("Already applied: account \(result.accountID) is at version \(result.version); nothing appended.")
            return
        }
        if result.events.isEmpty {
            terminal.writeLine("No change: account \(result.accountID) stays at version \(result.version); nothing appended.")
            return
        }
        let types = result.events.map(\.type).joined(separator: ", ")
        let first = result.events.first!.position
        let last = result.events.last!.position
        let positions = first == last ? "position \(first)" : "positions \(first)-\(last)"
        terminal.writeLine("\(verb) account \(result.accountID): \(types) at \(positions); now at version \(result.version).")
    }
}
