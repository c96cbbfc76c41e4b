/// Writes the canonical text of `AccountState.json` directly, without
/// building the `JSONValue` tree and sorting its keys, because every event
/// stores its account's state and building the tree was the largest cost of
/// an append. `AccountStateJSONTests` keeps the two forms byte-identical.
extension AccountState {
    /// The same text as `JSONWriter.canonical(json)`.
    var canonicalJSONText: String {
        var writer = MemberWriter()
        // Members in the byte order of their names, as canonical JSON sorts them.
        writer.integer("authorizedAt", authorizedAt)
        writer.string("connectionType", connectionType.rawValue)
        writer.integer("createdAt", createdAt)
        writer.name("credentials")
        Self.writeObject(credentials, into: &writer.output) { fingerprint, output in
            output.append("{\"fingerprint\":")
            output.appendQuoted(fingerprint.hex)
            if let hint = fingerprint.hint {
                output.append(",\"hint\":")
                output.appendQuoted(hint)
            }
            output.append(UInt8(ascii: "}"))
        }
        writer.integer("credentialsChangedAt", credentialsChangedAt)
        writer.name("dataflows")
        writer.output.append(UInt8(ascii: "["))
        for (offset, dataflow) in dataflows.sorted().enumerated() {
            if offset > 0 { writer.output.append(UInt8(ascii: ",")) }
            writer.output.appendQuoted(dataflow)
        }
        writer.output.append(UInt8(ascii: "]"))
        writer.integer("deletedAt", deletedAt)
        writer.string("description", description)
        writer.string("destination", destination)
        if let encryptionKey {
            writer.name("encryptionKey")
            writer.output.append("{\"algorithm\":")
            writer.output.appendQuoted(encryptionKey.algorithm)
            writer.output.append(",\"fingerprint\":")
            writer.output.appendQuoted(encryptionKey.fingerprint)
            writer.output.append(UInt8(ascii: "}"))
        }
        writer.integer("expiresAt", expiresAt)
        writer.string("id", id)
        writer.name("isDeleted")
        writer.output.append(isDeleted ? "true" : "false")
        writer.integer("lastPosition", lastPosition)
        writer.string("name", name)
        writer.name("settings")
        Self.writeObject(settings, into: &writer.output) { value, output in
            output.appendQuoted(value)
        }
        writer.string("sourceEtag", sourceEtag)
        writer.integer("updatedAt", updatedAt)
        writer.string("username", username)
        writer.integer("version", Int64(version))
        writer.output.append(UInt8(ascii: "}"))
        return writer.output.text
    }

    private static func writeObject<Value>(
        _ members: [String: Value],
        into output: inout JSONBytes,
        _ writeValue: (Value, inout JSONBytes) -> Void
    ) {
        output.append(UInt8(ascii: "{"))
        let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (offset, key) in keys.enumerated() {
            if offset > 0 { output.append(UInt8(ascii: ",")) }
            output.appendQuoted(key)
            output.append(UInt8(ascii: ":"))
            writeValue(members[key]!, &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    /// Writes `"name":value` members, skipping nil values as `json` omits them.
    private struct MemberWriter {
        var output: JSONBytes
        var isFirst = true

        init() {
            output = JSONBytes(capacity: 768)
            output.append(UInt8(ascii: "{"))
        }

        /// Writes the separator and the quoted member name, ready for its value.
        mutating func name(_ name: String) {
            if !isFirst { output.append(UInt8(ascii: ",")) }
            isFirst = false
            output.appendQuoted(name)
            output.append(UInt8(ascii: ":"))
        }

        mutating func string(_ name: String, _ value: String?) {
            guard let value else { return }
            self.name(name)
            output.appendQuoted(value)
        }

        mutating func integer(_ name: String, _ value: Int64?) {
            guard let value else { return }
            self.name(name)
            output.append(value)
        }
    }
}
