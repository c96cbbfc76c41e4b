#if canImport(Glibc)
import Glibc
#endif
import AccountLedger
import Foundation

/// Standard streams and the environment, passed to commands so the CLI has
/// one place that touches the process.
final class Terminal {
    let environment: [String: String]
    /// Names of the variables whose values are not valid UTF-8. `ProcessInfo`
    /// repairs such values, so for them `environment` contains replaced text.
    let environmentNamesNotUTF8: Set<String>
    /// Standard input read but not yet returned by `readStandardInputLine`.
    private var standardInputBuffer: [UInt8] = []
    private var standardInputIsAtEnd = false
    private var standardInputLinesRead = 0
    /// Whether the process started with standard input closed.
    private let standardInputWasClosed: Bool

    init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        environmentNamesNotUTF8: Set<String> = Terminal.processEnvironmentNamesNotUTF8()
    ) {
        self.environment = environment
        self.environmentNamesNotUTF8 = environmentNamesNotUTF8
        standardInputWasClosed = fcntl(STDIN_FILENO, F_GETFD) == -1 && errno == EBADF
        if standardInputWasClosed {
            // The next file opened would get descriptor 0 and be read as
            // standard input, so /dev/null takes that place.
            _ = open("/dev/null", O_RDONLY)
        }
    }

    /// Returns the value of environment variable `name`, nil when unset.
    ///
    /// - Throws: `LedgerError.invalidInput` when the value is not valid
    ///   UTF-8, because a repaired secret would be a different secret.
    func environmentText(_ name: String) throws -> String? {
        guard !environmentNamesNotUTF8.contains(name) else {
            throw LedgerError.invalidInput(
                location: "environment variable \(name)",
                problem: "is not valid UTF-8; a repaired value would be a different secret")
        }
        return environment[name]
    }

    /// Reads the process's environment as bytes and returns the names of
    /// the variables whose values are not valid UTF-8.
    static func processEnvironmentNamesNotUTF8() -> Set<String> {
        var names: Set<String> = []
        var entry = environ
        while let pointer = entry.pointee {
            let bytes = UnsafeBufferPointer(start: pointer, count: strlen(pointer)).map { UInt8(bitPattern: $0) }
            if String(validating: bytes, as: UTF8.self) == nil, let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
                names.insert(String(decoding: bytes[..<equals], as: UTF8.self))
            }
            entry += 1
        }
        return names
    }

    var standardInputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// The user name of the process's real user id, from the password database.
    var loginName: String? {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
    var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Standard output not yet written. Output is buffered because one
    /// write call per line made listing 10,000 accounts several times
    /// slower than building the list.
    private var outputBuffer: [UInt8] = []
    private static let outputBufferLimit = 64 * 1024

    func write(_ text: String) {
        outputBuffer.append(contentsOf: text.utf8)
        if outputBuffer.count >= Self.outputBufferLimit {
            flush()
        }
    }

    func writeLine(_ text: String = "") {
        outputBuffer.append(contentsOf: text.utf8)
        outputBuffer.append(UInt8(ascii: "\n"))
        if outputBuffer.count >= Self.outputBufferLimit {
            flush()
        }
    }

    /// The `errno` of the write to standard output that failed. Later
    /// output is dropped.
    private(set) var outputFailure: Int32?

    /// The outcome of a change the command committed, in the words of its
    /// output, or nil when it committed none. When standard output fails,
    /// the error repeats it, because the output that showed it (such as a
    /// new account's id) is lost and a retry would make the change twice.
    private(set) var committedChange: String?

    /// Records a change that is committed, and so stays made even when
    /// standard output cannot be written.
    func recordCommittedChange(_ summary: String) {
        committedChange = summary
    }

    /// Ledgers the command opened. They stay open until `closeLedgers`, so
    /// that a command writes its result before closing a ledger, which runs
    /// SQLite's checkpoint and removes the -wal and -shm files. Without this,
    /// Swift may release a ledger right after its last use, before the
    /// result line is written.
    private var openLedgers: [Ledger] = []

    /// Keeps `ledger` open until the command's output is written.
    func keepOpenUntilOutputIsWritten(_ ledger: Ledger) {
        openLedgers.append(ledger)
    }

    /// Closes the ledgers the command kept open.
    func closeLedgers() {
        openLedgers.removeAll()
    }

    /// Writes buffered standard output. It runs before every write to
    /// standard error and before the process exits, so the two streams keep
    /// their order on a terminal.
    func flush() {
        guard !outputBuffer.isEmpty else { return }
        if outputFailure == nil {
            outputFailure = Self.writeAll(outputBuffer, to: STDOUT_FILENO)
            // `ledger accounts | head -1` is no failure worth a message, and
            // the rest of a long export would go nowhere, so a command that
            // stored nothing ends quietly with status 141, as it did when
            // SIGPIPE was not ignored.
            if outputFailure == EPIPE && committedChange == nil {
                signal(SIGPIPE, SIG_DFL)
                raise(SIGPIPE)
            }
        }
        outputBuffer.removeAll(keepingCapacity: true)
    }

    func writeError(_ text: String) {
        flush()
        _ = Self.writeAll(Array((text + "\n").utf8), to: STDERR_FILENO)
    }

    /// Writes to standard error without a line end, for a progress line
    /// that redraws itself after a carriage return.
    func writeErrorWithoutNewline(_ text: String) {
        flush()
        _ = Self.writeAll(Array(text.utf8), to: STDERR_FILENO)
    }

    /// Writes every byte to `descriptor` and returns nil, or the `errno` of
    /// the failed write.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        do {
            try FileDescriptorIO.writeAll(bytes, to: descriptor)
            return nil
        } catch {
            return error.code
        }
    }

    /// Reads all of standard input as bytes, up to `maximumBytes`.
    ///
    /// - Parameter tooLarge: the problem text when standard input contains
    ///   more; the rest is left unread.
    /// - Throws: `LedgerError.invalidInput` when standard input cannot be
    ///   read, as when it is a folder or closed, or is too large.
    func readStandardInput(maximumBytes: Int, tooLarge: String) throws -> [UInt8] {
        try checkStandardInputIsOpen()
        let bytes: [UInt8]?
        do {
            bytes = try FileDescriptorIO.readToEnd(STDIN_FILENO, maximumBytes: maximumBytes)
        } catch {
            throw LedgerError.unreadable("standard input", error)
        }
        guard let bytes else {
            throw LedgerError.invalidInput(location: "standard input", problem: tooLarge)
        }
        return bytes
    }

    /// Throws `LedgerError.invalidInput` when the process started with
    /// standard input closed, as by `<&-` in a shell.
    func checkStandardInputIsOpen() throws {
        guard !standardInputWasClosed else {
            throw LedgerError.unreadable("standard input", FileDescriptorIO.Failure(code: EBADF))
        }
    }

    /// Returns the next line of standard input, without its line ending,
    /// or nil at the end of the input. Several secrets can be piped in one
    /// after another, one per line.
    ///
    /// Standard input is read only up to the end of the line, and at most
    /// `maximumBytes` plus a carriage return and a line feed, so a huge or
    /// endless input is rejected without being read to its end.
    ///
    /// - Throws: `LedgerError.invalidInput` naming the line when it is
    ///   longer than `maximumBytes` or not valid UTF-8 (a repaired value
    ///   would be a different secret), or when standard input cannot be read.
    func readStandardInputLine(maximumBytes: Int) throws -> String? {
        try checkStandardInputIsOpen()
        let window = maximumBytes + 2
        while !standardInputIsAtEnd && !standardInputBuffer.contains(UInt8(ascii: "\n")) {
            guard standardInputBuffer.count < window else {
                throw LedgerError.invalidInput(
                    location: "standard input line \(standardInputLinesRead + 1)",
                    problem: "is longer than \(maximumBytes) bytes, the maximum for a secret; the rest was not read")
            }
            let chunk: [UInt8]
            do {
                chunk = try FileDescriptorIO.read(STDIN_FILENO, upTo: window - standardInputBuffer.count)
            } catch {
                throw LedgerError.unreadable("standard input", error)
            }
            if chunk.isEmpty {
                standardInputIsAtEnd = true
            } else {
                standardInputBuffer.append(contentsOf: chunk)
            }
        }
        guard !standardInputBuffer.isEmpty else { return nil }
        var line: [UInt8]
        if let newline = standardInputBuffer.firstIndex(of: UInt8(ascii: "\n")) {
            line = Array(standardInputBuffer[..<newline])
            standardInputBuffer.removeSubrange(...newline)
        } else {
            line = standardInputBuffer
            standardInputBuffer = []
        }
        if line.last == UInt8(ascii: "\r") {
            line.removeLast()
        }
        standardInputLinesRead += 1
        guard let text = String(validating: line, as: UTF8.self) else {
            throw LedgerError.invalidInput(
                location: "standard input line \(standardInputLinesRead)", problem: "is not valid UTF-8")
        }
        return text
    }

    /// The maximum number of bytes of one line that a Linux terminal in
    /// canonical mode passes on: its 4,096-byte line buffer keeps the last
    /// byte for the line end.
    static let terminalLineBytes = 4_095

    /// Prompts on the terminal and reads one line with echo turned off.
    /// Returns nil when standard input is not a terminal or is at its end.
    ///
    /// - Throws: `LedgerError.invalidInput` naming `field` when the line is
    ///   not valid UTF-8, because a repaired value would be a different
    ///   secret, fingerprinted without a word, or when it is longer than
    ///   `maximumBytes`, or when it reaches `terminalLineBytes` and may have
    ///   been cut short. The rest of such a line is discarded unread.
    func readWithoutEcho(prompt: String, field: String, maximumBytes: Int) throws -> String? {
        guard standardInputIsTerminal else { return nil }
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        EchoRestorer.install(original)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        // The prompt comes after echo is off, so nothing typed in reply to
        // it can be echoed or discarded by the flush.
        flush()
        _ = Self.writeAll(Array(prompt.utf8), to: STDERR_FILENO)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            EchoRestorer.remove()
            _ = Self.writeAll(Array("\n".utf8), to: STDERR_FILENO)
        }
        guard var line = readTerminalLine(maximumBytes: maximumBytes + 1) else {
            throw LedgerError.invalidInput(
                location: "the \(field) typed at the prompt", problem: "the input ended before a line was typed")
        }
        if line.last == UInt8(ascii: "\r") {
            line.removeLast()
        }
        // In canonical mode Linux keeps at most 4,095 bytes of a line and
        // drops what is typed or pasted after them, so a line that long may
        // be cut short, and its fingerprint would match nothing.
        guard line.count < Self.terminalLineBytes else {
            throw LedgerError.invalidInput(
                location: "the \(field) typed at the prompt",
                problem: "reached \(Self.terminalLineBytes) bytes, the most a terminal line holds, so it may have been cut short; "
                    + "pass a secret this long through --secret \(field)=stdin from a file or a pipe, or env:NAME")
        }
        // The flush that turns echo back on discards the unread rest, so
        // none of it reaches the shell as a command.
        guard line.count <= maximumBytes else {
            throw LedgerError.invalidInput(
                location: "the \(field) typed at the prompt",
                problem: "is longer than \(maximumBytes) bytes, the maximum for a secret")
        }
        guard let text = String(validating: line, as: UTF8.self) else {
            throw LedgerError.invalidInput(location: "the \(field) typed at the prompt", problem: "is not valid UTF-8; set the terminal to UTF-8 and type it again")
        }
        return text
    }

    /// Reads bytes from standard input up to a line end, which it drops,
    /// and stops after `maximumBytes + 1` bytes without one, so the caller
    /// sees a line that is too long. Returns nil when the input ends before
    /// any byte.
    private func readTerminalLine(maximumBytes: Int) -> [UInt8]? {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while line.count <= maximumBytes {
            let count = read(STDIN_FILENO, &byte, 1)
            if count < 0 && errno == EINTR {
                continue
            }
            if count <= 0 {
                return line.isEmpty ? nil : line
            }
            if byte == UInt8(ascii: "\n") {
                return line
            }
            line.append(byte)
        }
        return line
    }
}
