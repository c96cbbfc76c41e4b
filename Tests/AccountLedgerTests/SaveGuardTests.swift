import AccountLedger
import LedgerHarness
import Testing

/// Guards on a save that protect the log from mistakes that could never be
/// undone, because events are immutable.
@Suite struct SaveGuardTests {
    @Test func connectWithDeletedAccountsIDConflicts() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "d", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(.delete(force: false), accountID: "d", context: context(at: "2026-01-02T00:00:00Z"))
        let error = #expect(throws: LedgerError.deletedAccountExists("d")) {
            try fixture.ledger.save(s3Connect(), accountID: "d", context: context(at: "2026-01-03T00:00:00Z"))
        }
        #expect(error?.category == .conflict)
        #expect(error?.description
            == "account d was deleted, and the id of a deleted account cannot be reused; choose another id")
        #expect(try fixture.ledger.eventCount() == 2)
    }

    @Test func idempotencyKeyRetryAppendsNothing() throws {
        let fixture = try TemporaryLedger()
        var keyed = context(at: "2026-01-01T00:00:00Z")
        keyed.idempotencyKey = "k1"
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: keyed)
        let retry = try fixture.ledger.save(s3Connect(), accountID: "a1", context: keyed)
        #expect(retry.wasAlreadyApplied)
        #expect(try fixture.ledger.eventCount() == 1)
    }

    @Test func idempotencyKeyOnOtherAccountConflicts() throws {
        let fixture = try TemporaryLedger()
        var keyed = context(at: "2026-01-01T00:00:00Z")
        keyed.idempotencyKey = "k1"
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: keyed)
        #expect(throws: LedgerError.idempotencyKeyReused(key: "k1", accountID: "a1")) {
            try fixture.ledger.save(s3Connect(), accountID: "a2", context: keyed)
        }
        #expect(try fixture.ledger.eventCount() == 1)
    }

    @Test func idempotencyKeyWithOtherRequestConflicts() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        var keyed = context(at: "2026-01-02T00:00:00Z")
        keyed.idempotencyKey = "k2"
        try fixture.ledger.save(.activateDataflow("df-1"), accountID: "a1", context: keyed)
        #expect(throws: LedgerError.idempotencyKeyReused(key: "k2", accountID: "a1")) {
            try fixture.ledger.save(.activateDataflow("df-2"), accountID: "a1", context: keyed)
        }
        #expect(try fixture.ledger.account(id: "a1").dataflows == ["df-1"])
    }

    /// A part of a save's context that a retry changes.
    enum ContextChange: String, CaseIterable {
        case occurredAt, actor, reason
    }

    @Test(arguments: ContextChange.allCases)
    func idempotencyKeyWithOtherContextConflicts(_ change: ContextChange) throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        var keyed = context(at: "2026-01-05T00:00:00Z")
        keyed.idempotencyKey = "k4"
        try fixture.ledger.save(.edit(EditRequest(name: "A2")), accountID: "a1", context: keyed)
        switch change {
        case .occurredAt: keyed.occurredAt = time("2026-01-09T00:00:00Z")
        case .actor: keyed.actor = "mallory"
        case .reason: keyed.reason = "another reason"
        }
        #expect(throws: LedgerError.idempotencyKeyReused(key: "k4", accountID: "a1")) {
            try fixture.ledger.save(.edit(EditRequest(name: "A2")), accountID: "a1", context: keyed)
        }
    }

    @Test func idempotencyRetryWithDefaultTimeIsApplied() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let keyed = SaveContext(actor: "tester", idempotencyKey: "k6")
        try fixture.ledger.save(.edit(EditRequest(name: "A2")), accountID: "a1", context: keyed)
        let retry = try fixture.ledger.save(.edit(EditRequest(name: "A2")), accountID: "a1", context: keyed)
        #expect(retry.wasAlreadyApplied)
    }

    @Test func idempotencyKeyRemembersSaveWithoutEvents() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        var keyed = context(at: "2026-01-02T00:00:00Z")
        keyed.idempotencyKey = "k3"
        let unchanged = try fixture.ledger.save(.edit(EditRequest(name: "Exports")), accountID: "a1", context: keyed)
        #expect(unchanged.events.isEmpty)
        #expect(throws: LedgerError.idempotencyKeyReused(key: "k3", accountID: "a1")) {
            try fixture.ledger.save(.edit(EditRequest(name: "Other")), accountID: "a1", context: keyed)
        }
    }

    @Test func futureOccurredTimeIsRejected() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        #expect(throws: LedgerError.self) {
            try fixture.ledger.save(.activateDataflow("df-1"), accountID: "a1", context: context(at: "9999-12-31T23:59:59Z"))
        }
        #expect(try fixture.ledger.eventCount() == 1)
        try fixture.ledger.save(.activateDataflow("df-1"), accountID: "a1", context: context())
        #expect(try fixture.ledger.eventCount() == 2)
    }

    @Test func futureOccurredTimeMessageNamesAllowance() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        do {
            try fixture.ledger.save(.activateDataflow("df-1"), accountID: "a1", context: context(at: "9999-12-31T23:59:59Z"))
            Issue.record("a time in 9999 was accepted")
        } catch {
            #expect("\(error)".contains("more than the 15 minutes allowed for a clock that runs fast"), "\(error)")
        }
    }

    @Test func credentialLikeSettingIsRejected() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        for name in ["password", "pwd", "secretKey", "apiToken", "connectionString", "sshKey"] {
            #expect(throws: LedgerError.self) {
                try fixture.ledger.save(
                    .edit(EditRequest(settings: [name: "MARKER-value"])), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
            }
        }
        try fixture.ledger.save(
            .edit(EditRequest(settings: ["bucketName": "exports"])), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        #expect(try fixture.ledger.account(id: "a1").settings == ["bucketName": "exports"])
    }

    /// A pasted token whose text contains "TOKEN" was quoted back as the
    /// setting's name.
    @Test func credentialLikeSettingShapedAsSecretIsNotQuoted() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let pasted = "GHPTOKEN0123456789AB"

        let error = #expect(throws: LedgerError.self) {
            try fixture.ledger.save(
                .edit(EditRequest(settings: [pasted: "x"])), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        }

        #expect(error.map { "\($0)".contains("setting (name not shown: it may be a secret)") } == true, "\(String(describing: error))")
        #expect(error.map { "\($0)".contains(pasted) } == false)
    }

    @Test func separatedCredentialSettingIsRejected() throws {
        // Names written with `_` or `-` passed the check and kept an API key
        // in clear, while `apiKey` was rejected.
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        for name in ["api_key", "private-key", "ssh_key", "connection_string", "pass_phrase", "pass-word", "Access.Key"] {
            #expect(throws: LedgerError.self, "\(name)") {
                try fixture.ledger.save(
                    .edit(EditRequest(settings: [name: "MARKER-value"])), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
            }
        }
        #expect(try fixture.ledger.eventCount() == 1)
    }

    @Test func publicKeyMustBePublicKeyText() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        let rejected = [
            "just a token, not a key",
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\nx\n-----END PGP PRIVATE KEY BLOCK-----",
            "-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----",
        ]
        for text in rejected {
            #expect(throws: LedgerError.self) {
                try fixture.ledger.save(
                    .setEncryptionKey(publicKey: text, algorithm: "PGP/GPG"), accountID: "a1",
                    context: context(at: "2026-01-02T00:00:00Z"))
            }
        }
        #expect(try fixture.ledger.eventCount() == 1)
        try fixture.ledger.save(
            .setEncryptionKey(publicKey: SamplePublicKeys.rsa, algorithm: "RSA"),
            accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        #expect(try fixture.ledger.eventCount() == 2)
    }

    @Test func pemPrivateKeyMessageFitsPEM() throws {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        do {
            try fixture.ledger.save(
                .setEncryptionKey(publicKey: "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----", algorithm: "RSA"),
                accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
            Issue.record("a private key was accepted")
        } catch {
            #expect("\(error)".contains("`openssl pkey -pubout` prints it for a PEM key"), "\(error)")
        }
    }
}

@Suite struct DestinationSpellingTests {
    @Test func catalogIdInOtherCaseIsRejected() throws {
        let fixture = try TemporaryLedger()
        let request = ConnectRequest(
            name: "Exports", destination: "Amazon-S3", connectionType: .accessKey,
            secrets: ["accessKeyId": Secret("AKIAEXAMPLE0001"), "secretKey": Secret("s")])
        #expect(throws: LedgerError.invalidInput(
            location: "destination", problem: "Amazon-S3 is not in the destination catalog; did you mean amazon-s3?")
        ) {
            try fixture.ledger.save(.connect(request), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        }
    }
}
