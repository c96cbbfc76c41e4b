import Foundation

extension CommandLineLedger {
    static let hasStrace = FileManager.default.isExecutableFile(atPath: "/usr/bin/strace")

    /// Runs `ledger` under strace, which sends `signal` to it when it makes
    /// system call `call` for the `count`th time, so the signal lands at the
    /// same step on every run.
    @discardableResult
    func runStopped(
        at call: String,
        count: Int,
        signal: String,
        _ arguments: [String],
        input: String = ""
    ) throws -> LedgerProcess.Output {
        let inputFile = folder.appendingPathComponent("input-\(UUID().uuidString)")
        try input.write(to: inputFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: inputFile) }
        let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
        let script = """
            strace -f -o /dev/null -e trace=\(call) -e inject=\(call):signal=\(signal):when=\(count) \
            "$LEDGER" \(quoted) < '\(inputFile.path)'
            """
        return try runShell(script)
    }
}
