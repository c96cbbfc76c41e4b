/// An account as one record describes it, in the ledger's terms. The
/// catalog has named its destination and connection type and sorted its
/// auth parameters into username, settings, fingerprinted secrets and times.
/// Secrets are keyed by the connection type's credential field where the
/// catalog maps the parameter to one, so `ledger edit` can rotate them.
struct ImportedAccount {
    /// The auth parameter that contains the authorization date of
    /// destination accounts (`YYYY-MM-DD`). The catalog does not list it
    /// per spec because every destination spec may have it.
    static let authorizedDateParameter = "authorizedDate"

    var name: String
    var description: String
    var destination: String
    var connectionType: ConnectionType
    var username: String?
    var settings: [String: String] = [:]
    var credentials: [String: CredentialFingerprint] = [:]
    /// From `authorizedDate`; nil when the record has none.
    var authorizedAt: Int64?
    /// Whether `authorizedDate` was a date without a time of day, which
    /// names the whole UTC day from `authorizedAt` on.
    var authorizedDateIsDay = false
    var expiresAt: Int64?
    var encryptionKey: EncryptionKey?

    /// Classifies `record` with `catalog`.
    ///
    /// - Parameters:
    ///   - keyProvider: supplies the fingerprint key; called only when the
    ///     record has a secret parameter.
    /// - Throws: `LedgerError.invalidInput` naming the record and field for
    ///   an unknown spec name, a connection type the destination does not
    ///   use, or a value that fails its kind's checks.
    init(
        _ record: ConnectionRecord,
        catalog: DestinationCatalog,
        keyProvider: () throws -> FingerprintKey
    ) throws {
        let source = record.source
        guard let spec = catalog.authSpec(named: record.authSpecName) else {
            let known = catalog.authSpecs.map(\.specName).joined(separator: ", ")
            throw record.invalid(
                "auth.specName",
                "unknown spec name \"\(record.authSpecName)\" (the catalog lists \(known)); fix the record, "
                    + "or add the spec to Schemas/catalog.json and rebuild the program (`swift build`)")
        }
        let catalogDestination = catalog.destination(connectionSpecID: record.connectionSpecID)
        if let destination = catalogDestination, !destination.connectionTypes.contains(spec.connectionType) {
            let allowed = destination.connectionTypes.map(\.rawValue).joined(separator: ", ")
            throw record.invalid(
                "auth.specName",
                "spec \"\(record.authSpecName)\" makes \(spec.connectionType.rawValue) accounts, "
                    + "but \(destination.name) accounts use \(allowed); check the spec name and connectionSpec.id")
        }
        name = record.name
        description = record.description
        // A spec id the catalog does not list becomes the destination itself,
        // so such accounts are still imported and can be filtered by it.
        destination = catalogDestination?.id ?? record.connectionSpecID.lowercased()
        connectionType = spec.connectionType
        try MisspeltMemberCheck.checkParameters(Array(record.parameters.keys), spec: spec, source: source)

        // The parameter that filled each credential, to name both in an error.
        var filledBy: [String: String] = [:]
        var expiryParameter: String?
        for parameterName in record.parameters.keys.sorted() {
            let parameter = record.parameters[parameterName]!
            let field = "auth.params.\(parameterName)"
            if parameterName == Self.authorizedDateParameter {
                authorizedAt = try Self.date(parameter, field: field, source: source)
                authorizedDateIsDay = Self.isDay(parameter.value.value)
                continue
            }
            switch spec.kind(of: parameterName) {
            case .identity:
                let text = parameter.value.value
                if username == nil {
                    try InputLimits.checkLine(text, field: source.location(field))
                    username = text
                } else {
                    // The accounts view has one username; a second identity is kept as a setting.
                    try addSetting(parameterName, text, field: field, source: source)
                }
            case .setting:
                try addSetting(parameterName, parameter.value.value, field: field, source: source)
            case .secret:
                // NOTE: The platform masks some secrets (`xxxx`), so a
                // rotation behind an unchanged mask is not seen.
                try InputLimits.checkSecret(parameter.value, field: source.location(field))
                let credential = spec.credentialField(of: parameterName)
                if let other = filledBy[credential] {
                    throw record.invalid(
                        field,
                        "fills credential \(credential), which auth.params.\(other) already fills; "
                            + "a connection has one value per credential, so remove one of them")
                }
                filledBy[credential] = parameterName
                credentials[credential] = try keyProvider().fingerprint(
                    parameter.value, keepsHint: spec.hintParameters.contains(parameterName))
            case .expiry:
                guard connectionType.supportsExpiry else {
                    // `ledger connect --expires-at` rejects the same, and no
                    // command could remove such an expiry afterwards.
                    throw record.invalid(
                        field,
                        "\(connectionType.rawValue) credentials do not expire; only OAuth and bearer-token "
                            + "accounts have an expiry, so remove the parameter")
                }
                if let first = expiryParameter {
                    throw record.invalid(
                        field,
                        "a second expiry after auth.params.\(first); a connection has one expiry, so remove one of them")
                }
                expiryParameter = parameterName
                expiresAt = try Self.time(parameter, field: field, source: source)
            }
        }
        try InputLimits.checkSettingCount(settings.count, field: source.location("auth.params"))
        try InputLimits.checkCredentialCount(credentials.count, field: source.location("auth.params"))

        if let publicKey = record.publicKey {
            if let destination = catalogDestination, !destination.exportsFiles {
                throw record.invalid(
                    "encryption.params.publicKey",
                    "\(destination.name) does not export files, so it takes no encryption key")
            }
            encryptionKey = try EncryptionKey.checked(
                publicKey: publicKey,
                algorithm: record.encryptionAlgorithm ?? EncryptionKey.defaultAlgorithm(for: publicKey),
                keyField: source.location("encryption.params.publicKey"),
                algorithmField: source.location("encryption.params.encryptionAlgo"),
                algorithmMustFitKey: false)
        }
    }

    private mutating func addSetting(
        _ name: String, _ value: String, field: String, source: RecordSource
    ) throws {
        try InputLimits.checkLine(
            value, field: source.location(field), maximumLength: InputLimits.maximumSettingLength)
        settings[name] = value
    }

    /// Parses an authorization date: `YYYY-MM-DD` or an RFC 3339 time.
    /// A string that is neither gets the reason the time parser found (no
    /// offset, no such date, finer than a millisecond), as an expiry does.
    private static func date(
        _ parameter: AuthParameter, field: String, source: RecordSource
    ) throws -> Int64 {
        let expected = "expected a date (YYYY-MM-DD) or an RFC 3339 time (2024-03-03T14:00:00Z, any offset)"
        guard parameter.type == .string else {
            throw source.invalid(field, "\(expected) as a string, found \(parameter.type.rawValue)")
        }
        // Read as a time, digits alone would be a year past 9999.
        if isDigits(parameter.value.value) {
            throw source.invalid(field, "\(expected), found only digits; give the date, not milliseconds")
        }
        do {
            return try Timestamp.milliseconds(from: parameter.value.value)
        } catch .malformed {
            throw source.invalid(field, expected)
        } catch {
            throw source.invalid(field, "\(error)")
        }
    }

    /// Returns whether `text` is a date alone, `YYYY-MM-DD`, which
    /// `Timestamp` reads as midnight UTC.
    private static func isDay(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 10 && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
            && bytes.enumerated().allSatisfy { index, byte in index == 4 || index == 7 || (0x30...0x39).contains(byte) }
    }

    /// Parses an expiry: milliseconds since 1970 as an integer or a string
    /// of digits (negative before 1970), or an RFC 3339 time or a date as a
    /// string. Both forms accept the same range, years 0001 to 9999.
    private static func time(
        _ parameter: AuthParameter, field: String, source: RecordSource
    ) throws -> Int64 {
        let text = parameter.value.value
        switch parameter.type {
        case .integer:
            return try milliseconds(text, field: field, source: source)
        case .string where isDigits(text) || (text.hasPrefix("-") && isDigits(String(text.dropFirst()))):
            // A number is taken as its JSON text, so the same digits quoted
            // are the same milliseconds.
            return try milliseconds(text, field: field, source: source)
        case .string:
            do {
                return try Timestamp.milliseconds(from: text)
            } catch .malformed {
                throw source.invalid(field, "expected an RFC 3339 time or a date (YYYY-MM-DD)")
            } catch {
                throw source.invalid(field, "\(error)")
            }
        case .number, .boolean:
            throw source.invalid(
                field,
                "expected milliseconds since 1970 or an RFC 3339 time, found \(parameter.type.rawValue)")
        }
    }

    private static func milliseconds(_ text: String, field: String, source: RecordSource) throws -> Int64 {
        guard let value = Int64(text),
            (SnapshotReader.minimumMilliseconds...SnapshotReader.maximumMilliseconds).contains(value)
        else {
            throw source.invalid(field, SnapshotReader.millisecondsOutOfRange(text))
        }
        return value
    }

    private static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
