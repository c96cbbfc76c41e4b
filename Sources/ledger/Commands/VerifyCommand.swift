import AccountLedger
import Foundation

struct VerifyCommand: LedgerCommand {
    static let name = "verify"
    static let abstract = "Check the hash chain, the log's order and the projections; optionally against a receipt."
    static let usage = "ledger verify [--db PATH] [--key-file PATH] [--digest RECEIPT-FILE [--public-key FILE-OR-HEX]] [--json]"
    static let options = [
        CommonOptions.database,
        ("key-file", "Fingerprint key file to compare with ledger_metadata.key_check (default: the database path plus .key; $LEDGER_KEY overrides)."),
        ("digest", "A receipt from `ledger digest`: the log must still contain the event it names, unchanged."),
        ("public-key", "The Ed25519 public key (file or 64 hex digits) that must have signed the receipt."),
    ]
    static let flags = [("json", "Print the result (verified, events, head hash, ...) as one JSON object instead of sentences.")]

    let arguments: ParsedArguments

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument \(arguments.positionals[0])")
        }
        guard arguments.value("public-key") == nil || arguments.value("digest") != nil else {
            throw UsageError("--public-key needs --digest RECEIPT-FILE")
        }
        self.arguments = arguments
    }

    func run(_ terminal: Terminal) throws {
        var receipt: DigestReceipt?
        if let receiptPath = arguments.value("digest") {
            receipt = try DigestCommand.readReceipt(receiptPath)
        }
        let publicKey = try arguments.value("public-key").map(SigningKey.publicKey(from:))
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .read)
        let report: VerificationReport
        do {
            report = try ledger.verify(
                receipt: receipt, trustedPublicKey: publicKey, receiptSource: arguments.value("digest") ?? "receipt")
        } catch LedgerError.verificationFailed(let position, let detail) where arguments.has("json") {
            // Scripts that asked for JSON get the fault as JSON too; the
            // status (8) and the message on standard error stay the same.
            terminal.writeLine(JSONWriter.pretty(.object([
                "verified": false, "position": position.map { .integer($0) } ?? .null, "detail": .string(detail),
            ])))
            throw LedgerError.verificationFailed(position: position, detail: detail)
        }
        if arguments.has("json") {
            var members: JSONObject = [
                "verified": true,
                "events": .integer(report.eventCount),
                "head_hash": .string(report.headHash),
                "accounts": .integer(Int64(report.accountCount)),
                "key_checked": .bool(report.keyChecked),
            ]
            if let failure = report.keyLoadFailure {
                members["key_load_failure"] = .string(failure)
            }
            if let position = report.receiptPosition {
                members["receipt_position"] = .integer(position)
                members["receipt_signature_checked"] = .bool(report.receiptSignatureChecked)
            }
            terminal.writeLine(JSONWriter.pretty(.object(members)))
            return
        }
        let events = report.eventCount == 1 ? "1 event" : "\(report.eventCount) events"
        let accounts = report.accountCount == 1 ? "1 account" : "\(report.accountCount) accounts"
        terminal.writeLine("Verified \(events) of \(accounts): hash chain, order and projections hold.")
        terminal.writeLine("Head hash: \(report.headHash)")
        if report.keyChecked {
            terminal.writeLine("The fingerprint key matches ledger_metadata.key_check.")
        } else {
            var line = "The fingerprint key did not load, so only the form of ledger_metadata.key_check was checked."
            if let failure = report.keyLoadFailure {
                line += " The key loader reported: \(failure.escapingControlCharacters())."
            }
            terminal.writeLine(line)
        }
        if let position = report.receiptPosition {
            let signature: String
            if !report.receiptSignatureChecked {
                signature = "unsigned"
            } else if publicKey == nil {
                signature = "its signature matches the key it carries; give --public-key to check whose key that is"
            } else {
                signature = "signature valid"
            }
            terminal.writeLine("The log still extends the receipt at position \(position) (\(signature)).")
        }
    }
}
