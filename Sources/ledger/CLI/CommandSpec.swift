import AccountLedger
import Foundation

/// The declaration of a subcommand: its name, a one-line abstract, its
/// usage line, its options with help, and the code that runs it.
protocol LedgerCommand {
    static var name: String { get }
    static var abstract: String { get }
    static var usage: String { get }
    /// Options that take a value, as (name, help).
    static var options: [(String, String)] { get }
    /// The options that may be given more than once, such as a filter that
    /// matches any of its values, and whose help text contains
    /// "repeatable". Any other option given twice is a usage error.
    static var repeatableOptions: Set<String> { get }
    /// Options that take no value, as (name, help).
    static var flags: [(String, String)] { get }

    /// Checks the parsed arguments before any work; throws `UsageError`.
    init(_ arguments: ParsedArguments, terminal: Terminal) throws
    func run(_ terminal: Terminal) throws
}

extension LedgerCommand {
    static var repeatableOptions: Set<String> { [] }

    /// Parses `arguments` (without the command name) against this
    /// command's options and flags.
    static func parse(_ arguments: [String]) throws -> ParsedArguments {
        let parsed = try ParsedArguments(
            arguments, options: Set(options.map { $0.0 }), repeatable: repeatableOptions,
            flags: Set(flags.map { $0.0 }))
        try CommonOptions.checkPathsNotEmpty(parsed)
        return parsed
    }

    static var helpText: String {
        var text = "\(abstract)\n\nUsage: \(usage)\n\nOptions:\n"
        let all = options.map { ("--\($0.0) \(valueName(of: $0.0))", $0.1) } + flags.map { ("--\($0.0)", $0.1) }
            + [("--help", "Show this help.")]
        let width = all.map(\.0.count).max() ?? 0
        for (name, help) in all {
            text += "  " + name + String(repeating: " ", count: width - name.count + 2) + help + "\n"
        }
        return text
    }

    /// Returns the name the usage lines give an option's value, such as
    /// PATH in `--db PATH`, so the options list and the usage agree. An
    /// option that the usage lines leave to `[options]` gets its usual name.
    static func valueName(of option: String) -> String {
        let marker = "--\(option) "
        var rest = usage[...]
        while let range = rest.range(of: marker) {
            rest = rest[range.upperBound...]
            let word = rest.prefix { !" ])\n".contains($0) }
            if !word.isEmpty && word != "..." {
                return String(word)
            }
        }
        return CommonOptions.valueNames[option] ?? "VALUE"
    }
}

/// Options shared by the commands that open a ledger.
enum CommonOptions {
    static let database = ("db", "Ledger database file (default $LEDGER_DB, else ledger.sqlite).")
    static let keyFile = ("key-file", "Fingerprint key file (default: the database path plus .key; $LEDGER_KEY overrides).")
    static let actor = ("actor", "Who makes the change (default $LEDGER_ACTOR, else $USER, else the login name).")
    static let reason = ("reason", "Why the change is made; stored with every event of the save.")
    static let expectVersion = ("expect-version", "Fail with a conflict unless the account is at this version.")
    static let occurredAt = ("occurred-at", "When the change happened, RFC 3339 or a date (default now).")
    static let idempotencyKey = ("idempotency-key", "A retried save with the same key appends nothing again.")
    static let json = ("json", "Print JSON instead of a table.")
    /// `--json` of the commands that save a change and print one sentence.
    static let saveJSON = (
        "json", "Print the result (account id, version, appended events) as one JSON object instead of a sentence."
    )
    static let csv = ("csv", "Print CSV instead of a table.")
    static let asOf = ("as-of", "Show the state at this occurred time (RFC 3339, a date, or a duration before now such as 30d).")
    static let asKnownAt = ("as-known-at", "Use only what the ledger had recorded by this time (RFC 3339, a date, or a duration before now such as 30d).")
    static let atPosition = ("at-position", "Use only the events up to this log position.")

    static let writeOptions = [database, keyFile, actor, reason, expectVersion, occurredAt, idempotencyKey]

    /// The value names of options that the usage lines leave to `[options]`.
    static let valueNames: [String: String] = [
        "db": "PATH", "key-file": "PATH", "actor": "NAME", "reason": "TEXT", "expect-version": "N",
        "occurred-at": "TIME", "idempotency-key": "KEY", "as-of": "TIME", "as-known-at": "TIME",
        "at-position": "N", "expires-at": "TIME", "setting": "NAME=VALUE", "algorithm": "NAME",
        "dataflow": "ID", "id": "ID", "description": "TEXT", "username": "NAME", "secret": "FIELD=SOURCE",
    ]

    /// Options of any command whose value is a file path.
    static let pathOptions: Set<String> = [
        "db", "key-file", "public-key-file", "public-key", "digest", "into", "events",
        "sign-key", "new-sign-key", "check", "output",
    ]

    /// Rejects an empty path option before any work, because the empty
    /// path would otherwise reach the file system and fail there with a
    /// message that names no file.
    ///
    /// - Throws: `UsageError` naming the first empty path option.
    static func checkPathsNotEmpty(_ arguments: ParsedArguments) throws {
        for name in pathOptions.sorted() where arguments.value(name) == "" {
            throw UsageError("--\(name) must not be empty; give a file path")
        }
    }

    /// Returns `--db`, else `$LEDGER_DB`, else `ledger.sqlite`. An empty
    /// `$LEDGER_DB` counts as unset, as an empty `$LEDGER_ACTOR` does.
    static func databasePath(_ arguments: ParsedArguments, _ terminal: Terminal) -> String {
        if let given = arguments.value("db") {
            return given
        }
        if let variable = terminal.environment["LEDGER_DB"], !variable.isEmpty {
            return variable
        }
        return "ledger.sqlite"
    }

    /// Returns who makes a change: `--actor`, else `$LEDGER_ACTOR`, else
    /// `$USER`, else the login name of the process's user id, so an audit
    /// row never records an anonymous actor. A variable that is set but
    /// empty or only whitespace counts as unset, because it names no actor.
    /// Surrounding whitespace is removed, so that `audit --actor bob` finds
    /// the changes made with `LEDGER_ACTOR=" bob "`.
    ///
    /// - Throws: `UsageError` when none of them gives a name.
    static func actor(_ arguments: ParsedArguments, _ terminal: Terminal) throws -> String {
        if let given = givenActor(arguments) {
            return given
        }
        let defaults = [terminal.environment["LEDGER_ACTOR"], terminal.environment["USER"], terminal.loginName]
            .compactMap { $0 }
            .map(trimmedActor)
        if let name = defaults.first(where: { !$0.isEmpty }) {
            return name
        }
        throw UsageError(
            "missing --actor: $LEDGER_ACTOR and $USER are unset or empty and user id \(getuid()) has no login name; pass --actor NAME")
    }

    /// Returns `--actor` without surrounding whitespace, as `actor(_:_:)`
    /// stores it, so a read filters by the same name a write records.
    static func givenActor(_ arguments: ParsedArguments) -> String? {
        arguments.value("actor").map(trimmedActor)
    }

    /// Trims the code points with Unicode's White_Space property, as a
    /// snapshot import trims `updatedBy`. Foundation's whitespace set also
    /// strips U+200B, which a record's actor kept, so one name was stored
    /// two ways.
    private static func trimmedActor(_ name: String) -> String {
        name.trimmingWhitespace()
    }

    /// Parses a time option; a bad value is a usage error naming the option.
    static func time(_ arguments: ParsedArguments, _ name: String) throws -> Int64? {
        guard let text = arguments.value(name) else { return nil }
        do {
            return try Timestamp.milliseconds(from: text)
        } catch .malformed where DurationText.parse(text) != nil {
            throw UsageError(
                "invalid --\(name) \(text): only the time options of queries take a duration before now; "
                    + "give a time (2024-03-03T14:00:00Z, any offset) or a date (2024-03-03)")
        } catch {
            throw UsageError("invalid --\(name) \(text): \(error)")
        }
    }

    /// The moment a duration in a query's time options counts back from,
    /// read once so that every option of one command counts from the same.
    static let queryNow = Clock.nowMilliseconds()

    /// Parses a query's time option, which also takes a duration before
    /// now (`--since 30d`); a bad value is a usage error naming the option.
    static func queryTime(_ arguments: ParsedArguments, _ name: String) throws -> Int64? {
        guard let text = arguments.value(name) else { return nil }
        do {
            return try Timestamp.milliseconds(from: text, before: queryNow)
        } catch {
            throw UsageError("invalid --\(name) \(text): \(error)")
        }
    }

    static func integer(_ arguments: ParsedArguments, _ name: String) throws -> Int? {
        guard let text = arguments.value(name) else { return nil }
        // Digits only: Int("+2") is 2, and a sign is no part of a count.
        let isDigits = !text.isEmpty && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        guard isDigits else {
            throw UsageError("invalid --\(name) \(text): expected a whole number, 0 or more")
        }
        guard let value = Int(text) else {
            throw UsageError("invalid --\(name) \(text): too large; the largest accepted is \(Int.max)")
        }
        return value
    }

    static func saveContext(_ arguments: ParsedArguments, _ terminal: Terminal) throws -> SaveContext {
        SaveContext(
            actor: try actor(arguments, terminal),
            reason: arguments.value("reason"),
            occurredAt: try time(arguments, "occurred-at"),
            expectedVersion: try integer(arguments, "expect-version"),
            idempotencyKey: arguments.value("idempotency-key"))
    }

    static func timePoint(_ arguments: ParsedArguments, ledger: Ledger) throws -> TimePoint {
        try ledger.timePoint(
            asOf: try queryTime(arguments, "as-of"),
            asKnownAt: try queryTime(arguments, "as-known-at"),
            atPosition: try integer(arguments, "at-position").map(Int64.init))
    }

    /// Rejects a `--destination` filter value that is neither in the
    /// catalog nor the destination of an account of the ledger, because its
    /// empty result would read as "there are no such accounts".
    ///
    /// - Throws: `UsageError` naming the first unknown value, with the
    ///   known ids that differ from it only in case.
    static func checkDestinationFilter(_ arguments: ParsedArguments, ledger: Ledger) throws {
        guard let unknown = try ledger.firstUnknownDestination(in: arguments.allValues("destination")) else {
            return
        }
        var message = "invalid --destination \(unknown.id): the destination catalog does not list it "
            + "and no account of this ledger has it"
        if unknown.suggestions.isEmpty {
            message += "; the catalog lists \(unknown.catalogIDs.joined(separator: ", "))"
        } else {
            message += "; did you mean \(unknown.suggestions.joined(separator: " or "))?"
        }
        throw UsageError(message)
    }

    static func openLedger(_ arguments: ParsedArguments, _ terminal: Terminal, access: Ledger.Access) throws -> Ledger {
        let ledger = try Ledger(
            path: databasePath(arguments, terminal), access: access,
            keyPath: arguments.value("key-file"), environment: terminal.environment)
        terminal.keepOpenUntilOutputIsWritten(ledger)
        if let note = ledger.schemaUpgradeNote {
            terminal.writeError("Note: \(note).")
        }
        return ledger
    }
}
