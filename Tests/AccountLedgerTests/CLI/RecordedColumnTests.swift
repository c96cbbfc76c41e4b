@testable import AccountLedger
import Foundation
import Testing

/// `history` and `audit` tables show when the ledger stored each change
/// beside the occurred time the writer stated, so a back-dated entry shows.
@Suite struct RecordedColumnTests {
    private func backDatedLedger() throws -> CommandLineLedger {
        let ledger = try CommandLineLedger()
        let output = try ledger.connectS3(occurredAt: "2020-01-01")
        try #require(output.status == 0, "\(output.standardError)")
        return ledger
    }

    /// The recorded time the ledger stored for position 1, as `history --json` prints it.
    private func recordedTime(_ ledger: CommandLineLedger) throws -> String {
        let line = try ledger.run(["history", "s3", "--json"]).standardOutput
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let milliseconds = try #require(object["recorded_at"] as? Int)
        return Timestamp.format(Int64(milliseconds))
    }

    @Test func historyShowsRecordedBesideOccurred() throws {
        let ledger = try backDatedLedger()

        let lines = try ledger.run(["history", "s3"]).standardOutput.split(whereSeparator: \.isNewline)

        #expect(lines.first?.hasPrefix("VERSION  OCCURRED              RECORDED ") == true, "\(lines)")
        #expect(lines.dropFirst().first?.contains("2020-01-01T00:00:00Z  \(try recordedTime(ledger))") == true, "\(lines)")
    }

    @Test func auditCSVEndsWithRecorded() throws {
        let ledger = try backDatedLedger()

        let lines = try ledger.run(["audit", "--csv"]).standardOutput.split(whereSeparator: \.isNewline)

        #expect(lines.first?.hasSuffix(",CORRELATION,RECORDED") == true, "\(lines)")
        #expect(lines.dropFirst().first?.hasSuffix(",\(try recordedTime(ledger))") == true, "\(lines)")
    }
}
