/// Turns one base-connection JSON object into a `ConnectionRecord`,
/// checking the type and size of every field it reads.
struct RecordParser {
    let members: [String: JSONValue]
    let fileName: String
    let index: Int

    func record() throws -> ConnectionRecord {
        // Until the id is known to be valid, messages name the record by index only.
        let anonymous = RecordSource(fileName: fileName, index: index, id: nil)
        let id = try requiredString(members, "id", path: "id", source: anonymous)
        try InputLimits.checkIdentifier(id, field: anonymous.location("id"))
        let source = RecordSource(fileName: fileName, index: index, id: id)

        let name = try requiredString(members, "name", path: "name", source: source)
        try InputLimits.checkLine(name, field: source.location("name"))
        let description = try optionalString(members, "description", path: "description", source: source) ?? ""
        try InputLimits.checkText(description, field: source.location("description"))

        let connectionSpec = try requiredObject(members, "connectionSpec", path: "connectionSpec", source: source)
        let specID = try requiredString(connectionSpec, "id", path: "connectionSpec.id", source: source)
        try InputLimits.checkIdentifier(specID, field: source.location("connectionSpec.id"))

        let auth = try requiredObject(members, "auth", path: "auth", source: source)
        let specName = try requiredString(auth, "specName", path: "auth.specName", source: source)
        try InputLimits.checkLine(specName, field: source.location("auth.specName"), maximumLength: InputLimits.maximumIdentifierLength)
        let parameters = try authParameters(auth, source: source)

        var publicKey: String?
        var algorithm: String?
        if let encryption = try optionalObject(members, "encryption", path: "encryption", source: source),
            let params = try optionalObject(encryption, "params", path: "encryption.params", source: source)
        {
            publicKey = try optionalString(params, "publicKey", path: "encryption.params.publicKey", source: source)
            algorithm = try optionalString(params, "encryptionAlgo", path: "encryption.params.encryptionAlgo", source: source)
        }

        let createdBy = try optionalString(members, "createdBy", path: "createdBy", source: source)
        let updatedBy = try optionalString(members, "updatedBy", path: "updatedBy", source: source)
        for (field, value) in [("createdBy", createdBy), ("updatedBy", updatedBy)] {
            if let value {
                try InputLimits.checkLine(value, field: source.location(field))
            }
        }
        let etag = try optionalString(members, "etag", path: "etag", source: source)
        if let etag {
            try InputLimits.checkLine(etag, field: source.location("etag"), maximumLength: SnapshotReader.maximumEtagLength)
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
            createdAt: try milliseconds("createdAt", source: source),
            updatedAt: try milliseconds("updatedAt", source: source),
            createdBy: createdBy,
            updatedBy: updatedBy,
            etag: etag)
    }

    private func authParameters(_ auth: [String: JSONValue], source: RecordSource) throws -> [String: AuthParameter] {
        guard let params = try optionalObject(auth, "params", path: "auth.params", source: source) else {
            return [:]
        }
        var parameters: [String: AuthParameter] = [:]
        for (name, value) in params {
            try InputLimits.checkIdentifier(name, field: source.location("auth.params name"))
            let path = "auth.params.\(name)"
            let parameter: AuthParameter
            switch value {
            case .string(let text):
                // The largest value any kind accepts; each kind checks its own limit later.
                guard text.utf8.count <= InputLimits.maximumSecretBytes else {
                    throw source.invalid(path, "is \(text.utf8.count) bytes; the maximum is \(InputLimits.maximumSecretBytes)")
                }
                parameter = AuthParameter(value: Secret(text), type: .string)
            case .integer:
                parameter = AuthParameter(value: Secret(JSONWriter.canonical(value)), type: .integer)
            case .double:
                parameter = AuthParameter(value: Secret(JSONWriter.canonical(value)), type: .number)
            case .bool:
                parameter = AuthParameter(value: Secret(JSONWriter.canonical(value)), type: .boolean)
            case .null, .array, .object:
                throw source.invalid(path, "expected a string, number or boolean, found \(value.typeName)")
            }
            parameters[name] = parameter
        }
        return parameters
    }

    private func milliseconds(_ key: String, source: RecordSource) throws -> Int64? {
        guard let value = members[key] else { return nil }
        guard let number = value.integerValue else {
            throw source.invalid(key, "expected an integer (milliseconds since 1970), found \(value.typeName)")
        }
        guard number >= 0, number <= SnapshotReader.maximumMilliseconds else {
            throw source.invalid(key, "\(number) is out of range; expected milliseconds since 1970, before the year 10000")
        }
        return number
    }

    // MARK: - Typed members

    private func requiredString(_ object: [String: JSONValue], _ key: String, path: String, source: RecordSource) throws -> String {
        guard let text = try optionalString(object, key, path: path, source: source) else {
            throw source.invalid(path, "missing; a base connection needs it")
        }
        return text
    }

    private func optionalString(_ object: [String: JSONValue], _ key: String, path: String, source: RecordSource) throws -> String? {
        guard let value = object[key] else { return nil }
        guard let text = value.stringValue else {
            throw source.invalid(path, "expected a string, found \(value.typeName)")
        }
        return text
    }

    private func requiredObject(_ object: [String: JSONValue], _ key: String, path: String, source: RecordSource) throws -> [String: JSONValue] {
        guard let members = try optionalObject(object, key, path: path, source: source) else {
            throw source.invalid(path, "missing; a base connection needs it")
        }
        return members
    }

    private func optionalObject(_ object: [String: JSONValue], _ key: String, path: String, source: RecordSource) throws -> [String: JSONValue]? {
        guard let value = object[key] else { return nil }
        guard let members = value.objectValue else {
            throw source.invalid(path, "expected an object, found \(value.typeName)")
        }
        return members
    }
}
