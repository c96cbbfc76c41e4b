import Foundation

/// Known destinations and platform authentication specs, read from
/// `Schemas/catalog.json`.
public struct DestinationCatalog: Sendable {
    /// One destination the platform can export to.
    public struct Destination: Equatable, Sendable {
        public let id: String
        public let name: String
        /// The platform's connection spec id, when known.
        public let connectionSpecID: String?
        /// Allowed connection types; the first is the default.
        public let connectionTypes: [ConnectionType]
        /// Whether the destination exports files, which may be encrypted.
        public let exportsFiles: Bool
    }

    /// One platform `auth.specName` and what its parameters are.
    public struct AuthSpec: Equatable, Sendable {
        /// The role of one auth parameter in an import.
        public enum ParameterKind: String, Sendable {
            case identity
            case setting
            case secret
            case expiry
        }

        public let specName: String
        public let connectionType: ConnectionType
        public let parameters: [String: ParameterKind]
        /// Parameters whose masked last four code points are kept.
        public let hintParameters: Set<String>
        /// The connection type's credential field that a secret parameter
        /// fills (`s3SecretKey` -> `secretKey`), so imported accounts and
        /// accounts made by `ledger connect` hold the same field names.
        public let credentialFields: [String: String]

        public init(
            specName: String,
            connectionType: ConnectionType,
            parameters: [String: ParameterKind],
            hintParameters: Set<String> = [],
            credentialFields: [String: String] = [:]
        ) {
            self.specName = specName
            self.connectionType = connectionType
            self.parameters = parameters
            self.hintParameters = hintParameters
            self.credentialFields = credentialFields
        }

        /// Returns how a parameter is stored. A parameter the catalog does
        /// not list is a secret, so an unexpected credential is never kept
        /// in clear, unless it has one of the names in `commonKinds`.
        public func kind(of parameter: String) -> ParameterKind {
            parameters[parameter] ?? Self.commonKinds[parameter] ?? .secret
        }

        /// Kinds of parameters by the names that mean the same on every
        /// spec. The audit trail keeps changes of fields with these names in
        /// clear, so a secret stored under one of them would be printed as
        /// its fingerprint and missed by `who-used`.
        static let commonKinds: [String: ParameterKind] = [
            "username": .identity, "expiresAt": .expiry, "expirationDate": .expiry, "authorizedAt": .setting,
        ]

        /// Returns the credential name a secret parameter is stored under:
        /// its field when the catalog names one, else the platform's name.
        public func credentialField(of parameter: String) -> String {
            credentialFields[parameter] ?? parameter
        }
    }

    public let destinations: [Destination]
    public let authSpecs: [AuthSpec]

    /// Returns the destination with `id`, if the catalog lists it.
    public func destination(id: String) -> Destination? {
        destinations.first { $0.id == id }
    }

    /// Returns the destination with the platform's connection spec id.
    public func destination(connectionSpecID: String) -> Destination? {
        let wanted = connectionSpecID.lowercased()
        return destinations.first { $0.connectionSpecID?.lowercased() == wanted }
    }

    /// Returns the auth spec for a `specName`, ignoring case, spaces,
    /// hyphens and underscores, because the platform spells the same spec
    /// several ways (`OAuth2 Refresh Code`, `oAuth2RefreshCode`).
    public func authSpec(named specName: String) -> AuthSpec? {
        let wanted = Self.normalize(specName)
        return authSpecs.first { Self.normalize($0.specName) == wanted }
    }

    static func normalize(_ specName: String) -> String {
        String(specName.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    // MARK: - Loading

    /// The catalog shipped with this build.
    public static let bundled: DestinationCatalog = {
        do {
            return try load(from: schemaFileURL("catalog.json"))
        } catch {
            preconditionFailure("the bundled catalog is invalid: \(error)")
        }
    }()

    /// Returns the URL of a file in the bundled `Schemas` folder.
    public static func schemaFileURL(_ relativePath: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent("Schemas").appendingPathComponent(relativePath)
    }

    /// Loads a catalog file.
    ///
    /// - Throws: `LedgerError.invalidInput` naming the file and the entry at fault.
    public static func load(from url: URL) throws -> DestinationCatalog {
        let location = url.lastPathComponent
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw LedgerError.invalidInput(location: url.path, problem: "cannot read the catalog file")
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(Array(data))
        } catch {
            throw LedgerError.invalidInput(location: "\(location) \(error)", problem: "not valid JSON")
        }
        var destinations: [Destination] = []
        for (index, entry) in (json["destinations"]?.arrayValue ?? []).enumerated() {
            let types = (entry["connectionTypes"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(ConnectionType.init) }
            guard let id = entry["id"]?.stringValue, let name = entry["name"]?.stringValue, !types.isEmpty else {
                throw LedgerError.invalidInput(location: "\(location) destinations[\(index)]", problem: "needs id, name and connectionTypes")
            }
            destinations.append(Destination(
                id: id, name: name,
                connectionSpecID: entry["connectionSpecId"]?.stringValue,
                connectionTypes: types,
                exportsFiles: entry["exportsFiles"]?.boolValue ?? false))
        }
        var authSpecs: [AuthSpec] = []
        for (index, entry) in (json["authSpecs"]?.arrayValue ?? []).enumerated() {
            guard let specName = entry["specName"]?.stringValue,
                let type = entry["connectionType"]?.stringValue.flatMap(ConnectionType.init)
            else {
                throw LedgerError.invalidInput(location: "\(location) authSpecs[\(index)]", problem: "needs specName and connectionType")
            }
            var parameters: [String: AuthSpec.ParameterKind] = [:]
            var hints: Set<String> = []
            var fields: [String: String] = [:]
            for (parameter, description) in entry["parameters"]?.objectValue ?? [:] {
                let place = "\(location) authSpecs[\(index)].parameters.\(parameter)"
                guard let kind = description["kind"]?.stringValue.flatMap(AuthSpec.ParameterKind.init) else {
                    throw LedgerError.invalidInput(location: place, problem: "unknown kind")
                }
                parameters[parameter] = kind
                if description["hint"]?.boolValue == true {
                    hints.insert(parameter)
                }
                if let field = description["field"] {
                    fields[parameter] = try checkedField(field, kind: kind, type: type, place: place)
                }
            }
            authSpecs.append(AuthSpec(
                specName: specName, connectionType: type, parameters: parameters, hintParameters: hints,
                credentialFields: fields))
        }
        return DestinationCatalog(destinations: destinations, authSpecs: authSpecs)
    }

    /// Returns the `field` of a parameter entry after checking that it names
    /// a credential of the spec's connection type, so an import never makes
    /// a field that `ledger edit` would not know.
    private static func checkedField(
        _ field: JSONValue, kind: AuthSpec.ParameterKind, type: ConnectionType, place: String
    ) throws -> String {
        let known = type.credentialFields.filter { $0.kind == .secret }.map(\.name)
        guard kind == .secret else {
            throw LedgerError.invalidInput(
                location: "\(place).field", problem: "only a secret parameter maps to a credential field")
        }
        guard let name = field.stringValue, known.contains(name) else {
            let list = known.isEmpty ? "none" : known.joined(separator: ", ")
            throw LedgerError.invalidInput(
                location: "\(place).field",
                problem: "\(JSONWriter.canonical(field)) is not a credential of \(type.rawValue) accounts; their credentials are: \(list)")
        }
        return name
    }
}
