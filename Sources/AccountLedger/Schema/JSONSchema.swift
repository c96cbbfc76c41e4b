import Foundation

/// A JSON Schema (the draft 2020-12 subset the ledger's own schemas use),
/// checked and compiled once so that validating many documents is cheap.
///
/// Supported keywords: `type` (a name or a list of names), `properties`,
/// `required`, `additionalProperties` (`false` or a schema), `items`,
/// `minItems`, `enum`, `const`, `pattern`, `minLength`, `maxLength`,
/// `minimum`, `maximum`, `anyOf`, `$ref` to `#/$defs/NAME` (definitions at
/// the root only), and the boolean schemas `true` and `false`. Annotations
/// (`$schema`, `$id`, `title`, `description`) are ignored. Any other keyword is rejected
/// when the schema is loaded, so a schema never relies on a check that this
/// validator would silently skip.
///
/// ```swift
/// let schema = try JSONSchema(JSONParser.parse(#"{"type": "string", "minLength": 1}"#))
/// try schema.validate(.string(""))  // throws: $: is 0 code points long; the minimum is 1
/// ```
public struct JSONSchema: Sendable {
    /// A schema that cannot be compiled: where in the schema, and why.
    public struct DefinitionError: Error, Equatable, CustomStringConvertible, Sendable {
        /// The location inside the schema document, such as `$.properties.name`.
        public let path: String
        public let problem: String

        public init(path: String, problem: String) {
            self.path = path
            self.problem = problem
        }

        public var description: String { "schema \(path): \(problem)" }
    }

    /// One way a document fails the schema, with the JSON path of the value.
    public struct Violation: Error, Equatable, CustomStringConvertible, Sendable {
        /// The location inside the validated document, such as `$.changes[0].name`.
        public let path: String
        public let problem: String

        public init(path: String, problem: String) {
            self.path = path
            self.problem = problem
        }

        public var description: String { "\(path): \(problem)" }
    }

    private let root: SchemaNode
    private let definitions: [String: SchemaNode]

    /// Compiles a schema document.
    ///
    /// - Throws: `DefinitionError` for an unsupported keyword, a malformed
    ///   keyword value, an invalid pattern or a `$ref` to a missing definition.
    public init(_ document: JSONValue) throws {
        var definitions: [String: SchemaNode] = [:]
        if let defs = document["$defs"] {
            guard let members = defs.objectValue else {
                throw DefinitionError(path: "$.$defs", problem: "must be an object")
            }
            for (name, definition) in members {
                definitions[name] = try SchemaNode.compile(definition, path: "$.$defs.\(name)")
            }
        }
        self.root = try SchemaNode.compile(document, path: "$")
        self.definitions = definitions
        for reference in root.references + definitions.values.flatMap(\.references)
        where definitions[reference.name] == nil {
            throw DefinitionError(path: reference.path, problem: "$ref names #/$defs/\(reference.name), which is not defined")
        }
    }

    /// Loads and compiles a schema file.
    ///
    /// - Throws: `DefinitionError` naming the file for unreadable or invalid JSON,
    ///   or any error of `init(_:)`.
    public init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DefinitionError(path: url.lastPathComponent, problem: "cannot read the schema file")
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(Array(data))
        } catch {
            throw DefinitionError(path: url.lastPathComponent, problem: "not valid JSON: \(error)")
        }
        do {
            try self.init(document)
        } catch let error as DefinitionError {
            throw DefinitionError(path: "\(url.lastPathComponent) \(error.path)", problem: error.problem)
        }
    }

    /// Checks `instance` against the schema.
    ///
    /// - Throws: the first `Violation` found, in document order where the
    ///   schema allows one.
    public func validate(_ instance: JSONValue) throws {
        if let violation = firstViolation(instance) {
            throw violation
        }
    }

    /// Returns the first violation of `instance`, or nil when it is valid.
    public func firstViolation(_ instance: JSONValue) -> Violation? {
        root.firstViolation(instance, path: { "$" }, definitions: definitions)
    }
}
