import AccountLedger

/// Structure-aware mutations of a JSON document: each changes one value,
/// key or container somewhere in the tree, in ways a snapshot could be wrong.
struct JSONMutator {
    /// Values that stress types, ranges, encodings and lengths.
    static func strangeValue(using generator: inout SeededGenerator) -> JSONValue {
        let choices: [JSONValue] = [
            .null, true, false, 0, -1, .integer(Int64.max), .integer(Int64.min), .double(1e308), .double(-0.5),
            "", " ", "\u{0}", "\u{FEFF}", "é", "\u{1F600}", "\u{202E}evil", .string(String(repeating: "x", count: 5_000)),
            "1970-01-01", "not a date", "9999-12-31T23:59:59Z", "\"quoted\"", "null", [], [:], [1, 2], ["a": "b"],
        ]
        return choices[Int.random(in: 0..<choices.count, using: &generator)]
    }

    static let interestingKeys = [
        "id", "name", "description", "updatedAt", "createdAt", "updatedBy", "etag", "auth", "specName", "params",
        "connectionSpec", "encryption", "publicKey", "items", "state", "username", "password", "token",
    ]

    /// Returns `value` with one random mutation applied.
    static func mutate(_ value: JSONValue, using generator: inout SeededGenerator) -> JSONValue {
        var paths: [[PathStep]] = []
        collectPaths(value, prefix: [], into: &paths)
        let target = paths[Int.random(in: 0..<paths.count, using: &generator)]
        return rewrite(value, at: target[...]) { node in
            mutateNode(node, using: &generator)
        }
    }

    enum PathStep {
        case key(String)
        case index(Int)
    }

    private static func collectPaths(_ value: JSONValue, prefix: [PathStep], into paths: inout [[PathStep]]) {
        paths.append(prefix)
        switch value {
        case .object(let members):
            // Sorted, because Swift seeds dictionary order per process and a
            // seed must pick the same path in every run.
            for key in members.keys.sorted() {
                collectPaths(members[key]!, prefix: prefix + [.key(key)], into: &paths)
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                collectPaths(element, prefix: prefix + [.index(index)], into: &paths)
            }
        default:
            break
        }
    }

    private static func rewrite(_ value: JSONValue, at path: ArraySlice<PathStep>, _ change: (JSONValue) -> JSONValue) -> JSONValue {
        guard let step = path.first else { return change(value) }
        switch (step, value) {
        case (.key(let key), .object(var members)):
            if let member = members[key] {
                members[key] = rewrite(member, at: path.dropFirst(), change)
            }
            return .object(members)
        case (.index(let index), .array(var elements)):
            if elements.indices.contains(index) {
                elements[index] = rewrite(elements[index], at: path.dropFirst(), change)
            }
            return .array(elements)
        default:
            return value
        }
    }

    private static func mutateNode(_ node: JSONValue, using generator: inout SeededGenerator) -> JSONValue {
        switch node {
        case .object(var members):
            let keys = members.keys.sorted()
            switch Int.random(in: 0..<5, using: &generator) {
            case 0 where !keys.isEmpty:
                members.removeValue(forKey: keys[Int.random(in: 0..<keys.count, using: &generator)])
            case 1:
                let key = interestingKeys[Int.random(in: 0..<interestingKeys.count, using: &generator)]
                members[key] = strangeValue(using: &generator)
            case 2 where !keys.isEmpty:
                let key = keys[Int.random(in: 0..<keys.count, using: &generator)]
                members[key.uppercased()] = members.removeValue(forKey: key)
            case 3:
                return .array([node])
            default:
                return strangeValue(using: &generator)
            }
            return .object(members)
        case .array(var elements):
            switch Int.random(in: 0..<4, using: &generator) {
            case 0 where !elements.isEmpty:
                elements.append(elements[Int.random(in: 0..<elements.count, using: &generator)])
            case 1 where !elements.isEmpty:
                elements.remove(at: Int.random(in: 0..<elements.count, using: &generator))
            case 2:
                elements.reverse()
            default:
                elements.append(strangeValue(using: &generator))
            }
            return .array(elements)
        case .string(let text):
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: return .string(text.uppercased())
            case 1: return .string(text + text)
            case 2: return .string(String(text.dropLast()))
            default: return strangeValue(using: &generator)
            }
        case .integer(let number):
            let deltas: [Int64] = [1, -1, 1000, -86_400_000, 86_400_000 * 365]
            let delta = deltas[Int.random(in: 0..<deltas.count, using: &generator)]
            return .integer(number.addingReportingOverflow(delta).partialValue)
        default:
            return strangeValue(using: &generator)
        }
    }
}
