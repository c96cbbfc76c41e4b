import AccountLedger
import Foundation
import Testing

/// `NewFile.write` checks the final path before it calls the body, so a
/// path that can name no new file costs no work and leaves no hidden file.
@Suite struct NewFileTests {
    private struct Rejected: Error {
        let problem: String
    }

    /// Writes the file `x` and a line end at `path` through `NewFile`,
    /// calling `bodyStarted` when the body runs.
    private func writeSample(to path: String, bodyStarted: () -> Void = {}) throws {
        try NewFile.write(
            to: path,
            exists: Rejected(problem: "exists"),
            moveFailed: { Rejected(problem: "move: " + $0) },
            unusablePath: { Rejected(problem: $0) }
        ) { partialPath in
            bodyStarted()
            try Data("x\n".utf8).write(to: URL(fileURLWithPath: partialPath))
        }
    }

    /// Returns the problem text `NewFile.write` gives for `path`, checking
    /// that the body never ran and that `folder` gained no file.
    private func problem(writing path: String, in folder: String) throws -> String {
        let filesBefore = try FileManager.default.contentsOfDirectory(atPath: folder)
        var bodyRan = false
        let error = try #require(throws: Rejected.self) {
            try writeSample(to: path) { bodyRan = true }
        }
        #expect(!bodyRan)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == filesBefore)
        return error.problem
    }

    /// Calls `body` with a new empty folder, removed afterwards.
    private func withScratchFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("new-file-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    @Test func emptyPathIsUnusable() throws {
        try withScratchFolder { folder in
            let problem = try problem(writing: "", in: folder)
            #expect(problem == "the path is empty; give a file name")
        }
    }

    @Test func folderPathIsUnusable() throws {
        try withScratchFolder { folder in
            let problem = try problem(writing: folder + "/", in: folder)
            #expect(problem == "the path ends in /, so it names a folder; give a file name")
        }
    }

    @Test func missingFolderIsUnusable() throws {
        try withScratchFolder { folder in
            let missing = folder + "/missing"
            let problem = try problem(writing: missing + "/out", in: folder)
            #expect(
                problem == "folder \(missing) does not exist; create it first, or choose a path in an existing folder")
        }
    }

    @Test func fileAsFolderIsUnusable() throws {
        try withScratchFolder { folder in
            let file = folder + "/plain"
            try Data().write(to: URL(fileURLWithPath: file))
            let problem = try problem(writing: file + "/out", in: folder)
            #expect(
                problem == "\(file) is not a folder; choose a path in an existing folder")
        }
    }

    @Test func usablePathGetsWholeFile() throws {
        try withScratchFolder { folder in
            let path = folder + "/out"
            try writeSample(to: path)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "x\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out"])
        }
    }
}
