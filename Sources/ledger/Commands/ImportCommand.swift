import AccountLedger
import Foundation

/// `ledger import`: appends the events that explain platform snapshots.
struct ImportCommand: LedgerCommand {
    static let name = "import"
    static let abstract = "Import Flow Service base-connection snapshot files (- reads standard input) as the events that explain them."
    static let usage = """
        ledger import FILE... [--complete [--allow-empty]] [--actor NAME] [--reason TEXT] [--db PATH] [--key-file PATH] [--json]
               ledger import --events FILE|- [--db PATH]
        """
    static let options = [
        CommonOptions.database, CommonOptions.keyFile, CommonOptions.actor, CommonOptions.reason,
        ("events", "Load a `ledger export` file (JSON Lines; - reads standard input) into an empty ledger, checking its hash chain."),
    ]
    static let flags = [
        ("complete", "The files list every connection: delete imported accounts missing from all of them."),
        ("allow-empty", "With --complete, accept files that list no connection and delete every imported account."),
        ("json", "Print the import's counts and account ids as one JSON object instead of a sentence."),
    ]

    /// The name used in messages for `-`.
    static let standardInputName = "standard input"

    let arguments: ParsedArguments
    let paths: [String]

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        guard !arguments.has("allow-empty") || arguments.has("complete") else {
            throw UsageError("--allow-empty applies only with --complete")
        }
        if arguments.value("events") != nil {
            guard arguments.positionals.isEmpty, !arguments.has("complete") else {
                throw UsageError("--events loads one export file; give no snapshot files or --complete with it")
            }
            // The export gives every event its actor and reason, and the key
            // check compares the key the target ledger was created with, so
            // any other option would be ignored without a word.
            let otherOptions = Set(arguments.values.keys).union(arguments.flags).subtracting(["events", "db"])
            if let name = otherOptions.sorted().first {
                throw UsageError("option --\(name) does not apply to import --events, which takes only --db")
            }
            paths = []
            self.arguments = arguments
            return
        }
        guard !arguments.positionals.isEmpty else {
            throw UsageError("missing FILE: name one or more snapshot files, or - for standard input")
        }
        guard arguments.positionals.filter({ $0 == "-" }).count <= 1 else {
            throw UsageError("- (standard input) may be given once")
        }
        // As for an empty path option: the file system's error, "invalid
        // input in : no such file", names no file.
        guard !arguments.positionals.contains("") else {
            throw UsageError("a snapshot file name is empty; give a file path")
        }
        paths = arguments.positionals
        self.arguments = arguments
    }

    func run(_ terminal: Terminal) throws {
        if let events = arguments.value("events") {
            try EventsImport.run(path: events, arguments: arguments, terminal: terminal)
            return
        }
        let files = try paths.map { try Self.read($0, terminal: terminal) }
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .write)
        let options = SnapshotImportOptions(
            isComplete: arguments.has("complete"),
            allowsEmpty: arguments.has("allow-empty"),
            actor: try CommonOptions.actor(arguments, terminal),
            reason: arguments.value("reason"))
        let result = try ledger.importSnapshots(files, options: options)
        let summary = Self.summary(result, fileCount: files.count)
        if result.eventCount > 0 {
            // The first line carries the counts and positions; the lines
            // after it are advice about particular accounts.
            terminal.recordCommittedChange(String(summary.prefix { $0 != "\n" }))
        }
        ExpiryWarning.write(result.pastExpiries, databaseOption: arguments.value("db"), terminal: terminal)
        if arguments.has("json") {
            terminal.writeLine(JSONWriter.canonical(Self.json(result, fileCount: files.count)))
        } else {
            terminal.writeLine(summary)
        }
    }

    static func read(_ path: String, terminal: Terminal) throws -> SnapshotFile {
        if path == "-" {
            let bytes = try terminal.readStandardInput(
                maximumBytes: SnapshotReader.maximumFileBytes, tooLarge: SnapshotReader.fileTooLarge)
            return SnapshotFile(name: standardInputName, bytes: bytes)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LedgerError.invalidInput(location: path, problem: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw LedgerError.invalidInput(location: path, problem: "is a folder; name a snapshot file, or - for standard input")
        }
        let notAFile = LedgerError.invalidInput(location: path, problem: "cannot be read as a file")
        let read: [UInt8]?
        do {
            read = try FileDescriptorIO.readFile(atPath: path, maximumBytes: SnapshotReader.maximumFileBytes)
        } catch {
            throw notAFile
        }
        guard let bytes = read else {
            throw LedgerError.invalidInput(location: path, problem: SnapshotReader.fileTooLarge)
        }
        return SnapshotFile(name: path, bytes: bytes)
    }

    static func summary(_ result: SnapshotImportResult, fileCount: Int) -> String {
        let files = fileCount == 1 ? "1 file" : "\(fileCount) files"
        let records = result.recordCount == 1 ? "1 record" : "\(result.recordCount) records"
        var text = "Imported \(files) (\(records)): \(result.connected.count) connected, "
            + "\(result.changed.count) changed, \(result.deleted.count) deleted, "
            + "\(result.unchangedCount) unchanged; "
        if let first = result.firstPosition, let last = result.lastPosition {
            let positions = first == last ? "position \(first)" : "positions \(first)-\(last)"
            text += "\(result.eventCount) event\(result.eventCount == 1 ? "" : "s") appended at \(positions)."
        } else {
            text += "nothing appended."
        }
        if !result.deletedInUse.isEmpty {
            let ids = result.deletedInUse.joined(separator: ", ")
            let pronoun = result.deletedInUse.count == 1 ? "it" : "them"
            text += "\nForced deletes: \(ids) still had active dataflows, but the platform has already "
                + "deleted \(pronoun); check those dataflows on the platform."
        }
        if !result.keptUnlisted.isEmpty {
            let count = result.keptUnlisted.count
            let ids = result.keptUnlisted.joined(separator: ", ")
            let advice = count == 1
                ? "if it is gone from the platform, delete it" : "delete any that are gone from the platform"
            text += "\nKept \(count) unlisted account\(count == 1 ? "" : "s") without a platform etag (made by `ledger connect`, or imported without one): \(ids); "
                + "\(advice) with `ledger delete ID`."
        }
        return text
    }

    static func json(_ result: SnapshotImportResult, fileCount: Int) -> JSONValue {
        .object([
            "files": .integer(Int64(fileCount)),
            "records": .integer(Int64(result.recordCount)),
            "connected": .array(result.connected.map { .string($0) }),
            "changed": .array(result.changed.map { .string($0) }),
            "deleted": .array(result.deleted.map { .string($0) }),
            "deletedInUse": .array(result.deletedInUse.map { .string($0) }),
            "keptUnlisted": .array(result.keptUnlisted.map { .string($0) }),
            "unchanged": .integer(Int64(result.unchangedCount)),
            "eventsAppended": .integer(Int64(result.eventCount)),
            "firstPosition": result.firstPosition.map { .integer($0) } ?? .null,
            "lastPosition": result.lastPosition.map { .integer($0) } ?? .null,
        ])
    }
}
