import AccountLedger

/// Prints the outcome of a save the same way for every write command.
enum SaveOutput {
    static func print(_ result: SaveResult, verb: String, json: Bool, terminal: Terminal) {
        if !result.wasAlreadyApplied && !result.events.isEmpty {
            terminal.recordCommittedChange(sentence(result, verb: verb))
        }
        if let expiry = result.pastExpiry {
            ExpiryWarning.write(expiry, terminal: terminal)
        }
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
        terminal.writeLine(sentence(result, verb: verb))
    }

    /// Returns the one-line outcome of a save, as people read it.
    static func sentence(_ result: SaveResult, verb: String) -> String {
        if result.wasAlreadyApplied {
            return "Already applied: account \(result.accountID) is at version \(result.version); nothing appended."
        }
        guard let first = result.events.first?.position, let last = result.events.last?.position else {
            return "No change: account \(result.accountID) stays at version \(result.version); nothing appended."
        }
        let types = result.events.map(\.type).joined(separator: ", ")
        let positions = first == last ? "position \(first)" : "positions \(first)-\(last)"
        return "\(verb) account \(result.accountID): \(types) at \(positions); now at version \(result.version)."
    }
}
