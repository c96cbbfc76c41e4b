import AccountLedger
import Foundation
import Testing

/// A ledger in a fresh temporary folder, with its key file beside it.
/// When the value is released, every stored event is checked against its
/// JSON Schema (a mismatch fails the running test) and the folder is removed.
final class TemporaryLedger {
    let folder: URL
    let path: String
    let ledger: Ledger
    /// Whether releasing the value checks the events against their schemas;
    /// tests that store invalid events on purpose turn it off.
    var checksEventSchemas = true

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("ledger.sqlite").path
        ledger = try Ledger.create(path: path, environment: [:])
    }

    deinit {
        if checksEventSchemas {
            checkEventSchemas()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Records a test issue when any stored event does not match its schema,
    /// so every test that writes events also checks them.
    func checkEventSchemas() {
        do {
            try Ledger(path: path, access: .read, environment: [:]).validateEventSchemas()
        } catch {
            Issue.record("stored events do not match their schemas: \(error)")
        }
    }

    /// Opens a second connection to the same file, as another process would.
    func reopen(access: Ledger.Access = .write) throws -> Ledger {
        try Ledger(path: path, access: access, environment: [:])
    }
}

/// Millisecond timestamps from RFC 3339 text, for readable test inputs.
func time(_ text: String) -> Int64 {
    guard let value = Timestamp.parse(text) else {
        preconditionFailure("bad test timestamp \(text)")
    }
    return value
}

func context(_ actor: String = "tester", at text: String? = nil, expecting version: Int? = nil, reason: String? = nil) -> SaveContext {
    SaveContext(actor: actor, reason: reason, occurredAt: text.map(time), expectedVersion: version)
}

func s3Connect(name: String = "Exports", secretKey: String = "secret-1", settings: [String: String] = [:]) -> AccountCommand {
    .connect(ConnectRequest(
        name: name, destination: "amazon-s3", settings: settings,
        secrets: ["accessKeyId": Secret("AKIAEXAMPLE0001"), "secretKey": Secret(secretKey)]))
}

/// Returns `count` settings named `setting000`, `setting001`, ..., each set to `value`.
func numberedSettings(_ count: Int, value: String = "value") -> [String: String] {
    var settings: [String: String] = [:]
    for index in 0..<count {
        settings["setting" + String(format: "%03d", index)] = value
    }
    return settings
}
