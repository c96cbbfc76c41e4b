/// A command line split into options, flags and positional arguments,
/// checked against what the command declares.
struct ParsedArguments {
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    /// Parses `arguments` (without the command name).
    ///
    /// - Parameters:
    ///   - options: names (without `--`) that take a value, given as
    ///     `--name value` or `--name=value`; repeating one keeps every value.
    ///   - flags: names that take no value.
    /// - Throws: `UsageError` for an unknown option, a missing value, or a
    ///   value given to a flag.
    init(_ arguments: [String], options: Set<String>, flags: Set<String>) throws {
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("--") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if flags.contains(name) {
                guard inlineValue == nil else {
                    throw UsageError("option --\(name) takes no value")
                }
                self.flags.insert(name)
            } else if options.contains(name) {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else {
                    guard index < arguments.count else {
                        throw UsageError("option --\(name) needs a value")
                    }
                    value = arguments[index]
                    index += 1
                }
                values[name, default: []].append(value)
            } else {
                throw UsageError("unknown option --\(name)")
            }
        }
    }

    /// Returns the last value given for an option, if any.
    func value(_ name: String) -> String? {
        values[name]?.last
    }

    /// Returns every value given for a repeatable option, in order.
    func allValues(_ name: String) -> [String] {
        values[name] ?? []
    }

    func has(_ flag: String) -> Bool {
        flags.contains(flag)
    }
}

/// A command line that does not fit the command's usage.
struct UsageError: Error, CustomStringConvertible {
    let message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
}
