import AccountLedger
import Foundation

struct DigestCommand: LedgerCommand {
    static let name = "digest"
    static let abstract = "Print a receipt of the log's head (position, hash, time), optionally signed."
    static let usage = """
        ledger digest [--db PATH] [--sign-key FILE]
               ledger digest --new-sign-key FILE
               ledger digest --check RECEIPT-FILE [--public-key FILE-OR-HEX]
        """
    static let options = [
        CommonOptions.database,
        ("sign-key", "Ed25519 private key file (mode 0600) to sign the receipt with."),
        ("new-sign-key", "Create a new Ed25519 private key in this file (mode 0600) and its public key in FILE.pub."),
        ("check", "Check a receipt's form and signature without opening a ledger."),
        ("public-key", "With --check: the Ed25519 public key (file or 64 hex digits) that must have signed it."),
    ]
    static let flags: [(String, String)] = []

    let arguments: ParsedArguments

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument \(arguments.positionals[0])")
        }
        let modes = ["sign-key", "new-sign-key", "check"].filter { arguments.value($0) != nil }
        guard modes.count <= 1 else {
            throw UsageError("--\(modes[0]) and --\(modes[1]) cannot be combined")
        }
        guard arguments.value("public-key") == nil || arguments.value("check") != nil else {
            throw UsageError("--public-key needs --check RECEIPT-FILE")
        }
        self.arguments = arguments
    }

    func run(_ terminal: Terminal) throws {
        if let keyPath = arguments.value("new-sign-key") {
            let key = try SigningKey.generate()
            try key.writePair(toFile: keyPath)
            let publicKey = Hex.encode(key.publicKey)
            let shownPath = keyPath.escapingControlCharacters()
            terminal.recordCommittedChange("Created signing key \(shownPath) (mode 0600); public key in \(shownPath).pub.")
            terminal.writeLine("Created signing key \(shownPath) (mode 0600); public key in \(shownPath).pub:")
            terminal.writeLine(publicKey)
            return
        }
        if let receiptPath = arguments.value("check") {
            let receipt = try Self.readReceipt(receiptPath)
            let publicKey = try arguments.value("public-key").map(SigningKey.publicKey(from:))
            let signed: Bool
            do {
                signed = try receipt.checkSignature(trustedPublicKey: publicKey, source: receiptPath)
            } catch LedgerError.verificationFailed(_, let detail) {
                // The position is the receipt's own: no ledger was opened, so
                // "verification failed at position N" would point at a log.
                let prefix = "receipt \(receiptPath): "
                let problem = detail.hasPrefix(prefix) ? String(detail.dropFirst(prefix.count)) : detail
                throw LedgerError.receiptCheckFailed(receipt: receiptPath, problem: problem)
            }
            let signature = signed ? "signature valid, by key \(receipt.publicKey ?? "")" : "unsigned"
            terminal.writeLine(
                "Receipt \(receiptPath.escapingControlCharacters()) is well formed (\(signature)): position \(receipt.position), hash \(receipt.hash).")
            return
        }
        let signingKey = try arguments.value("sign-key").map(SigningKey.load(path:))
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .read)
        terminal.writeLine(JSONWriter.pretty(try ledger.digest(signingKey: signingKey).json))
    }

    /// The largest receipt file read. A receipt is a few hundred bytes of
    /// JSON, so anything near this size is not one.
    static let maximumReceiptBytes = 64 * 1024

    /// Reads and parses a receipt file; a missing or oversized file is bad
    /// input naming it.
    static func readReceipt(_ path: String) throws -> DigestReceipt {
        let location = "receipt \(path)"
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw LedgerError.invalidInput(location: location, problem: "is a folder; name the receipt file that `ledger digest` wrote")
        }
        let read: [UInt8]?
        do {
            read = try FileDescriptorIO.readFile(atPath: path, maximumBytes: maximumReceiptBytes)
        } catch {
            throw LedgerError.invalidInput(location: location, problem: "missing or unreadable")
        }
        guard let bytes = read else {
            throw LedgerError.invalidInput(
                location: location, problem: "is larger than \(maximumReceiptBytes) bytes, too large for a receipt")
        }
        return try DigestReceipt.parse(bytes, source: path)
    }
}
