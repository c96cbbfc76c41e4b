import AccountLedger
import Foundation
import LedgerHarness
import Testing

/// A ledger made by `ledger init` in a fresh temporary folder, driven
/// through the `ledger` executable. Every run gets `$LEDGER_DB` pointing at
/// it. When the value is released, every stored event is checked against
/// its JSON Schema and the folder is removed.
final class CommandLineLedger {
    let folder: URL
    let path: String
    var keyPath: String { path + ".key" }
    var environment: [String: String]
    /// Whether releasing the value checks the events against their schemas;
    /// tests that store invalid events on purpose turn it off.
    var checksEventSchemas = true

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("ledger.sqlite").path
        environment = ["LEDGER_DB": path, "LEDGER_ACTOR": "tester"]
        let created = try run(["init"])
        guard created.status == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "ledger init failed: \(created.standardError)"])
        }
    }

    deinit {
        if checksEventSchemas && FileManager.default.fileExists(atPath: path) {
            do {
                try Ledger(path: path, access: .read, environment: [:]).validateEventSchemas()
            } catch {
                Issue.record("stored events do not match their schemas: \(error)")
            }
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs `ledger` with this ledger's environment plus `extra`.
    @discardableResult
    func run(_ arguments: [String], input: String = "", environment extra: [String: String] = [:]) throws -> LedgerProcess.Output {
        try run(arguments, inputBytes: Array(input.utf8), environment: extra)
    }

    @discardableResult
    func run(_ arguments: [String], inputBytes: [UInt8], environment extra: [String: String] = [:]) throws -> LedgerProcess.Output {
        try LedgerProcess.run(arguments, environment: environment.merging(extra) { _, given in given }, inputBytes: inputBytes)
    }

    /// Runs a `/bin/sh` script with this ledger's environment; `$LEDGER` is
    /// the executable.
    func runShell(_ script: String) throws -> LedgerProcess.Output {
        try LedgerProcess.runShell(script, environment: environment)
    }

    /// Connects an Amazon S3 account with id `id` and `settings`, reading both secrets from stdin.
    @discardableResult
    func connectS3(
        _ id: String = "s3", name: String = "Exports", secretKey: String = "secret-1", settings: [String: String] = [:],
        occurredAt: String? = nil
    ) throws -> LedgerProcess.Output {
        let settingArguments = settings.keys.sorted().flatMap { ["--setting", "\($0)=\(settings[$0]!)"] }
        let timeArguments = occurredAt.map { ["--occurred-at", $0] } ?? []
        return try run(
            ["connect", "--id", id, "--destination", "amazon-s3", "--name", name,
             "--secret", "accessKeyId=stdin", "--secret", "secretKey=stdin"] + settingArguments + timeArguments,
            input: "AKIAEXAMPLE0001\n\(secretKey)\n")
    }

    /// Writes a platform snapshot of `count` generated Amazon S3 accounts to
    /// `snapshot.json` in the ledger's folder and returns its path.
    @discardableResult
    func writeSnapshot(accounts count: Int) throws -> String {
        let file = folder.appendingPathComponent("snapshot.json").path
        try SnapshotGenerator.connectionList(count: count, revision: 0).write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Imports `count` generated accounts, as `writeSnapshot(accounts:)` writes them.
    func importAccounts(_ count: Int) throws {
        let output = try run(["import", try writeSnapshot(accounts: count)])
        try #require(output.status == 0, "\(output.standardError)")
    }

    /// Returns every table of the database, as `databaseSnapshot(path:)` does.
    func snapshot() throws -> [String: [String]] {
        try databaseSnapshot(path: path)
    }
}
