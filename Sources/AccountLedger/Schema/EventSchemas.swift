import Foundation

/// The JSON Schemas of stored events: one for the envelope
/// (`Schemas/envelope.schema.json`) and one per event type and payload schema
/// version (`Schemas/events/<Type>.v<N>.schema.json`).
///
/// ```swift
/// try EventSchemas.bundled.validate(type: "AccountRenamed", schemaVersion: 1, payload: payload)
/// ```
public struct EventSchemas: Sendable {
    /// An event type and payload schema version that has a schema file.
    public struct PayloadSchemaKey: Hashable, Comparable, Sendable {
        public let type: String
        public let schemaVersion: Int

        public init(type: String, schemaVersion: Int) {
            self.type = type
            self.schemaVersion = schemaVersion
        }

        /// The schema's path relative to the `Schemas` folder.
        public var relativePath: String { "events/\(type).v\(schemaVersion).schema.json" }

        public static func < (left: Self, right: Self) -> Bool {
            (left.type, left.schemaVersion) < (right.type, right.schemaVersion)
        }
    }

    /// The envelope schema's file name, which schema violations name.
    static let envelopeFileName = "envelope.schema.json"

    /// The schema of the envelope, in the form `RecordedEvent.json` writes.
    public let envelope: JSONSchema
    /// Payload schemas by event type and schema version.
    public let payloads: [PayloadSchemaKey: JSONSchema]

    /// The schemas shipped with this build.
    public static let bundled: EventSchemas = {
        do {
            return try load(folder: DestinationCatalog.schemaFileURL(""))
        } catch {
            preconditionFailure("the bundled event schemas are invalid: \(error)")
        }
    }()

    /// Loads the envelope schema and every payload schema from a `Schemas` folder.
    ///
    /// - Throws: `JSONSchema.DefinitionError` for a missing or invalid schema
    ///   file, or a file in `events/` whose name is not `<Type>.v<N>.schema.json`.
    public static func load(folder: URL) throws -> EventSchemas {
        let envelope = try JSONSchema(contentsOf: folder.appendingPathComponent(envelopeFileName))
        let eventsFolder = folder.appendingPathComponent("events")
        let names = try FileManager.default.contentsOfDirectory(atPath: eventsFolder.path)
        var payloads: [PayloadSchemaKey: JSONSchema] = [:]
        for name in names.sorted() {
            guard let key = payloadKey(fileName: name) else {
                throw JSONSchema.DefinitionError(path: "events/\(name)", problem: "expected a name of the form <Type>.v<N>.schema.json")
            }
            payloads[key] = try JSONSchema(contentsOf: eventsFolder.appendingPathComponent(name))
        }
        return EventSchemas(envelope: envelope, payloads: payloads)
    }

    /// Parses `AccountRenamed.v1.schema.json` into its type and version.
    static func payloadKey(fileName: String) -> PayloadSchemaKey? {
        let suffix = ".schema.json"
        guard fileName.hasSuffix(suffix) else { return nil }
        let stem = fileName.dropLast(suffix.count)
        guard let marker = stem.range(of: ".v", options: .backwards),
            let version = Int(stem[marker.upperBound...]), version >= 1
        else { return nil }
        let type = String(stem[..<marker.lowerBound])
        guard !type.isEmpty, type.allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
        return PayloadSchemaKey(type: type, schemaVersion: version)
    }

    /// Checks one payload against the schema of its type and version.
    ///
    /// - Parameter position: the stored event's position, named in the error.
    /// - Throws: `LedgerError.schemaViolation` naming the schema file, which
    ///   gives the event type and version, the JSON path of the bad value and
    ///   the problem. It is also thrown when no schema exists for them.
    public func validate(type: String, schemaVersion: Int, payload: JSONValue, position: Int64? = nil) throws {
        let key = PayloadSchemaKey(type: type, schemaVersion: schemaVersion)
        guard let schema = payloads[key] else {
            throw LedgerError.schemaViolation(
                position: position, schema: key.relativePath, path: "$",
                problem: "no schema exists for event type \(type) at schema version \(schemaVersion)")
        }
        if let violation = schema.firstViolation(payload) {
            throw LedgerError.schemaViolation(
                position: position, schema: key.relativePath, path: violation.path, problem: violation.problem)
        }
    }

    /// Checks a stored event: its envelope, then its payload.
    ///
    /// - Throws: `LedgerError.schemaViolation` naming the event's position.
    public func validate(_ event: RecordedEvent) throws {
        try validate(event, json: try event.json)
    }

    /// Checks a stored event whose payload text was parsed into `payload`.
    func validate(_ event: RecordedEvent, payload: JSONValue) throws {
        try validate(event, json: event.json(payload: payload))
    }

    private func validate(_ event: RecordedEvent, json: JSONValue) throws {
        if let violation = envelope.firstViolation(json) {
            throw LedgerError.schemaViolation(
                position: event.position, schema: Self.envelopeFileName, path: violation.path, problem: violation.problem)
        }
        try validate(
            type: event.type, schemaVersion: event.schemaVersion, payload: json["payload"] ?? .null, position: event.position)
    }
}
