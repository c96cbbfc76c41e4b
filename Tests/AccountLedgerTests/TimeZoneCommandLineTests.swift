import Foundation
import Testing

/// Runs the `ledger` executable under different `TZ` values across the
/// United States' 2026 daylight-saving change (2026-03-08 02:00 EST became
/// 03:00 EDT) and checks that every output is the same as in UTC.
@Suite struct TimeZoneCommandLineTests {
    static let zones = ["UTC", "America/New_York"]

    private func makeLedger(in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let environment = ["TZ": "America/New_York", "SECRET": "s3cret"]
        let steps: [[String]] = [
            ["init", "--db", path],
            ["connect", "--db", path, "--id", "a1", "--destination", "amazon-s3", "--name", "Before",
             "--secret", "accessKeyId=env:SECRET", "--secret", "secretKey=env:SECRET",
             "--occurred-at", "2026-03-08T01:30:00-05:00"],
            ["edit", "a1", "--db", path, "--name", "After", "--occurred-at", "2026-03-08T03:15:00-04:00"],
        ]
        for arguments in steps {
            let output = try LedgerProcess.run(arguments, environment: environment)
            try #require(output.status == 0, "ledger \(arguments[0]) failed: \(output.standardError)")
        }
        return path
    }

    private func names(_ path: String, asOf: String, zone: String) throws -> String {
        let output = try LedgerProcess.run(["accounts", "--db", path, "--as-of", asOf, "--json"], environment: ["TZ": zone])
        try #require(output.status == 0, "ledger accounts failed: \(output.standardError)")
        return output.standardOutput
    }

    @Test func newYorkZoneFileIsInstalled() {
        #expect(FileManager.default.fileExists(atPath: "/usr/share/zoneinfo/America/New_York"))
    }

    @Test func asOfAnswersMatchAcrossZones() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-tz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try makeLedger(in: folder)
        // Each moment, and the name expected then.
        let moments: [(String, String?)] = [
            ("2026-03-08", nil),
            ("2026-03-08T01:29:59-05:00", nil),
            ("2026-03-08T01:30:00-05:00", "Before"),
            ("2026-03-08T03:00:00-04:00", "Before"),
            ("2026-03-08T07:14:59Z", "Before"),
            ("2026-03-08T03:15:00-04:00", "After"),
            ("2026-03-08T08:15:00+01:00", "After"),
            ("2026-03-09", "After"),
        ]
        for (moment, expectedName) in moments {
            let inUTC = try names(path, asOf: moment, zone: "UTC")
            let inNewYork = try names(path, asOf: moment, zone: "America/New_York")
            #expect(inUTC == inNewYork, "as of \(moment)")
            if let expectedName {
                #expect(inUTC.contains("\"name\":\"\(expectedName)\""), "as of \(moment): \(inUTC)")
            } else {
                #expect(inUTC.isEmpty, "as of \(moment): \(inUTC)")
            }
        }
    }

    @Test func auditMatchesAcrossZones() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-tz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try makeLedger(in: folder)
        // 03:00 EDT is 07:00Z: after the connect, before the rename.
        let arguments = ["audit", "--db", path, "--since", "2026-03-08T03:00:00-04:00", "--csv"]
        var outputs: [String] = []
        for zone in Self.zones {
            let output = try LedgerProcess.run(arguments, environment: ["TZ": zone])
            #expect(output.status == 0, "audit in \(zone): \(output.standardError)")
            outputs.append(output.standardOutput)
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0].contains("renamed"))
        #expect(!outputs[0].contains("connected"))
    }

    @Test func showAndHistoryMatchAcrossZones() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-tz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try makeLedger(in: folder)
        for command in ["show", "history"] {
            var outputs: [String] = []
            for zone in Self.zones {
                let output = try LedgerProcess.run(
                    [command, "a1", "--db", path, "--as-of", "2026-03-08T03:00:00-04:00"], environment: ["TZ": zone])
                #expect(output.status == 0, "\(command) in \(zone): \(output.standardError)")
                outputs.append(output.standardOutput)
            }
            #expect(outputs[0] == outputs[1], "\(command)")
            #expect(outputs[0].contains("2026-03-08T06:30:00Z"), "\(command): \(outputs[0])")
            #expect(!outputs[0].contains("After"), "\(command): \(outputs[0])")
        }
    }
}
