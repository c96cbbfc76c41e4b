@testable import AccountLedger
import Foundation
import Testing

extension AccountText {
    /// Returns an event that changes this text from `before` to "Other".
    func change(from before: String) -> AccountEvent {
        switch self {
        case .name: .renamed(from: before, to: "Other")
        case .description: .descriptionChanged(from: before, to: "Other")
        case .username: .credentialsRotated(CredentialChange(username: ValueChange(from: before, to: "Other")))
        case .setting: .settingsChanged([SettingChange(name: "domain", from: before, to: "Other")])
        }
    }

    /// The reason `verify` gives for a change from a value the account did not have.
    var problem: String {
        switch self {
        case .name: "renames the account from a name it did not have"
        case .description: "changes the description from one the account did not have"
        case .username: "changes the username from one the account did not have"
        case .setting: "changes setting domain from a value the account did not have"
        }
    }
}

/// Logs whose "before" values or new values differ from the account's only
/// in Unicode normalization. Every save compares bytes, so `verify` and
/// `import --events` must too.
@Suite struct NormalizationVerifyTests {
    /// Appends `event` to account `a` after its last event, with a correct hash chain.
    private func forge(_ event: AccountEvent, into fixture: TemporaryLedger) throws {
        try RawLedgerFile(path: fixture.path).appendForged { head in
            var forged = head
            forged.version = head.version + 1
            forged.type = event.type.rawValue
            forged.schemaVersion = event.type.currentSchemaVersion
            forged.payloadText = JSONWriter.canonical(EventCodec.encode(event))
            return forged
        }
    }

    @Test(arguments: AccountText.allCases)
    func changeFromOtherNormalizationFailsVerify(_ field: AccountText) throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(sftpConnect(composedCafe), accountID: "a", context: context())
        try forge(field.change(from: decomposedCafe), into: fixture)
        try fixture.ledger.rebuildProjections()

        let failure = verificationFailure { _ = try fixture.ledger.verify() }

        #expect(failure?.position == 2)
        #expect(failure?.detail == field.problem)
    }

    @Test func loadedRenameToOtherNormalizationVerifies() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(sftpConnect(composedCafe), accountID: "a", context: context())
        try forge(.renamed(from: composedCafe, to: decomposedCafe), into: fixture)

        let (target, result) = try fixture.loadIntoNewLedger(try fixture.exportLines())

        #expect(try result.get().eventCount == 2)
        let row = try #require(try target.accounts(AccountQuery()).first)
        #expect(utf8Bytes(row.name) == utf8Bytes(decomposedCafe))
        #expect(try target.verify().eventCount == 2)
    }
}
