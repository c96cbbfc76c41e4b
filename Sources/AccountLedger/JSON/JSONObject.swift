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

    private var names: [String]
    private var contents: [JSONValue]

    public init() {
        names = []
        contents = []
    }

    public init(_ dictionary: [String: JSONValue]) {
        names = Array(dictionary.keys)
        contents = names.map { dictionary[$0]! }
    }

    /// An object with the keys of `dictionary`, each value made JSON by `transform`.
    public init<Value>(_ dictionary: [String: Value], _ transform: (Value) throws -> JSONValue) rethrows {
        names = Array(dictionary.keys)
        contents = try names.map { try transform(dictionary[$0]!) }
    }

    /// A later member with the same name replaces the earlier one.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init()
        for (name, value) in elements {
            self[name] = value
        }
    }

    /// Takes members the caller knows to have distinct names, such as a
    /// parser that has checked for duplicates, without searching.
    init(distinctNames names: [String], values: [JSONValue]) {
        precondition(names.count == values.count, "one value per member name")
        self.names = names
        contents = values
    }

    public var count: Int { names.count }
    public var isEmpty: Bool { names.isEmpty }
    public var keys: [String] { names }
    public var values: [JSONValue] { contents }

    public subscript(name: String) -> JSONValue? {
        get { names.firstIndex(of: name).map { contents[$0] } }
        set {
            if let index = names.firstIndex(of: name) {
                if let newValue {
                    contents[index] = newValue
                } else {
                    names.remove(at: index)
                    contents.remove(at: index)
                }
            } else if let newValue {
                names.append(name)
                contents.append(newValue)
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
        zip(names, contents).lazy.map { (key: $0, value: $1) }.makeIterator()
    }

    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        JSONObject(distinctNames: names, values: try contents.map(transform))
    }

    /// A dictionary of the members whose values `transform` keeps.
    public func compactMapValues<T>(_ transform: (JSONValue) throws -> T?) rethrows -> [String: T] {
        var result: [String: T] = [:]
        for (name, value) in zip(names, contents) {
            result[name] = try transform(value)
        }
        return result
    }

    public static func == (left: JSONObject, right: JSONObject) -> Bool {
        guard left.count == right.count else { return false }
        return zip(left.names, left.contents).allSatisfy { right[$0] == $1 }
    }

    /// Combines the members' hashes with an addition, which does not depend
    /// on their order, so equal objects hash alike.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for (name, value) in zip(names, contents) {
            var memberHasher = Hasher()
            memberHasher.combine(name)
            memberHasher.combine(value)
            combined &+= memberHasher.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}
