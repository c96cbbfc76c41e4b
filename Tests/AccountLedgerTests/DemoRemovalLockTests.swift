@testable import AccountLedger
import Foundation
import Testing

/// `ledger demo` replaces an earlier demo ledger only while holding its
/// write lock, and a writer that opened the file before the removal saves
/// nothing. A concurrent import once exited 0 with 3,000 events that the
/// demo's removal had taken with it.
@Suite struct DemoRemovalLockTests {
    /// Returns a demo ledger of one account. Its schema check on release
    /// is off, because most tests here remove the file.
    private func demoLedger() throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        fixture.checksEventSchemas = false
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.markAsDemo()
        return fixture
    }

    @Test func replaceableDemoIsRemovedWithItsKey() throws {
        let fixture = try demoLedger()

        let found = try fixture.reopen().removeIfReplaceableDemo()

        #expect(found == .replaceable)
        #expect(!FileManager.default.fileExists(atPath: fixture.path))
        #expect(!FileManager.default.fileExists(atPath: fixture.ledger.keyPath))
    }

    @Test func demoWithLaterSaveIsKept() throws {
        let fixture = try demoLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a2", context: context(at: "2026-01-02T00:00:00Z"))

        let found = try fixture.reopen().removeIfReplaceableDemo()

        #expect(found == .changedSince(eventCount: 2))
        #expect(FileManager.default.fileExists(atPath: fixture.path))
    }

    /// Two demos at once: the second finds the first's new file. Its
    /// message once read "use it as it is", while running demo again replaces it.
    @Test func fileMadeMeanwhileNamesTheAdvice() throws {
        let fixture = try demoLedger()

        let error = try #require(throws: LedgerError.self) {
            try Ledger.create(path: fixture.path, environment: [:], keyFileOption: nil, existsAdvice: "run it again")
        }

        #expect("\(error)".hasSuffix("already exists; run it again"), "\(error)")
    }

    private func emptyFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-gap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Between a demo's removal of its earlier demo and the new file, the
    /// message advised `ledger init`, which would make a second ledger.
    @Test func pathBeingBuiltSaysToRunAgain() throws {
        let folder = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("demo.sqlite").path
        try Data().write(to: folder.appendingPathComponent(".demo.sqlite.partial-0a1b2c3d"))

        let error = try #require(throws: LedgerError.self) { try Ledger(path: path, access: .read) }

        #expect("\(error)".contains("no ledger here yet: another command is building one now"), "\(error)")
    }

    /// A partial file a killed run left long ago is not work in progress.
    @Test func oldPartialFileKeepsInitAdvice() throws {
        let folder = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("demo.sqlite").path
        let partial = folder.appendingPathComponent(".demo.sqlite.partial-0a1b2c3d").path
        FileManager.default.createFile(atPath: partial, contents: Data())
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -120)], ofItemAtPath: partial)

        let error = try #require(throws: LedgerError.self) { try Ledger(path: path, access: .read) }

        #expect("\(error)".contains("no ledger here; run `ledger init --db"), "\(error)")
    }

    /// The writer opened the file before the demo removed it, as a command
    /// that waited for the write lock has.
    @Test func writerOfRemovedDemoSavesNothing() throws {
        let fixture = try demoLedger()
        let writer = try fixture.reopen()
        _ = try writer.eventCount()
        try #require(try fixture.reopen().removeIfReplaceableDemo() == .replaceable)

        let error = try #require(throws: LedgerError.self) {
            try writer.save(.activateDataflow("df-1"), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        }

        #expect(error.category == .storage)
        #expect("\(error)".contains("was removed or replaced by another process"), "\(error)")
    }
}
