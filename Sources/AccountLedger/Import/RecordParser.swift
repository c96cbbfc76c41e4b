/// Turns one base-connection JSON object into a `ConnectionRecord`,
/// checking the type and size of every field it reads.
struct RecordParser {
    let members: JSONObject
    let fileName: String
    let index: Int

    /// The members of a record object that the importer reads.
    static let recordMembers = [
        "id", "name", "description", "connectionSpec", "auth", "encryption",
        "createdAt", "updatedAt", "createdBy", "updatedBy", "etag",
    ]

    /// The maximum number of auth parameters in one record: the settings and
    /// credential fields of an account at their caps, a username, an expiry
    /// and `authorizedDate`. A longer list is rejected before any parameter
    /// is read.
    static let maximumParameters =
        InputLimits.maximumSettingsPerAccount + InputLimits.maximumCredentialsPerAccount + 3

    func record() throws -> ConnectionRecord {
        // Until the id is known to be valid, messages name the record by index only.
        let anonymous = FieldReader(source: RecordSource(fileName: fileName, index: index, id: nil))
        let id = try anonymous.requiredString(members, "id")
        try InputLimits.checkIdentifier(id, field: anonymous.source.location("id"))
        let fields = FieldReader(source: RecordSource(fileName: fileName, index: index, id: id))
        let source = fields.source
        try MisspeltMemberCheck.check(members, readNames: Self.recordMembers, path: "", source: source)
        // Unlike other unread members, `items` is rejected: a record that has
        // one is likely a list response nested by mistake, whose records
        // would be lost without a word.
        if members["items"] != nil {
            throw source.invalid(
                "items",
                "a base connection has no items member; a list response cannot be nested in a record, "
                    + "so remove it or import the inner list as a file of its own")
        }

        let name = try fields.requiredString(members, "name")
        try InputLimits.checkLine(name, field: source.location("name"))
        let description = try fields.optionalString(members, "description") ?? ""
        try InputLimits.checkText(description, field: source.location("description"))

        let connectionSpec = try fields.requiredObject(members, "connectionSpec")
        try MisspeltMemberCheck.check(connectionSpec, readNames: ["id"], path: "connectionSpec.", source: source)
        let specID = try fields.requiredString(connectionSpec, "connectionSpec.id")
        try InputLimits.checkIdentifier(specID, field: source.location("connectionSpec.id"))

        let auth = try fields.requiredObject(members, "auth")
        try MisspeltMemberCheck.check(auth, readNames: ["specName", "params"], path: "auth.", source: source)
        let specName = try fields.requiredString(auth, "auth.specName")
        try InputLimits.checkLine(
            specName, field: source.location("auth.specName"),
            maximumLength: InputLimits.maximumIdentifierLength)
        let parameters = try authParameters(auth, fields: fields)

        var publicKey: String?
        var algorithm: String?
        if let encryption = try fields.optionalObject(members, "encryption"),
            let params = try fields.optionalObject(encryption, "encryption.params")
        {
            try MisspeltMemberCheck.check(
                params, readNames: ["publicKey", "encryptionAlgo"], path: "encryption.params.", source: source)
            publicKey = try fields.optionalString(params, "encryption.params.publicKey")
            algorithm = try fields.optionalString(params, "encryption.params.encryptionAlgo")
        }

        // Trimmed as every actor is, so `audit --actor bob` finds " bob ".
        let createdBy = try fields.optionalString(members, "createdBy")?.trimmingWhitespace()
        let updatedBy = try fields.optionalString(members, "updatedBy")?.trimmingWhitespace()
        for (field, value) in [("createdBy", createdBy), ("updatedBy", updatedBy)] {
            if let value {
                try InputLimits.checkLine(value, field: source.location(field))
            }
        }
        let etag = try fields.optionalString(members, "etag")
        if let etag {
            try InputLimits.checkLine(
                etag, field: source.location("etag"), maximumLength: SnapshotReader.maximumEtagLength)
        }

        return ConnectionRecord(
            source: source,
            id: id,
            name: name,
            description: description,
            connectionSpecID: specID,
            authSpecName: specName,
            parameters: parameters,
            publicKey: publicKey,
            encryptionAlgorithm: algorithm,
            createdAt: try fields.optionalMilliseconds(members, "createdAt"),
            updatedAt: try fields.optionalMilliseconds(members, "updatedAt"),
            createdBy: createdBy,
            updatedBy: updatedBy,
            etag: etag)
    }

    private func authParameters(
        _ auth: JSONObject, fields: FieldReader
    ) throws -> [String: AuthParameter] {
        guard let params = try fields.optionalObject(auth, "auth.params") else {
            return [:]
        }
        guard params.count <= Self.maximumParameters else {
            throw fields.source.invalid(
                "auth.params",
                "has \(params.count) parameters, but at most \(Self.maximumParameters) fit in one account "
                    + "(\(InputLimits.maximumSettingsPerAccount) settings, \(InputLimits.maximumCredentialsPerAccount) "
                    + "credential fields, a username, an expiry and \(ImportedAccount.authorizedDateParameter))")
        }
        var parameters: [String: AuthParameter] = [:]
        for (name, value) in params {
            try InputLimits.checkIdentifier(name, field: fields.source.location("auth.params name"))
            let path = "auth.params.\(name)"
            // No size check here: the catalog decides later whether the value
            // is a secret, a setting or an identity, and each kind checks its own limit.
            let parameter: AuthParameter
            switch value {
            case .string(let text):
                parameter = AuthParameter(value: Secret(text), type: .string)
            case .numberText(let text):
                let type: AuthParameter.ValueType = JSONValue.isIntegerText(text) ? .integer : .number
                parameter = AuthParameter(value: Secret(text), type: type)
            case .integer, .double:
                // SnapshotReader parses with keepsNumberText, so numbers arrive as text.
                preconditionFailure("snapshot numbers are parsed as text")
            case .bool(let flag):
                parameter = AuthParameter(value: Secret(flag ? "true" : "false"), type: .boolean)
            case .null, .array, .object:
                throw fields.source.invalid(
                    path, "expected a string, number or boolean, found \(value.typeName)")
            }
            parameters[name] = parameter
        }
        return parameters
    }
}

/// Typed access to the members of a record's objects. Each accessor takes
/// the member's path in the record (`auth.specName`) and reads its last
/// component from `object`, so errors name the whole path.
private struct FieldReader {
    let source: RecordSource

    func requiredString(_ object: JSONObject, _ path: String) throws -> String {
        guard let text = try optionalString(object, path) else {
            throw source.invalid(path, "missing; a base connection needs it")
        }
        return text
    }

    func optionalString(_ object: JSONObject, _ path: String) throws -> String? {
        guard let value = member(object, path) else { return nil }
        guard let text = value.stringValue else {
            throw source.invalid(path, "expected a string, found \(value.typeName)")
        }
        return text
    }

    func requiredObject(_ object: JSONObject, _ path: String) throws -> JSONObject {
        guard let members = try optionalObject(object, path) else {
            throw source.invalid(path, "missing; a base connection needs it")
        }
        return members
    }

    func optionalObject(_ object: JSONObject, _ path: String) throws -> JSONObject? {
        guard let value = member(object, path) else { return nil }
        guard let members = value.objectValue else {
            throw source.invalid(path, "expected an object, found \(value.typeName)")
        }
        return members
    }

    func optionalMilliseconds(_ object: JSONObject, _ path: String) throws -> Int64? {
        guard let value = member(object, path) else { return nil }
        guard value.typeName == "integer" else {
            throw source.invalid(
                path, "expected an integer (milliseconds since 1970), found \(value.typeName)")
        }
        guard let number = value.integerValue,
            (SnapshotReader.minimumMilliseconds...SnapshotReader.maximumMilliseconds).contains(number)
        else {
            throw source.invalid(path, SnapshotReader.millisecondsOutOfRange(JSONWriter.canonical(value)))
        }
        return number
    }

    private func member(_ object: JSONObject, _ path: String) -> JSONValue? {
        let key = path.split(separator: ".").last.map(String.init) ?? path
        return object[key]
    }
}
