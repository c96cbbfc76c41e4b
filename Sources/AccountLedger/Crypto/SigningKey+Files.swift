import Foundation

extension SigningKey {
    /// Writes the private key to a new file readable only by its owner.
    ///
    /// - Throws: `LedgerError.invalidInput` when the file exists or cannot be written.
    public func write(toFile path: String) throws {
        try KeyFile.create(path: path, text: Hex.encode(privateKey) + "\n") {
            LedgerError.invalidInput(location: "signing key \(path)", problem: $0)
        }
    }

    /// Writes the private key to `path` (mode 0600) and the public key to
    /// `path.pub` (mode 0644), both or neither.
    ///
    /// - Throws: `LedgerError.invalidInput` when either file exists or
    ///   cannot be written; a private key already written is then removed.
    public func writePair(toFile path: String) throws {
        let publicPath = path + ".pub"
        func privateError(_ problem: String) -> LedgerError {
            LedgerError.invalidInput(location: "signing key \(path)", problem: problem)
        }
        func publicError(_ problem: String) -> LedgerError {
            LedgerError.invalidInput(location: "public key \(publicPath)", problem: problem)
        }
        let existsProblem = "already exists; refusing to overwrite a key"
        guard !FileManager.default.fileExists(atPath: publicPath) else { throw publicError(existsProblem) }
        if let problem = LedgerFileChecks.newFileLinkProblem(path, kind: "key file") {
            throw privateError(problem)
        }
        if let problem = LedgerFileChecks.newFileLinkProblem(publicPath, kind: "key file") {
            throw publicError(problem)
        }
        // Both are written under hidden names and linked into place while
        // signals wait, so SIGINT, SIGTERM or SIGHUP cannot leave the
        // private key without its public half, which made a rerun fail.
        let privateFile = PartialFile(finalPath: path)
        let publicFile = PartialFile(finalPath: publicPath)
        do {
            try InterruptCleanup.shared.removing([privateFile.partialPath, publicFile.partialPath]) {
                try KeyFile.create(path: privateFile.partialPath, text: Hex.encode(privateKey) + "\n", error: privateError)
                try KeyFile.create(path: publicFile.partialPath, text: Hex.encode(publicKey) + "\n", mode: 0o644, error: publicError)
                try InterruptCleanup.shared.holdingSignals {
                    try privateFile.publish(exists: privateError("cannot create: " + existsProblem), error: privateError)
                    do {
                        try publicFile.publish(exists: publicError(existsProblem), error: publicError)
                    } catch {
                        unlink(path)
                        throw error
                    }
                }
            }
        } catch {
            unlink(privateFile.partialPath)
            unlink(publicFile.partialPath)
            throw error
        }
    }

    /// Loads a private key file written by `write(toFile:)`.
    ///
    /// - Throws: `LedgerError.invalidInput` when the file is missing, is a
    ///   folder, can be read by other users, or does not hold 64 hexadecimal
    ///   digits.
    public static func load(path: String) throws -> SigningKey {
        let location = "signing key \(path)"
        let text = try KeyFile.readPrivate(
            path: path, missing: "missing",
            folder: "is a folder; point --sign-key at the file made by `ledger digest --new-sign-key`"
        ) {
            LedgerError.invalidInput(location: location, problem: $0)
        }.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.utf8.count == keyLength * 2, let bytes = Hex.decode(text) else {
            throw LedgerError.invalidInput(location: location, problem: "expected \(keyLength * 2) hexadecimal digits (an Ed25519 private key)")
        }
        return try SigningKey(privateKey: bytes, source: location)
    }

    /// Reads a public key given as 64 hexadecimal digits or as a file holding them.
    ///
    /// - Throws: `LedgerError.invalidInput` when neither form fits.
    public static func publicKey(from argument: String) throws -> [UInt8] {
        var text = argument
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) {
            guard !isFolder.boolValue else {
                throw LedgerError.invalidInput(
                    location: "public key \(argument)",
                    problem: "is a folder; point --public-key at the .pub file written beside the signing key")
            }
            // A public key file is readable by anyone; an owner-only file is
            // almost surely a private key given by mistake.
            if let attributes = try? FileManager.default.attributesOfItem(atPath: argument),
                let mode = attributes[.posixPermissions] as? Int, mode & 0o044 == 0
            {
                throw LedgerError.invalidInput(
                    location: "public key \(argument)",
                    problem: "is readable only by its owner, like a private key; pass the public key file (the .pub file written beside the signing key)")
            }
            text = try KeyFile.readSmall(path: argument) {
                LedgerError.invalidInput(location: "public key \(argument)", problem: $0)
            }.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard text.utf8.count == keyLength * 2, let bytes = Hex.decode(text) else {
            throw LedgerError.invalidInput(
                location: "public key \(argument)",
                problem: "expected a file holding \(keyLength * 2) hexadecimal digits, or the digits themselves")
        }
        return bytes
    }
}
