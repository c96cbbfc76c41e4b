import Foundation

/// The `--name value` options and `--flag` switches of the tools in
/// `tools/`. A missing, unknown or malformed value prints one `Error:`
/// line and ends the tool with status 2.
public struct ToolOptions {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    /// Parses `arguments` (without the program name). `--help` prints
    /// `usage` and ends the tool with status 0.
    public init(_ arguments: [String], options: Set<String>, flags knownFlags: Set<String> = [], usage: String) {
        if arguments.contains("--help") || arguments.contains("-h") {
            print(usage)
            exit(0)
        }
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            let name = String(argument.drop(while: { $0 == "-" }))
            if knownFlags.contains(name) {
                flags.insert(name)
                continue
            }
            guard options.contains(name), argument.hasPrefix("--") else {
                Self.fail("unknown option \(argument)")
            }
            guard let value = remaining.popFirst() else {
                Self.fail("\(argument) needs a value")
            }
            values[name] = value
        }
    }

    public func has(_ flag: String) -> Bool {
        flags.contains(flag)
    }

    public func string(_ name: String) -> String? {
        values[name]
    }

    /// Returns the option as `T`, or `fallback` when it is absent.
    public func number<T: LosslessStringConvertible>(_ name: String, default fallback: T) -> T {
        guard let text = values[name] else { return fallback }
        guard let value = T(text) else {
            Self.fail("invalid --\(name) \(text): expected a number")
        }
        return value
    }

    private static func fail(_ message: String) -> Never {
        writeToStandardError("Error: \(message)\n")
        exit(2)
    }
}
