import Foundation
import Testing

/// `ledger demo` replaces a demo ledger it built, but not one with work
/// added after it was built, nor a ledger it did not make.
@Suite struct DemoReplacementTests {
    @Test func unchangedDemoIsReplaced() throws {
        let ledger = try CommandLineLedger()
        let path = ledger.folder.appendingPathComponent("demo.sqlite").path
        try #require(try ledger.run(["demo", "--db", path]).status == 0)

        let again = try ledger.run(["demo", "--db", path])

        #expect(again.status == 0, "\(again.standardError)")
    }

    @Test func demoWithAddedWorkIsKept() throws {
        let ledger = try CommandLineLedger()
        let path = ledger.folder.appendingPathComponent("demo.sqlite").path
        try #require(try ledger.run(["demo", "--db", path]).status == 0)
        let added = try ledger.run(
            ["connect", "--db", path, "--id", "real-1", "--destination", "in-house", "--type", "bearer-token",
             "--name", "Real prod", "--secret", "token=stdin"],
            input: "t\n")
        try #require(added.status == 0, "\(added.standardError)")
        let before = try databaseSnapshot(path: path)

        let again = try ledger.run(["demo", "--db", path])

        #expect(again.status == 7)
        #expect(again.standardError.contains("is a demo ledger with changes made after the demo was built (16 events now)"),
                "\(again.standardError)")
        #expect(try databaseSnapshot(path: path) == before)
    }

    /// A link to a demo ledger was replaced by a new file, and the demo it
    /// pointed to was left as it was.
    @Test func symbolicLinkIsNotReplaced() throws {
        let ledger = try CommandLineLedger()
        let demo = ledger.folder.appendingPathComponent("demo.sqlite").path
        let link = ledger.folder.appendingPathComponent("link.sqlite").path
        try #require(try ledger.run(["demo", "--db", demo]).status == 0)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: demo)

        let output = try ledger.run(["demo", "--db", link])

        #expect(output.status == 7)
        #expect(output.standardError.contains("link.sqlite: is a symbolic link to \(demo); the demo replaces only a file it made itself, never a link"),
                "\(output.standardError)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == demo)
        #expect(!FileManager.default.fileExists(atPath: link + ".key"))
    }
}
