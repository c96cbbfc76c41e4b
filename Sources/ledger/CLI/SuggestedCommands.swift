import AccountLedger

/// Adds `--db PATH` to the `ledger` commands that an error message
/// suggests, when the failed command named its ledger with `--db`.
///
/// The library writes its advice as commands such as `ledger show s3`,
/// without knowing how the ledger was named. Without `--db` those read
/// `$LEDGER_DB` or `ledger.sqlite`, another ledger than the one that
/// failed. Commands that act on another file (`init`, `export`, `demo`)
/// and commands that already name `--db` are left as they are.
enum SuggestedCommands {
    /// The commands that work on the ledger that `--db` names.
    private static let onThisLedger: Set<String> = [
        "accounts", "show", "history", "audit", "who-used", "verify", "rebuild", "replay", "digest", "connect",
        "edit", "reconnect", "delete", "activate", "deactivate", "set-encryption-key", "remove-encryption-key",
        "import",
    ]

    /// Returns `message` with ` --db PATH` after the command name of each
    /// suggested command in backquotes that works on this ledger.
    ///
    /// NOTE: the scan does not tell advice from text the user gave, so a
    /// file name that contains "`ledger show" is rewritten too.
    static func naming(database path: String, in message: String) -> String {
        let marker = "`ledger "
        var result = ""
        var rest = Substring(message)
        while let start = rest.range(of: marker) {
            result += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            let name = rest.prefix { $0.isLetter || $0 == "-" }
            let span = rest.prefix { $0 != "`" }
            result += name
            rest = rest.dropFirst(name.count)
            if onThisLedger.contains(String(name)) && !span.contains("--db") {
                result += " --db " + path.quotedAsShellPath()
            }
        }
        return result + rest
    }
}
