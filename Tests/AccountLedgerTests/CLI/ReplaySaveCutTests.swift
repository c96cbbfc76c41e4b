import Foundation
import Testing

/// `replay --position` names a save that the position cuts in two, whose
/// later events the copy then lacks.
@Suite struct ReplaySaveCutTests {
    /// Creates a ledger whose account `s` was connected at position 1, then renamed
    /// and rotated in one save at positions 2-3.
    private func ledgerWithTwoEventSave() throws -> CommandLineLedger {
        let ledger = try CommandLineLedger()
        let connected = try ledger.run(
            ["connect", "--id", "s", "--destination", "sftp", "--name", "S", "--username", "u", "--secret", "password=stdin"],
            input: "pw\n")
        try #require(connected.status == 0, "\(connected.standardError)")
        let edited = try ledger.run(["edit", "s", "--name", "T", "--secret", "password=stdin"], input: "pw2\n")
        try #require(edited.standardOutput.contains("positions 2-3"), "\(edited.combined)")
        return ledger
    }

    @Test func positionInsideSaveIsNamed() throws {
        let ledger = try ledgerWithTwoEventSave()
        let copy = ledger.folder.appendingPathComponent("copy.sqlite").path

        let output = try ledger.run(["replay", "--position", "2", "--into", copy])

        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardError.contains(
            "Note: position 2 ends inside one save, whose events are at positions 2-3, so the copy holds only part of it"))
        #expect(output.standardError.contains("--position 1 or 3 keeps saves whole"))
    }

    @Test func positionEndingSaveGivesNoNote() throws {
        let ledger = try ledgerWithTwoEventSave()
        let copy = ledger.folder.appendingPathComponent("copy.sqlite").path

        let output = try ledger.run(["replay", "--position", "3", "--into", copy])

        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardError.isEmpty)
    }
}
