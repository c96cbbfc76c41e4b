@testable import AccountLedger
import Testing

/// Which control characters each kind of text accepts: a description and
/// a reason may span lines and contain tabs, and a one-line text (name,
/// username, actor, setting value) contains no control character at all.
@Suite struct TextCharacterRuleTests {
    static let lineBreaks: [Unicode.Scalar] = ["\t", "\n", "\r"]
    static let otherControls: [Unicode.Scalar] = ["\u{1B}", "\u{7F}", "\u{85}", "\u{9B}"]

    private func connect(
        name: String = "Exports", description: String = "", username: String = "u", settings: [String: String] = [:]
    ) -> AccountCommand {
        .connect(ConnectRequest(
            name: name, description: description, destination: "sftp", username: username, settings: settings,
            secrets: ["password": Secret("p")]))
    }

    /// Saves `command` into a new ledger and returns the error's message.
    private func rejection(_ command: AccountCommand, actor: String = "tester", reason: String? = nil) throws -> String {
        let fixture = try TemporaryLedger()
        let error = try #require(throws: LedgerError.self) {
            try fixture.ledger.save(command, accountID: "sf", context: context(actor, reason: reason))
        }
        #expect(try fixture.ledger.eventCount() == 0)
        return "\(error)"
    }

    @Test func descriptionAndReasonAcceptLineBreaks() throws {
        for scalar in Self.lineBreaks {
            let fixture = try TemporaryLedger()
            let text = "a\(scalar)b"
            try fixture.ledger.save(connect(description: text), accountID: "sf", context: context(reason: text))
            #expect(try fixture.ledger.eventCount() == 1, "\(scalar.codePointName)")
        }
    }

    @Test func descriptionRejectsOtherControls() throws {
        for scalar in Self.otherControls {
            let message = try rejection(connect(description: "a\(scalar)b"))
            #expect(message == "invalid input in description: contains the control character \(scalar.codePointName); remove it")
        }
    }

    @Test func reasonRejectsOtherControls() throws {
        for scalar in Self.otherControls {
            let message = try rejection(connect(), reason: "a\(scalar)b")
            #expect(message == "invalid input in reason: contains the control character \(scalar.codePointName); remove it")
        }
    }

    @Test func oneLineTextsRejectEveryControl() throws {
        for scalar in Self.lineBreaks + Self.otherControls {
            let text = "a\(scalar)b"
            let problem = "contains the control character \(scalar.codePointName); remove it"
            #expect(try rejection(connect(name: text)) == "invalid input in name: \(problem)")
            #expect(try rejection(connect(username: text)) == "invalid input in username: \(problem)")
            #expect(try rejection(connect(), actor: text) == "invalid input in actor: \(problem)")
            #expect(try rejection(connect(settings: ["domain": text])) == "invalid input in setting domain: \(problem)")
        }
    }
}
