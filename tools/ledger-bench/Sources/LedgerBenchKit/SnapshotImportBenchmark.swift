import AccountLedger
import Foundation

extension BenchmarkRunner {
    /// Measures `Ledger.importSnapshots` on generated platform lists of
    /// `configuration.accounts` base connections, in a ledger of its own.
    ///
    /// The first list connects every account. In the second, a third of the
    /// accounts are renamed and a third rotate a secret, and the rest keep
    /// their etag. The third import repeats the second and appends nothing.
    /// Each timing includes reading the file, as `ledger import` does.
    func measureSnapshotImport(result: inout BenchmarkResult) throws {
        let accounts = configuration.accounts
        log("snapshot import of \(accounts) base connections")
        let ledger = try Ledger.create(path: configuration.folder + "/snapshot.sqlite", environment: [:])
        let options = SnapshotImportOptions(actor: "ledger-bench")
        let first = Self.snapshot(accounts: accounts, revision: 0)
        let second = Self.snapshot(accounts: accounts, revision: 1)

        var start = monotonicSeconds()
        let connected = try ledger.importSnapshots([first], options: options)
        let connectSeconds = monotonicSeconds() - start
        start = monotonicSeconds()
        let changed = try ledger.importSnapshots([second], options: options)
        let diffSeconds = monotonicSeconds() - start
        start = monotonicSeconds()
        let repeated = try ledger.importSnapshots([second], options: options)
        let repeatSeconds = monotonicSeconds() - start

        let expectedChanges = (0..<accounts).filter { $0 % 3 != 2 }.count
        guard connected.connected.count == accounts, changed.changed.count == expectedChanges,
            repeated.eventCount == 0
        else {
            throw BenchmarkFailure(
                "snapshot import connected \(connected.connected.count), changed \(changed.changed.count) "
                    + "and re-appended \(repeated.eventCount); expected \(accounts), \(expectedChanges) and 0")
        }
        let connectRate = Double(connected.eventCount) / connectSeconds
        result.record("import.snapshot.connect", "Snapshot import, new accounts (ledger)", connectRate, "events/s")
        result.record(
            "import.snapshot.diff", "Snapshot import, two thirds of the accounts changed (ledger)",
            Double(accounts) / diffSeconds, "records/s")
        result.record(
            "import.snapshot.unchanged", "Snapshot import, the same list again (ledger)",
            Double(accounts) / repeatSeconds, "records/s")
        if let rawRate = result.figure("raw.batched")?.value {
            result.record(
                "ratio.snapshot_vs_raw", "Snapshot import of new accounts / raw SQLite", connectRate / rawRate, "x")
        }
    }

    /// Returns a list snapshot of Amazon S3 base connections. Revision 1
    /// renames every account whose index is a multiple of 3 and rotates the
    /// secret key of those one past a multiple of 3.
    static func snapshot(accounts: Int, revision: Int) -> SnapshotFile {
        let baseTime: Int64 = 1_767_225_600_000
        let day: Int64 = 86_400_000
        let items: [JSONValue] = (0..<accounts).map { index in
            let renamed = revision > 0 && index % 3 == 0
            let rotated = revision > 0 && index % 3 == 1
            let edited = renamed || rotated
            let params: JSONObject = [
                "s3AccessKey": .string("AKIABENCH\(index)"),
                "s3SecretKey": .string("bench-secret-\(index)-\(rotated ? 1 : 0)"),
                "bucketName": .string("bench-bucket-\(index % 50)"),
                "authorizedDate": "2026-01-01",
            ]
            return .object([
                "id": .string("bench-\(index)"),
                "name": .string(renamed ? "Exports \(index) (renamed)" : "Exports \(index)"),
                "connectionSpec": ["id": "4fce964d-3f37-408f-9778-e597338a21ee", "version": "1.0"],
                "auth": ["specName": "Access Key", "params": .object(params)],
                "createdAt": .integer(baseTime),
                "updatedAt": .integer(baseTime + (edited ? day : 0)),
                "updatedBy": "bench@example.com",
                "etag": .string("\"bench-\(index)-\(edited ? 1 : 0)\""),
            ])
        }
        let text = JSONWriter.canonical(["items": .array(items)])
        return SnapshotFile(name: "bench-snapshot-\(revision).json", bytes: Array(text.utf8))
    }
}
