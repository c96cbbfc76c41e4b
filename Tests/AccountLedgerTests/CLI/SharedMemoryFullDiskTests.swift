import Foundation
import Testing

/// A ledger on a full disk without its -shm file, which every connection
/// (a reader's too) must create and grow. Commands printed
/// "SQLite error 4874: disk I/O error" (`SQLITE_IOERR_SHMSIZE`).
@Suite(.enabled(if: ScratchFileSystem.isAvailable)) struct SharedMemoryFullDiskTests {
    @Test(arguments: [
        ["accounts"], ["verify"], ["export", "--output", "-"], ["audit"], ["edit", "s3", "--name", "Renamed"],
        ["rebuild"],
    ])
    func fullDiskNamesSharedMemoryFile(arguments: [String]) throws {
        let scratch = try ScratchFileSystem(kilobytes: 1024)
        let path = scratch.path("f.sqlite")
        let ledger = try CommandLineLedger()
        try #require(try ledger.run(["init", "--db", path]).status == 0)
        let filled = try LedgerProcess.runShell("dd if=/dev/zero of='\(scratch.path("fill"))' bs=4k 2>/dev/null; true")
        try #require(filled.status == 0)
        try #require(!FileManager.default.fileExists(atPath: path + "-shm"))

        let output = try ledger.run(arguments + ["--db", path])

        #expect(output.status == 7)
        #expect(output.standardError == "Error: database \(path)-shm: cannot be grown, because there is no space left "
            + "on its disk (No space left on device); nothing was written, free space and retry\n")
    }
}
