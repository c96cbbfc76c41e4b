import Foundation

/// One compiled (sub)schema of a `JSONSchema`: its keywords checked and
/// parsed, its pattern compiled.
///
/// It is immutable after compilation. A pattern may hold an
/// `NSRegularExpression`, which is not marked `Sendable`, but matching with
/// a compiled expression is thread-safe, which is why the class is
/// `@unchecked Sendable`.
final class SchemaNode: @unchecked Sendable {
    /// A `$ref` found while compiling, checked against `$defs` afterwards.
    struct Reference {
        let name: String
        let path: String
    }

    static let annotations: Set<String> = ["$schema", "$id", "$comment", "title", "description", "$defs"]
    static let keywords: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "minItems", "enum", "const",
        "pattern", "minLength", "maxLength", "minimum", "maximum", "$ref", "anyOf",
    ]
    /// A JSON Schema type name, as an enum so that checking the type of a
    /// value compares no strings.
    enum InstanceType: String, CaseIterable {
        case null, boolean, integer, number, string, array, object
    }

    private(set) var types: [InstanceType]?
    /// Member schemas by name, in an array searched in order: hashing every
    /// member name of every validated object cost more than comparing a few
    /// names.
    private(set) var properties: [(name: String, schema: SchemaNode)] = []
    private(set) var required: [String] = []
    /// nil allows any extra member; `.some(nil)` forbids them (`false`).
    private(set) var additionalProperties: SchemaNode??
    private(set) var items: SchemaNode?
    private(set) var minItems: Int?
    private(set) var allowedValues: [JSONValue]?
    private(set) var constant: JSONValue?
    private(set) var pattern: StringPattern?
    private(set) var minLength: Int?
    private(set) var maxLength: Int?
    private(set) var minimum: Double?
    private(set) var maximum: Double?
    private(set) var referenceName: String?
    /// Alternatives of which at least one must match (`anyOf`).
    private(set) var alternatives: [SchemaNode]?
    /// Whether this is the schema `false`, which no value matches.
    private(set) var rejectsEverything = false
    /// Every `$ref` in this node and below.
    private(set) var references: [Reference] = []

    private init() {}

    /// Returns the schema of the member named `name`, if `properties` lists it.
    func property(named name: String) -> SchemaNode? {
        let length = name.utf8.count
        // Comparing lengths first skips most names without a string comparison.
        for property in properties where property.name.utf8.count == length && property.name == name {
            return property.schema
        }
        return nil
    }

    // MARK: - Compiling

    static func compile(_ schema: JSONValue, path: String) throws -> SchemaNode {
        func invalid(_ keyword: String, _ problem: String) -> JSONSchema.DefinitionError {
            JSONSchema.DefinitionError(path: "\(path).\(keyword)", problem: problem)
        }
        let node = SchemaNode()
        if schema == .bool(true) {
            return node
        }
        if schema == .bool(false) {
            node.rejectsEverything = true
            return node
        }
        guard let members = schema.objectValue else {
            throw JSONSchema.DefinitionError(path: path, problem: "a schema must be an object, true or false")
        }
        for keyword in members.keys.sorted() where !annotations.contains(keyword) && !keywords.contains(keyword) {
            throw invalid(keyword, "unsupported keyword; this validator knows \(keywords.sorted().joined(separator: ", "))")
        }

        if let type = members["type"] {
            let names = type.stringValue.map { [$0] } ?? type.arrayValue?.compactMap(\.stringValue)
            let types = names?.compactMap(InstanceType.init(rawValue:))
            guard let names, let types, !types.isEmpty, types.count == names.count,
                names.count == (type.arrayValue?.count ?? 1)
            else {
                let known = InstanceType.allCases.map(\.rawValue).sorted().joined(separator: ", ")
                throw invalid("type", "expected a type name or a list of them: \(known)")
            }
            node.types = types
        }
        if let properties = members["properties"] {
            guard let list = properties.objectValue else { throw invalid("properties", "must be an object") }
            for (name, subschema) in list {
                let child = try compile(subschema, path: "\(path).properties.\(name)")
                node.properties.append((name, child))
                node.references += child.references
            }
        }
        if let required = members["required"] {
            guard let names = required.arrayValue?.compactMap(\.stringValue), names.count == required.arrayValue?.count else {
                throw invalid("required", "must be a list of member names")
            }
            node.required = names
        }
        if let additional = members["additionalProperties"] {
            if additional == .bool(false) {
                node.additionalProperties = .some(nil)
            } else {
                let child = try compile(additional, path: "\(path).additionalProperties")
                node.additionalProperties = .some(child)
                node.references += child.references
            }
        }
        if let items = members["items"] {
            let child = try compile(items, path: "\(path).items")
            node.items = child
            node.references += child.references
        }
        node.minItems = try count(members["minItems"], invalid("minItems", "must be an integer, 0 or more"))
        if let values = members["enum"] {
            guard let list = values.arrayValue, !list.isEmpty else { throw invalid("enum", "must be a non-empty list") }
            node.allowedValues = list
        }
        node.constant = members["const"]
        if let pattern = members["pattern"] {
            guard let source = pattern.stringValue else { throw invalid("pattern", "must be a string") }
            do {
                node.pattern = try StringPattern(source)
            } catch {
                throw invalid("pattern", "\(source) is not a valid regular expression")
            }
        }
        node.minLength = try count(members["minLength"], invalid("minLength", "must be an integer, 0 or more"))
        node.maxLength = try count(members["maxLength"], invalid("maxLength", "must be an integer, 0 or more"))
        node.minimum = try number(members["minimum"], invalid("minimum", "must be a number"))
        node.maximum = try number(members["maximum"], invalid("maximum", "must be a number"))
        if let anyOf = members["anyOf"] {
            guard let list = anyOf.arrayValue, !list.isEmpty else { throw invalid("anyOf", "must be a non-empty list of schemas") }
            node.alternatives = try list.enumerated().map { offset, alternative in
                let child = try compile(alternative, path: "\(path).anyOf[\(offset)]")
                node.references += child.references
                return child
            }
        }
        if let reference = members["$ref"] {
            let prefix = "#/$defs/"
            guard let text = reference.stringValue, text.hasPrefix(prefix), text.count > prefix.count else {
                throw invalid("$ref", "only references of the form #/$defs/NAME are supported")
            }
            let name = String(text.dropFirst(prefix.count))
            node.referenceName = name
            node.references.append(Reference(name: name, path: "\(path).$ref"))
        }
        return node
    }

    private static func count(_ value: JSONValue?, _ error: JSONSchema.DefinitionError) throws -> Int? {
        guard let value else { return nil }
        guard let number = value.integerValue, number >= 0 else { throw error }
        return Int(number)
    }

    private static func number(_ value: JSONValue?, _ error: JSONSchema.DefinitionError) throws -> Double? {
        switch value {
        case nil: return nil
        case .integer(let number): return Double(number)
        case .double(let number): return number
        default: throw error
        }
    }
}
