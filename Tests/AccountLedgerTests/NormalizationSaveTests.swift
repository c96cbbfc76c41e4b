@testable import AccountLedger
import Foundation
import Testing

/// Saves of texts that differ from the stored ones only in Unicode
/// normalization. The ledger stores and hashes bytes, so such a text is a
/// new value.
@Suite struct NormalizationSaveTests {
    /// Returns an edit that sets `field` to `text`.
    private func edit(_ field: AccountText, to text: String) -> EditRequest {
        switch field {
        case .name: EditRequest(name: text)
        case .description: EditRequest(description: text)
        case .username: EditRequest(username: text)
        case .setting: EditRequest(settings: ["domain": text])
        }
    }

    @Test(arguments: AccountText.allCases)
    func editInOtherNormalizationAppends(_ field: AccountText) throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(sftpConnect(composedCafe), accountID: "a", context: context())

        let result = try fixture.ledger.save(.edit(edit(field, to: decomposedCafe)), accountID: "a", context: context())

        #expect(result.events.count == 1)
        #expect(utf8Bytes(field.value(in: try fixture.ledger.account(id: "a"))) == utf8Bytes(decomposedCafe))
    }

    @Test(arguments: AccountText.allCases)
    func editWithSameBytesAppendsNothing(_ field: AccountText) throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(sftpConnect(decomposedCafe), accountID: "a", context: context())

        let result = try fixture.ledger.save(.edit(edit(field, to: decomposedCafe)), accountID: "a", context: context())

        #expect(result.events.isEmpty)
    }

    @Test func renameInOtherNormalizationVerifies() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(sftpConnect(composedCafe), accountID: "a", context: context())

        try fixture.ledger.save(.edit(EditRequest(name: decomposedCafe)), accountID: "a", context: context())

        let row = try #require(try fixture.ledger.accounts(AccountQuery()).first)
        #expect(utf8Bytes(row.name) == utf8Bytes(decomposedCafe))
        #expect(try fixture.ledger.verify().eventCount == 2)
    }

    @Test func keyAlgorithmInOtherNormalizationAppends() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a", context: context())
        let key = publicKeyBlock("key-1")
        try fixture.ledger.save(.setEncryptionKey(publicKey: key, algorithm: composedCafe), accountID: "a", context: context())

        let result = try fixture.ledger.save(
            .setEncryptionKey(publicKey: key, algorithm: decomposedCafe), accountID: "a", context: context())

        #expect(result.events.count == 1)
        #expect(utf8Bytes(try fixture.ledger.account(id: "a").encryptionKey?.algorithm) == utf8Bytes(decomposedCafe))
    }

    @Test func commandLineEditSeesDecomposedPath() throws {
        let cli = try CommandLineLedger()
        let connected = try cli.connectS3("a", settings: ["folderPath": "caf\u{E9}/"])
        try #require(connected.status == 0, "\(connected.standardError)")

        let edited = try cli.run(["edit", "a", "--setting", "folderPath=cafe\u{301}/"])

        #expect(edited.status == 0)
        #expect(edited.standardOutput.hasPrefix("Edited account a: SettingsChanged at position 2"), "\(edited.standardOutput)")
        let state = try Ledger(path: cli.path, access: .read, environment: [:]).account(id: "a")
        #expect(utf8Bytes(state.settings["folderPath"]) == utf8Bytes("cafe\u{301}/"))
    }
}
