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
