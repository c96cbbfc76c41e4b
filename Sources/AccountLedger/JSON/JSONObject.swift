/// The members of a JSON object: each name once, kept in the order they were
/// added.
///
/// Payloads and account states have a handful of members each, and reading
/// a stream parses thousands of them. Searching a short array costs less than
/// hashing every name into a dictionary, which took an eighth of the time of
/// a stream read. Equality and hashing ignore member order, as for a
/// dictionary; `JSONWriter.canonical` sorts names when it writes.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (key: String, value: JSONValue)

    /// One member: its name and value in one element, so an object costs
    /// one allocation, not one for names and another for values.
    struct Member: Sendable {
        var name: String
        var value: JSONValue
    }

    private var members: [Member]

    public init() {
        members = []
    }

    public init(_ dictionary: [String: JSONValue]) {
        members = dictionary.map { Member(name: $0.key, value: $0.value) }
    }

    /// An object with the keys of `dictionary`, each value made JSON by `transform`.
    public init<Value>(_ dictionary: [String: Value], _ transform: (Value) throws -> JSONValue) rethrows {
        members = try dictionary.map { Member(name: $0.key, value: try transform($0.value)) }
    }

    /// Creates an object from a literal; a later member with the same name
    /// replaces the earlier one.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init()
        for (name, value) in elements {
            self[name] = value
        }
    }

    /// Takes members the caller knows to have distinct names, such as a
    /// parser that has checked for duplicates, without searching.
    init(distinctMembers members: [Member]) {
        self.members = members
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.name) }
    public var values: [JSONValue] { members.map(\.value) }

    public subscript(name: String) -> JSONValue? {
        get {
            // Comparing lengths first skips most names without a string
            // comparison, a call Swift does not inline: such calls were a
            // tenth of validating stored events against their schemas.
            let length = name.utf8.count
            for member in members where member.name.utf8.count == length && member.name == name {
                return member.value
            }
            return nil
        }
        set {
            if let index = members.firstIndex(where: { $0.name == name }) {
                if let newValue {
                    members[index].value = newValue
                } else {
                    members.remove(at: index)
                }
            } else if let newValue {
                members.append(Member(name: name, value: newValue))
            }
        }
    }

    /// Removes the member named `name` and returns its value, if it had one.
    @discardableResult
    public mutating func removeValue(forKey name: String) -> JSONValue? {
        let value = self[name]
        self[name] = nil
        return value
    }

    public func makeIterator() -> some IteratorProtocol<Element> {
        members.lazy.map { (key: $0.name, value: $0.value) }.makeIterator()
    }

    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        JSONObject(distinctMembers: try members.map { Member(name: $0.name, value: try transform($0.value)) })
    }

    /// Returns a dictionary of the members whose values `transform` keeps.
    public func compactMapValues<T>(_ transform: (JSONValue) throws -> T?) rethrows -> [String: T] {
        var result: [String: T] = [:]
        for member in members {
            result[member.name] = try transform(member.value)
        }
        return result
    }

    public static func == (left: JSONObject, right: JSONObject) -> Bool {
        guard left.count == right.count else { return false }
        return left.members.allSatisfy { right[$0.name] == $0.value }
    }

    /// Combines the members' hashes with an addition, which does not depend
    /// on their order, so equal objects hash alike.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for member in members {
            var memberHasher = Hasher()
            memberHasher.combine(member.name)
            memberHasher.combine(member.value)
            combined &+= memberHasher.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}
