@testable import AccountLedger
import Foundation
import Testing

/// Folder and name of a path, read from its bytes: Foundation's
/// `deletingLastPathComponent` crashed on a path of one character.
@Suite struct PathPartsTests {
    @Test(arguments: [
        ("x", "", "x"),
        ("é", "", "é"),
        ("a/b", "a", "b"),
        ("/x", "/", "x"),
        ("a/b/", "a", "b"),
        ("a//b", "a", "b"),
        ("/", "/", "/"),
        ("./x", ".", "x"),
    ])
    func pathSplitsIntoFolderAndName(path: String, folder: String, name: String) {
        #expect(PathParts.folder(of: path) == folder)
        #expect(PathParts.name(of: path) == name)
    }

    /// Each command ended with an illegal instruction (status 132).
    @Test func oneCharacterPathsWork() throws {
        let ledger = try CommandLineLedger()
        let folder = ledger.folder.path
        let output = try ledger.runShell("""
            cd '\(folder)' && "$LEDGER" export --output x && "$LEDGER" init --db q \
            && "$LEDGER" replay --position 0 --into y
            """)
        #expect(output.status == 0, "\(output.combined)")
        for name in ["x", "q", "q.key", "y"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + name), "\(name)")
        }
    }
}
