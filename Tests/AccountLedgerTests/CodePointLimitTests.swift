@testable import AccountLedger
import Foundation
import Testing

/// Length limits count Unicode code points, as JSON Schema's `maxLength`
/// does. Counting characters (grapheme clusters) would let a letter with a
/// million combining marks pass as one character.
@Suite struct CodePointLimitTests {
    /// Returns "e" and `marks` combining acute accents: one character,
    /// `marks + 1` code points.
    private func accented(marks: Int) -> String {
        "e" + String(repeating: "\u{301}", count: marks)
    }

    private func connect(
        name: String = "Exports", description: String = "", settings: [String: String] = [:]
    ) -> AccountCommand {
        .connect(ConnectRequest(
            name: name, description: description, destination: "amazon-s3", settings: settings,
            secrets: ["accessKeyId": Secret("AKIAEXAMPLE0001"), "secretKey": Secret("secret-1")]))
    }

    private func saveError(_ command: AccountCommand, actor: String = "tester") throws -> String {
        let fixture = try TemporaryLedger()
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.save(command, accountID: "s3", context: context(actor))
        }
        #expect(try fixture.ledger.eventCount() == 0)
        return "\(error)"
    }

    @Test func nameCountsCombiningMarks() throws {
        let message = try saveError(connect(name: accented(marks: 256)))
        #expect(message == "invalid input in name: is 257 code points long; the maximum is 256")
    }

    @Test func descriptionCountsCombiningMarks() throws {
        let message = try saveError(connect(description: accented(marks: 4_096)))
        #expect(message == "invalid input in description: is 4097 code points long; the maximum is 4096")
    }

    @Test func settingCountsCombiningMarks() throws {
        let message = try saveError(connect(settings: ["bucketName": accented(marks: 2_048)]))
        #expect(message == "invalid input in setting bucketName: is 2049 code points long; the maximum is 2048")
    }

    @Test func actorCountsCombiningMarks() throws {
        let message = try saveError(connect(), actor: accented(marks: 256))
        #expect(message == "invalid input in actor: is 257 code points long; the maximum is 256")
    }

    @Test func reasonCountsCombiningMarks() throws {
        let fixture = try TemporaryLedger()
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.save(connect(), accountID: "s3", context: context(reason: accented(marks: 4_096)))
        }
        #expect("\(error)" == "invalid input in reason: is 4097 code points long; the maximum is 4096")
        #expect(try fixture.ledger.eventCount() == 0)
    }

    @Test func limitItselfIsAccepted() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(connect(name: accented(marks: 255)), accountID: "s3", context: context())
        #expect(try fixture.ledger.eventCount() == 1)
    }

    @Test func importCountsCombiningMarks() throws {
        let long = JSONValue.string(accented(marks: 256))
        let cases: [(JSONValue, String)] = [
            (s3Connection(["name": long]), "name: is 257 code points long; the maximum is 256"),
            (s3Connection(["updatedBy": long]), "updatedBy: is 257 code points long; the maximum is 256"),
            (s3Connection(["etag": long]), "etag: is 257 code points long; the maximum is 256"),
            (s3Connection(["description": .string(accented(marks: 4_096))]),
                "description: is 4097 code points long; the maximum is 4096"),
            (s3Connection(["auth": ["specName": "Access Key", "params": [
                "s3SecretKey": "s", "bucketName": .string(accented(marks: 2_048)),
            ]]]), "auth.params.bucketName: is 2049 code points long; the maximum is 2048"),
        ]
        let fixture = try TemporaryLedger()
        for (record, expected) in cases {
            let error = try #require(throws: LedgerError.self) {
                try fixture.ledger.importSnapshot(listSnapshot([record]))
            }
            #expect("\(error)" == "invalid input in snapshot.json record 1 (id acct-1): \(expected)")
        }
        #expect(try fixture.ledger.eventCount() == 0)
    }

    @Test func hintKeepsLastFourCodePoints() {
        let secret = Secret("AKIAEXAMPLE" + accented(marks: 3))
        #expect(secret.hint == "…" + accented(marks: 3))
        let short = Secret("AKIA" + accented(marks: 7))
        #expect(short.hint == "…" + String(repeating: "\u{301}", count: 4))
    }
}
