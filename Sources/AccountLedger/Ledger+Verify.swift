extension Ledger {
    /// Checks the whole log and its projections, and optionally that the
    /// log still extends a receipt taken earlier.
    ///
    /// - Parameters:
    ///   - receipt: a receipt from `digest`; the event at its position must
    ///     still have its hash, and the log must reach that position.
    ///   - trustedPublicKey: when given, the receipt must carry a valid
    ///     signature by this Ed25519 key.
    ///   - receiptSource: names the receipt in messages, usually its file.
    /// - Throws: `LedgerError.verificationFailed` at the first fault, naming
    ///   its position; `.storage` when the file cannot be read.
    public func verify(
        receipt: DigestReceipt? = nil,
        trustedPublicKey: [UInt8]? = nil,
        receiptSource: String = "receipt"
    ) throws -> VerificationReport {
        let signatureChecked = try receipt?.checkSignature(trustedPublicKey: trustedPublicKey, source: receiptSource) ?? false
        // A connection of its own, because the replay shadows the projection
        // tables on the connection it runs on.
        let connection = try Self.openDatabase(path: path, mode: .readOnly)
        // verify never required the key, so one that does not load (missing,
        // malformed, readable by others) only skips the comparison, and the
        // report gives the reason.
        var key: FingerprintKey?
        var keyLoadFailure: String?
        do {
            key = try FingerprintKey.load(path: keyPath, environment: environment)
        } catch {
            keyLoadFailure = "\(error)"
        }
        let keyCheck = KeyCheckVerification(loadedKey: key.map { ($0.checkValue, keySource) })
        var report = try storageOperation {
            var verifier = LogVerifier(
                db: connection,
                receipt: receipt,
                limits: LoadedEventLimits(catalog: catalog, now: Clock.nowMilliseconds()),
                keyCheck: keyCheck)
            verifier.receiptSource = receiptSource
            return try verifier.run()
        }
        report.receiptSignatureChecked = signatureChecked
        report.keyLoadFailure = keyLoadFailure
        return report
    }

    /// Returns a receipt for the current head of the log, signed when a key is given.
    ///
    /// - Parameter takenAt: the receipt's time. Without it, the system
    ///   clock's, checked against the head's recorded time as a save checks
    ///   it: a receipt taken before the last event it covers was recorded
    ///   would contradict itself.
    /// - Throws: `LedgerError.invalidInput` naming the system clock when it
    ///   is out of range or too far behind the log.
    public func digest(signingKey: SigningKey? = nil, takenAt: Int64? = nil) throws -> DigestReceipt {
        let head = try storageOperation {
            try database.read { db in try EventStore(db: db).head() }
        }
        let time = try takenAt ?? Self.recordedTime(after: head, clock: Clock.nowMilliseconds())
        let receipt = DigestReceipt(position: head.position, hash: head.hash, takenAt: time)
        return try signingKey.map { try receipt.signed(with: $0) } ?? receipt
    }
}
