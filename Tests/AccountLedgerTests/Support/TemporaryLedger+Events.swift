@testable import AccountLedger
import Foundation

extension TemporaryLedger {
    /// Returns a ledger with the first `count` (1 to 3) of these events: a1
    /// connected as "One" at 2026-01-01, a1's description changed to
    /// "Nightly" at 2026-01-02, and a2 connected as "Two" at 2026-01-03.
    static func withEvents(_ count: Int) throws -> TemporaryLedger {
        precondition((1...3).contains(count), "withEvents makes 1 to 3 events")
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(name: "One"), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        if count >= 2 {
            try fixture.ledger.save(
                .edit(EditRequest(description: "Nightly")), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        }
        if count >= 3 {
            try fixture.ledger.save(s3Connect(name: "Two"), accountID: "a2", context: context(at: "2026-01-03T00:00:00Z"))
        }
        return fixture
    }

    /// Returns the lines of this ledger's export.
    func exportLines() throws -> [String] {
        var lines: [String] = []
        try ledger.exportEvents { lines.append($0) }
        return lines
    }

    /// Writes `lines` to a new file in this ledger's folder and loads it,
    /// named `name` in messages, into a new ledger there that has this
    /// ledger's fingerprint key. Returns the new ledger and the outcome.
    func loadIntoNewLedger(
        _ lines: [String], name: String = "export.jsonl"
    ) throws -> (ledger: Ledger, result: Result<EventImportResult, any Error>) {
        let file = folder.appendingPathComponent("export-\(UUID().uuidString).jsonl")
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: file)
        let target = try Ledger.create(
            path: folder.appendingPathComponent("target-\(UUID().uuidString).sqlite").path,
            environment: [FingerprintKey.environmentVariable: Hex.encode(try ledger.fingerprintKey().bytes)])
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        return (target, Result { try target.importEvents(from: handle, name: name) })
    }
}
