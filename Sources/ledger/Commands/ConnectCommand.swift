import AccountLedger
import Foundation

struct ConnectCommand: LedgerCommand {
    static let name = "connect"
    static let abstract = "Connect a new account to a destination."
    static let usage = "ledger connect --destination ID --name NAME [--type TYPE] [--secret FIELD=SOURCE]... [options]"
    static let options = [
        ("id", "Account id (default: a new UUID)."),
        ("destination", "Destination id from the catalog (amazon-s3, sftp, ...), or any id together with --type."),
        ("type", "Connection type: \(ConnectionType.allCases.map(\.rawValue).joined(separator: ", "))."),
        ("name", "Account name, shown in the accounts view."),
        ("description", "Free text description."),
        ("username", "Username, kept in clear (basic accounts)."),
        ("setting", "NAME=VALUE kept in clear, such as domain=example.com (repeatable)."),
        SecretInput.option,
        ("expires-at", "When the token expires (OAuth and bearer tokens), RFC 3339 or a date."),
    ] + CommonOptions.writeOptions.map { option in
        option.0 == "expect-version"
            ? ("expect-version", "Fail with a conflict unless the account is at this version; 0 requires a new id.")
            : option
    }
    static let repeatableOptions: Set<String> = ["setting", "secret"]
    static let flags = [CommonOptions.saveJSON]

    let arguments: ParsedArguments
    let request: ConnectRequest
    let accountID: String

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument (not shown: it may be a secret); connect takes only options, such as --secret FIELD=stdin")
        }
        guard let destination = arguments.value("destination") else { throw UsageError("missing --destination") }
        guard let name = arguments.value("name") else { throw UsageError("missing --name") }
        var type: ConnectionType?
        if let typeName = arguments.value("type") {
            guard let parsed = ConnectionType(rawValue: typeName) else {
                throw UsageError("invalid --type \(typeName): expected one of \(ConnectionType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            type = parsed
        }
        self.arguments = arguments
        accountID = arguments.value("id") ?? UUID().uuidString.lowercased()
        request = ConnectRequest(
            name: name,
            description: arguments.value("description") ?? "",
            destination: destination,
            connectionType: type,
            username: arguments.value("username"),
            settings: try Settings.parse(arguments),
            secrets: [:],
            expiresAt: try CommonOptions.time(arguments, "expires-at"))
    }

    func run(_ terminal: Terminal) throws {
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .write)
        let context = try CommonOptions.saveContext(arguments, terminal)
        var request = self.request
        try ledger.checkState(.connect(request), accountID: accountID, context: context,
            secretFields: try SecretInput.fieldNames(arguments))
        request.secrets = try SecretInput.read(arguments, terminal: terminal)
        let type = request.connectionType ?? ledger.catalog.destination(id: request.destination)?.connectionTypes.first
        if arguments.allValues("secret").isEmpty {
            try SecretInput.promptForMissing(&request.secrets, type: type, terminal: terminal)
        }
        let result = try ledger.save(.connect(request), accountID: accountID, context: context)
        SaveOutput.print(result, verb: "Connected", json: arguments.has("json"), terminal: terminal)
    }
}

/// Parses repeated `--setting NAME=VALUE` options.
enum Settings {
    static func parse(_ arguments: ParsedArguments) throws -> [String: String] {
        var settings: [String: String] = [:]
        for item in arguments.allValues("setting") {
            // The first "=" byte: as a Character, "=" followed by a combining
            // mark is not "=", so a value starting with one was rejected.
            let bytes = Array(item.utf8)
            guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")), equals > 0 else {
                // A secret pasted as `--setting $TOKEN` lands here.
                let quoted = NameOrSecret.canShowSettingName(item) ? item : "value (not shown: it may be a secret)"
                throw UsageError("invalid --setting \(quoted): expected NAME=VALUE")
            }
            let name = String(decoding: bytes[..<equals], as: UTF8.self)
            // The last value would win without a word, as a repeated
            // single-value option did.
            guard settings[name] == nil else {
                // `--setting $TOKEN=x` twice would otherwise print the token.
                let shownName = NameOrSecret.canShowSettingName(name) ? name : "NAME (not shown: it may be a secret)"
                throw UsageError("--setting \(shownName) given twice; give each setting once")
            }
            settings[name] = String(decoding: bytes[(equals + 1)...], as: UTF8.self)
        }
        return settings
    }
}
