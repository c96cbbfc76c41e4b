import AccountLedger
import Foundation

/// The process's command-line arguments, decoded strictly.
///
/// `CommandLine.arguments` replaces invalid UTF-8 with U+FFFD, which would
/// store a name or id different from the bytes the user passed. Decoding
/// `argv` here lets the CLI reject such input instead.
enum ProcessArguments {
    /// Returns the arguments after the program name.
    ///
    /// - Throws: `LedgerError.invalidInput` naming the first argument that is
    ///   not valid UTF-8, by the option it belongs to when there is one.
    static func decoded() throws -> [String] {
        var arguments: [String] = []
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { break }
            let bytes = UnsafeBufferPointer(start: pointer, count: strlen(pointer)).map { UInt8(bitPattern: $0) }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw LedgerError.invalidInput(
                    location: location(ofArgument: index, bytes: bytes, previous: arguments.last),
                    problem: "is not valid UTF-8; pass text encoded as UTF-8")
            }
            arguments.append(text)
        }
        return arguments
    }

    /// Names an argument by its option (`--name VALUE` or `--name=VALUE`)
    /// where it has one, else by its position.
    private static func location(ofArgument index: Int, bytes: [UInt8], previous: String?) -> String {
        let repaired = String(decoding: bytes, as: UTF8.self)
        if repaired.hasPrefix("--"), let equals = repaired.firstIndex(of: "=") {
            return "the value of \(repaired[..<equals])"
        }
        if let previous, previous.hasPrefix("--"), !previous.contains("=") {
            return "the value of \(previous)"
        }
        return "argument \(index)"
    }
}
