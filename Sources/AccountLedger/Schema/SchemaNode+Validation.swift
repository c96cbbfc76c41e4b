import Foundation

extension SchemaNode {
    /// Returns the first violation of `instance` at `path`, or nil.
    ///
    /// The path is a closure, called only to report a violation: building
    /// every member's path text on success was a fifth of validating an
    /// event.
    ///
    /// Members are visited in a fixed order (required ones as listed, then
    /// the rest sorted by name), so the same document always reports the
    /// same violation.
    func firstViolation(_ instance: JSONValue, path: () -> String, definitions: [String: SchemaNode]) -> JSONSchema.Violation? {
        func violation(_ problem: String) -> JSONSchema.Violation {
            JSONSchema.Violation(path: path(), problem: problem)
        }
        if rejectsEverything {
            return violation("no value is allowed here")
        }
        if let referenceName, let definition = definitions[referenceName],
            let found = definition.firstViolation(instance, path: path, definitions: definitions)
        {
            return found
        }
        if let types, !types.contains(where: { Self.matches(instance, type: $0) }) {
            return violation("expected \(types.map(\.rawValue).joined(separator: " or ")), found \(instance.typeName)")
        }
        if let allowedValues, !allowedValues.contains(instance) {
            let list = allowedValues.map(JSONWriter.canonical).joined(separator: ", ")
            return violation("\(JSONWriter.canonical(instance)) is not one of the allowed values: \(list)")
        }
        if let constant, constant != instance {
            return violation("must be \(JSONWriter.canonical(constant)), found \(JSONWriter.canonical(instance))")
        }
        if let alternatives {
            let failures = alternatives.compactMap { $0.firstViolation(instance, path: path, definitions: definitions) }
            if failures.count == alternatives.count {
                return violation("matches none of the anyOf schemas: " + failures.map(\.description).joined(separator: "; "))
            }
        }
        switch instance {
        case .string(let text):
            return stringViolation(text).map(violation)
        case .integer(let number):
            return numberViolation(Double(number)).map(violation)
        case .double(let number):
            return numberViolation(number).map(violation)
        case .numberText(let text):
            // Text beyond Double's range converts to an infinity, which is on its side of any bound.
            return Double(text).flatMap(numberViolation).map(violation)
        case .object(let members):
            return objectViolation(members, path: path, definitions: definitions)
        case .array(let elements):
            return arrayViolation(elements, path: path, definitions: definitions)
        case .null, .bool:
            return nil
        }
    }

    static func matches(_ instance: JSONValue, type: InstanceType) -> Bool {
        switch (type, instance) {
        case (.null, .null), (.boolean, .bool), (.string, .string), (.array, .array), (.object, .object):
            return true
        case (.integer, .integer), (.number, .integer), (.number, .double), (.number, .numberText):
            return true
        case (.integer, .numberText(let text)):
            return JSONValue.isIntegerText(text) || Double(text).map { $0.isFinite && $0.rounded() == $0 } == true
        case (.integer, .double(let number)):
            // JSON Schema counts 1.0 as an integer: the type is about the value.
            return number.rounded() == number && number.isFinite
        default:
            return false
        }
    }

    private func stringViolation(_ text: String) -> String? {
        // JSON Schema measures strings in code points, not grapheme
        // clusters: every UTF-8 byte but a continuation byte starts one.
        // A code point takes one to four bytes, so the byte count alone
        // settles most strings without counting.
        let bytes = text.utf8.count
        let settled = (bytes + 3) / 4 >= (minLength ?? 0) && bytes <= (maxLength ?? .max)
        let length = settled ? 0 : text.utf8.count { $0 & 0xC0 != 0x80 }
        if !settled, let minLength, length < minLength {
            return "is \(InputLimits.codePoints(length)) long; the minimum is \(minLength)"
        }
        if !settled, let maxLength, length > maxLength {
            return "is \(InputLimits.codePoints(length)) long; the maximum is \(maxLength)"
        }
        if let pattern, !pattern.matches(text) {
            return "does not match the pattern \(pattern.source)"
        }
        return nil
    }

    private func numberViolation(_ number: Double) -> String? {
        if let minimum, number < minimum {
            return "is \(Self.format(number)); the minimum is \(Self.format(minimum))"
        }
        if let maximum, number > maximum {
            return "is \(Self.format(number)); the maximum is \(Self.format(maximum))"
        }
        return nil
    }

    private static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    private func objectViolation(
        _ members: JSONObject,
        path: () -> String,
        definitions: [String: SchemaNode]
    ) -> JSONSchema.Violation? {
        for name in required where members[name] == nil {
            return JSONSchema.Violation(path: path(), problem: "missing required member \(name)")
        }
        // Most documents are valid: check the members in storage order
        // first, and sort them only to name the first violation.
        let anyViolation = members.contains { name, value in
            if let property = property(named: name) {
                return property.firstViolation(value, path: path, definitions: definitions) != nil
            }
            switch additionalProperties {
            case .none: return false
            case .some(.none): return true
            case .some(.some(let schema)): return schema.firstViolation(value, path: path, definitions: definitions) != nil
            }
        }
        guard anyViolation else { return nil }
        for name in members.keys.sorted() {
            func memberPath() -> String { Self.memberPath(path(), name) }
            let value = members[name]!
            if let property = property(named: name) {
                if let found = property.firstViolation(value, path: memberPath, definitions: definitions) {
                    return found
                }
                continue
            }
            switch additionalProperties {
            case .none:
                continue
            case .some(.none):
                let allowed = properties.map(\.name).sorted().joined(separator: ", ")
                return JSONSchema.Violation(path: memberPath(), problem: "unknown member; allowed members are: \(allowed)")
            case .some(.some(let schema)):
                if let found = schema.firstViolation(value, path: memberPath, definitions: definitions) {
                    return found
                }
            }
        }
        return nil
    }

    private func arrayViolation(
        _ elements: [JSONValue],
        path: () -> String,
        definitions: [String: SchemaNode]
    ) -> JSONSchema.Violation? {
        if let minItems, elements.count < minItems {
            return JSONSchema.Violation(path: path(), problem: "has \(elements.count) items; the minimum is \(minItems)")
        }
        guard let items else { return nil }
        for (index, element) in elements.enumerated() {
            if let found = items.firstViolation(element, path: { "\(path())[\(index)]" }, definitions: definitions) {
                return found
            }
        }
        return nil
    }

    /// Appends a member name to a path: `.name` for plain names, `["a b"]` for others.
    static func memberPath(_ path: String, _ name: String) -> String {
        // Byte ranges, because building `CharacterSet.alphanumerics` on every
        // member made it the costliest step of validating a payload.
        let isPlain = !name.isEmpty && name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
        if isPlain {
            return "\(path).\(name)"
        }
        var quoted = ""
        JSONWriter.writeString(name, into: &quoted)
        return "\(path)[\(quoted)]"
    }
}
