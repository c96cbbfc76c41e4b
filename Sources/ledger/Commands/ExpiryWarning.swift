import AccountLedger

/// Writes the warning for credential expiries that a save or an import set
/// at or before the change's occurred time. The change is stored as given.
enum ExpiryWarning {
    /// How many accounts an import's warning names with their times.
    static let maximumListedAccounts = 5

    static func write(_ expiry: PastExpiry, terminal: Terminal) {
        terminal.writeError("Warning: account \(expiry.accountID.escapingControlCharacters()): "
            + "the credential's expiry \(Timestamp.format(expiry.expiresAt)) is \(relation(expiry)) "
            + "the event's occurred time \(Timestamp.format(expiry.occurredAt)), "
            + "so the account is expired from this change on.")
    }

    /// Writes one line for the whole import, so that a snapshot with many
    /// such records does not bury the summary under warnings.
    ///
    /// - Parameter databaseOption: the import's `--db`, which the command
    ///   the warning suggests names too.
    static func write(_ expiries: [PastExpiry], databaseOption: String?, terminal: Terminal) {
        guard expiries.count > 1 else {
            if let expiry = expiries.first {
                write(expiry, terminal: terminal)
            }
            return
        }
        let listed = expiries.prefix(maximumListedAccounts).map { expiry in
            "\(expiry.accountID.escapingControlCharacters()) (expiry \(Timestamp.format(expiry.expiresAt)), "
                + "occurred \(Timestamp.format(expiry.occurredAt)))"
        }
        var accounts = listed.joined(separator: ", ")
        if expiries.count > listed.count {
            accounts += " and \(expiries.count - listed.count) more"
        }
        let warning = "Warning: \(expiries.count) imported records set a credential expiry at or before "
            + "the event's occurred time, so those accounts are expired from that change on: \(accounts). "
            + "`ledger audit expired` lists every expired account."
        terminal.writeError(databaseOption.map { SuggestedCommands.naming(database: $0, in: warning) } ?? warning)
    }

    private static func relation(_ expiry: PastExpiry) -> String {
        expiry.expiresAt == expiry.occurredAt ? "equal to" : "before"
    }
}
