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
    ///     `--name value` or `--name=value`.
    ///   - repeatable: the options among `options` that may be given more
    ///     than once, each keeping every value in order.
    ///   - flags: names that take no value.
    /// - Throws: `UsageError` for an unknown option, a missing value, a
    ///   value given to a flag, or an option that is not repeatable given
    ///   twice. Keeping only the last value would let a save record an
    ///   actor, reason or expected version other than the one the user
    ///   meant, so the user must choose.
    init(_ arguments: [String], options: Set<String>, repeatable: Set<String>, flags: Set<String>) throws {
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
                guard values[name] == nil || repeatable.contains(name) else {
                    // The values are not quoted: either may be a secret.
                    throw UsageError("--\(name) given twice; give it once")
                }
                values[name, default: []].append(value)
            } else if name == "version" {
                // Many tools take --version after any command; this one
                // prints its version only as the first argument.
                throw UsageError("unknown option --version; run `ledger --version` to print this build's version")
            } else if let suggestion = OptionSuggestion.closest(to: name, among: options.union(flags)) {
                throw UsageError("unknown option --\(name); did you mean --\(suggestion)?")
            } else {
                throw UsageError("unknown option --\(name)")
            }
        }
    }

    /// Returns the value given for an option that is not repeatable, if any.
    func value(_ name: String) -> String? {
        values[name]?.first
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
