@testable import AccountLedger
import Testing

/// Query connections read the file through a memory map; reads of the whole
/// log turn it off so their resident memory stays bounded.
@Suite struct MemoryMapTests {
    private func mappedBytes(_ ledger: Ledger) throws -> Int64? {
        try ledger.database.scalarInt("PRAGMA mmap_size")
    }

    @Test func readConnectionMapsTheFile() throws {
        let fixture = try TemporaryLedger()
        #expect(try mappedBytes(fixture.reopen(access: .read)) ?? 0 > 0)
    }

    @Test func writeConnectionDoesNotMapTheFile() throws {
        let fixture = try TemporaryLedger()
        #expect(try mappedBytes(fixture.ledger) == 0)
    }

    @Test func exportReadsWithoutTheMapAndRestoresIt() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context())
        let reader = try fixture.reopen(access: .read)
        var duringExport: [Int64?] = []
        try reader.exportEvents { _ in duringExport.append(try mappedBytes(reader)) }
        #expect(duringExport == [0, 0])
        #expect(try mappedBytes(reader) ?? 0 > 0)
    }

    @Test func readThroughTheMapSeesTheSameAccount() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context())
        let reader = try fixture.reopen(access: .read)
        #expect(try reader.account(id: "a1") == fixture.ledger.account(id: "a1"))
    }
}
