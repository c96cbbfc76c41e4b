import AccountLedger
import Foundation

struct SetEncryptionKeyCommand: LedgerCommand {
    static let name = "set-encryption-key"
    static let abstract = "Set or replace the public key that encrypts an account's exported files."
    static let usage = "ledger set-encryption-key ACCOUNT-ID --public-key-file PATH|- [--algorithm NAME] [options]"
    static let options = [
        ("public-key-file", "File with the public key (PEM or ASCII-armored); - reads standard input."),
        ("algorithm", "Encryption algorithm (default PGP/GPG, or the type of a PEM key such as RSA)."),
    ] + CommonOptions.writeOptions
    static let flags = [CommonOptions.saveJSON]

    let arguments: ParsedArguments
    let accountID: String
    let keyFile: String

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        accountID = try AccountArgument.single(arguments)
        guard let keyFile = arguments.value("public-key-file") else {
            throw UsageError("missing --public-key-file")
        }
        self.keyFile = keyFile
        self.arguments = arguments
    }

    func run(_ terminal: Terminal) throws {
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .write)
        let bytes: [UInt8]
        let tooLarge = "is larger than \(InputLimits.maximumPublicKeyBytes) bytes, the maximum for a public key"
        if keyFile == "-" {
            bytes = try terminal.readStandardInput(maximumBytes: InputLimits.maximumPublicKeyBytes, tooLarge: tooLarge)
        } else {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: keyFile, isDirectory: &isFolder), isFolder.boolValue {
                throw LedgerError.invalidInput(location: keyFile, problem: "is a folder; point --public-key-file at the public key file")
            }
            let read: [UInt8]?
            do {
                read = try FileDescriptorIO.readFile(atPath: keyFile, maximumBytes: InputLimits.maximumPublicKeyBytes)
            } catch {
                throw LedgerError.invalidInput(location: keyFile, problem: "cannot read the public key file; check that it exists and is readable")
            }
            guard let read else {
                throw LedgerError.invalidInput(location: keyFile, problem: tooLarge)
            }
            bytes = read
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LedgerError.invalidInput(location: keyFile == "-" ? "standard input" : keyFile, problem: "the public key is not valid UTF-8 text")
        }
        let algorithm = arguments.value("algorithm") ?? EncryptionKey.defaultAlgorithm(for: text)
        let command = AccountCommand.setEncryptionKey(publicKey: text, algorithm: algorithm)
        let result = try ledger.save(command, accountID: accountID, context: try CommonOptions.saveContext(arguments, terminal))
        SaveOutput.print(result, verb: "Updated", json: arguments.has("json"), terminal: terminal)
    }
}

struct RemoveEncryptionKeyCommand: LedgerCommand {
    static let name = "remove-encryption-key"
    static let abstract = "Remove an account's file-encryption public key."
    static let usage = "ledger remove-encryption-key ACCOUNT-ID [options]"
    static let options = CommonOptions.writeOptions
    static let flags = [CommonOptions.saveJSON]

    let arguments: ParsedArguments
    let accountID: String

    init(_ arguments: ParsedArguments, terminal: Terminal) throws {
        accountID = try AccountArgument.single(arguments)
        self.arguments = arguments
    }

    func run(_ terminal: Terminal) throws {
        let ledger = try CommonOptions.openLedger(arguments, terminal, access: .write)
        let result = try ledger.save(.removeEncryptionKey, accountID: accountID, context: try CommonOptions.saveContext(arguments, terminal))
        SaveOutput.print(result, verb: "Updated", json: arguments.has("json"), terminal: terminal)
    }
}
