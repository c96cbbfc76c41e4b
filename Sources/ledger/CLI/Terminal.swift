#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Standard streams and the environment, passed to commands so the CLI has
/// one place that touches the process.
final class Terminal {
    let environment: [String: String]
    private var standardInputLines: [String]?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    func writeLine(_ text: String = "") {
        write(text + "\n")
    }

    func writeError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes to standard error without a line end, for a progress line
    /// that redraws itself after a carriage return.
    func writeErrorWithoutNewline(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Reads all of standard input as bytes.
    func readStandardInput() -> [UInt8] {
        Array(FileHandle.standardInput.readDataToEndOfFile())
    }

    /// Returns the next line of standard input, without its line ending.
    /// Standard input is read whole on first use, so several secrets can be
    /// piped in one after another.
    func readStandardInputLine() -> String? {
        if standardInputLines == nil {
            let text = String(decoding: readStandardInput(), as: UTF8.self)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
            }
            if lines.last == "" {
                lines.removeLast()
            }
            standardInputLines = lines
        }
        guard var lines = standardInputLines, !lines.isEmpty else { return nil }
        let first = lines.removeFirst()
        standardInputLines = lines
        return first
    }

    /// Prompts on the terminal and reads one line with echo turned off.
    func readWithoutEcho(prompt: String) -> String? {
        guard standardInputIsTerminal else { return nil }
        FileHandle.standardError.write(Data(prompt.utf8))
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return Swift.readLine(strippingNewline: true)
    }
}
