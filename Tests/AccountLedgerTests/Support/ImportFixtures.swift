import AccountLedger
import Foundation

/// Snapshot fixtures under `Fixtures/flow-service/` and helpers to import them.
enum ImportFixtures {
    static var folder: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures/flow-service")
    }

    /// Returns a fixture file as a snapshot named by its path under `flow-service/`.
    static func file(_ relativePath: String) throws -> SnapshotFile {
        let data = try Data(contentsOf: folder.appendingPathComponent(relativePath))
        return SnapshotFile(name: relativePath, bytes: Array(data))
    }

    static func path(_ relativePath: String) -> String {
        folder.appendingPathComponent(relativePath).path
    }
}

/// A snapshot made from text, for small inline inputs.
func snapshot(_ text: String, name: String = "snapshot.json") -> SnapshotFile {
    SnapshotFile(name: name, bytes: Array(text.utf8))
}

/// Options of an import by `importer`.
func importOptions(complete: Bool = false, actor: String = "importer") -> SnapshotImportOptions {
    SnapshotImportOptions(isComplete: complete, actor: actor)
}

extension Ledger {
    /// Imports one snapshot with default options.
    @discardableResult
    func importSnapshot(_ file: SnapshotFile, complete: Bool = false) throws -> SnapshotImportResult {
        try importSnapshots([file], options: importOptions(complete: complete))
    }
}
