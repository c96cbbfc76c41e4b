import AccountLedger
import Foundation
import LedgerHarness
import Testing

@Suite struct ReceiptTests {
    private func ledgerWithOneAccount() throws -> TemporaryLedger {
        let fixture = try TemporaryLedger()
        try fixture.ledger.save(s3Connect(), accountID: "a1", context: context(at: "2026-01-01T00:00:00Z"))
        try fixture.ledger.save(
            .edit(EditRequest(name: "Renamed")), accountID: "a1", context: context(at: "2026-01-02T00:00:00Z"))
        return fixture
    }

    private func parse(_ text: String) throws -> DigestReceipt {
        try DigestReceipt.parse(Array(text.utf8), source: "r.json")
    }

    @Test func receiptNamesTheHead() throws {
        let fixture = try ledgerWithOneAccount()
        let receipt = try fixture.ledger.digest(takenAt: time("2026-02-01T00:00:00Z"))
        #expect(receipt.position == 2)
        #expect(receipt.hash == (try fixture.ledger.verify().headHash))
        #expect(receipt.signature == nil)
    }

    @Test func receiptSurvivesItsJSON() throws {
        let fixture = try ledgerWithOneAccount()
        let key = try SigningKey.generate()
        let receipt = try fixture.ledger.digest(signingKey: key)
        let parsed = try parse(JSONWriter.pretty(receipt.json))
        #expect(parsed == receipt)
        #expect(try parsed.checkSignature(trustedPublicKey: key.publicKey, source: "r.json"))
    }

    @Test func logThatGrewStillExtendsReceipt() throws {
        let fixture = try ledgerWithOneAccount()
        let key = try SigningKey.generate()
        let receipt = try fixture.ledger.digest(signingKey: key)
        try fixture.ledger.save(
            .edit(EditRequest(name: "Later")), accountID: "a1", context: context(at: "2026-01-03T00:00:00Z"))
        let report = try fixture.ledger.verify(receipt: receipt, trustedPublicKey: key.publicKey)
        #expect(report.eventCount == 3)
        #expect(report.receiptPosition == 2)
        #expect(report.receiptSignatureChecked)
    }

    @Test func alteredSignedReceiptIsRejected() throws {
        let fixture = try ledgerWithOneAccount()
        let key = try SigningKey.generate()
        var receipt = try fixture.ledger.digest(signingKey: key)
        receipt.position = 1
        let failure = verificationFailure {
            _ = try fixture.ledger.verify(receipt: receipt, trustedPublicKey: key.publicKey)
        }
        #expect(failure?.detail.contains("signature does not match") == true)
    }

    @Test func receiptSignedByAnotherKeyIsRejected() throws {
        let fixture = try ledgerWithOneAccount()
        let forger = try SigningKey.generate()
        let trusted = try SigningKey.generate()
        let receipt = try fixture.ledger.digest(signingKey: forger)
        let failure = verificationFailure {
            _ = try fixture.ledger.verify(receipt: receipt, trustedPublicKey: trusted.publicKey)
        }
        #expect(failure?.detail.contains("not by the given public key") == true)
        // The receipt's key is public and shown by its start, so it can be
        // matched with a .pub file. The given key is only named by a digest.
        let start = String(Hex.encode(forger.publicKey).prefix(16))
        #expect(failure?.detail.contains("was signed by the public key \(start)…") == true, "\(failure?.detail ?? "")")
        #expect(failure?.detail.contains(Hex.encode(trusted.publicKey).prefix(16)) == false)
    }

    @Test func unsignedReceiptWithPublicKeyIsRejected() throws {
        let fixture = try ledgerWithOneAccount()
        let receipt = try fixture.ledger.digest()
        let failure = verificationFailure {
            _ = try fixture.ledger.verify(receipt: receipt, trustedPublicKey: try SigningKey.generate().publicKey)
        }
        #expect(failure?.detail.contains("is not signed") == true)
    }

    @Test func receiptBeyondTheLogIsTruncation() throws {
        let fixture = try ledgerWithOneAccount()
        let receipt = DigestReceipt(position: 9, hash: String(repeating: "a", count: 64), takenAt: 0)
        let failure = verificationFailure { _ = try fixture.ledger.verify(receipt: receipt) }
        #expect(failure?.position == 3)
        #expect(failure?.detail.contains("receipt covers position 9") == true)
    }

    @Test func corruptReceiptsFailCleanly() throws {
        let valid = #"{"format":"ledger-receipt-1","hash":"\#(String(repeating: "0", count: 64))","position":0,"taken_at":"2026-01-01T00:00:00Z"}"#
        #expect(try parse(valid).position == 0)
        let corrupt: [(String, String)] = [
            ("", "is not valid JSON"),
            (String(valid.dropLast(9)), "is not valid JSON"),
            ("[1, 2]", "expected a JSON object"),
            (valid.replacingOccurrences(of: "ledger-receipt-1", with: "other"), "field format"),
            (valid.replacingOccurrences(of: "\"position\":0", with: "\"position\":-1"), "field position"),
            (valid.replacingOccurrences(of: "\"position\":0", with: "\"position\":\"1\""), "field position"),
            (valid.replacingOccurrences(of: String(repeating: "0", count: 64), with: "xyz"), "field hash"),
            (valid.replacingOccurrences(of: "2026-01-01T00:00:00Z", with: "yesterday"), "field taken_at"),
            (valid.replacingOccurrences(of: "\"position\":0", with: "\"position\":0,\"signature\":\"00\""), "must appear together"),
            (valid.replacingOccurrences(of: "\"position\":0", with: "\"position\":0,\"extra\":1"), "unknown field extra"),
        ]
        for (text, expected) in corrupt {
            #expect(throws: LedgerError.self, "\(text)") { try parse(text) }
            do {
                _ = try parse(text)
            } catch let error as LedgerError {
                #expect(error.category == .badInput)
                #expect(error.description.contains(expected), "\(error)")
            }
        }
    }

    @Test func randomBytesAreNotAReceipt() throws {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0..<80, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(throws: LedgerError.self) { try DigestReceipt.parse(bytes, source: "noise") }
        }
    }

    @Test func signingKeyFileReadableByOthersIsRejected() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sign.key").path
        try SigningKey.generate().write(toFile: path)
        #expect(try SigningKey.load(path: path).publicKey.count == 32)
        chmod(path, 0o644)
        #expect(throws: LedgerError.invalidInput(
            location: "signing key \(path)", problem: "mode 644 lets other users read it; run `chmod 600 \(path)`")) {
            try SigningKey.load(path: path)
        }
    }
}
