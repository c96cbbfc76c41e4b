import Foundation

/// Runs the built `ledger` executable as a child process, for tests of the
/// command line itself (exit statuses, time zones, signals, races).
///
/// `swift test` builds every target of the package, the executable
/// included, into the folder of the test bundle (`.build/debug` or
/// `.build/release`), which is where this looks for it.
enum LedgerProcess {
    /// The outcome of one run: exit status and both output streams.
    struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String
        /// Whether a signal ended the process, as against an exit with
        /// status 128 or more.
        var endedBySignal = false
        /// Both streams, for checks that something appears in neither.
        var combined: String { standardOutput + standardError }
    }

    /// A started process whose output goes to files, because a child that
    /// fills a pipe that is not being read blocks forever.
    final class Running {
        let process: Process
        let folder: URL

        init(process: Process, folder: URL) {
            self.process = process
            self.folder = folder
        }

        /// Waits for the process to exit and collects its output.
        func wait() throws -> Output {
            process.waitUntilExit()
            defer { try? FileManager.default.removeItem(at: folder) }
            let output = try Data(contentsOf: folder.appendingPathComponent("stdout"))
            let error = try Data(contentsOf: folder.appendingPathComponent("stderr"))
            // A process ended by a signal gets 128 plus its number, as
            // shells report it; Foundation gives the number alone.
            let status = process.terminationReason == .uncaughtSignal
                ? 128 + process.terminationStatus : process.terminationStatus
            return Output(
                status: status,
                standardOutput: String(decoding: output, as: UTF8.self),
                standardError: String(decoding: error, as: UTF8.self),
                endedBySignal: process.terminationReason == .uncaughtSignal)
        }
    }

    /// The `ledger` binary that `swift build` puts beside the test bundle,
    /// which on Linux is the running executable.
    static var executableURL: URL {
        let testExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return testExecutable.deletingLastPathComponent().appendingPathComponent("ledger")
    }

    /// Returns an unstarted `ledger` process with `arguments`; the environment
    /// holds only PATH, HOME, LANG and `environment`, so the caller's
    /// `$LEDGER_DB` or `$LEDGER_KEY` cannot leak in.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        try process(executableURL, arguments, environment: environment)
    }

    private static func process(_ program: URL, _ arguments: [String], environment: [String: String]) throws -> Process {
        guard FileManager.default.isExecutableFile(atPath: executableURL.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [
                NSLocalizedDescriptionKey: "no ledger executable at \(executableURL.path); run `swift build` or `swift test`",
            ])
        }
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        var merged = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "LANG": "C.UTF-8"]
        merged.merge(environment) { _, new in new }
        process.environment = merged
        return process
    }

    /// Starts `process` with `input` on standard input and its output in files.
    static func launch(_ process: Process, input: [UInt8]) throws -> Running {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let inputURL = folder.appendingPathComponent("stdin")
        let outputURL = folder.appendingPathComponent("stdout")
        let errorURL = folder.appendingPathComponent("stderr")
        try Data(input).write(to: inputURL)
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        process.standardInput = try FileHandle(forReadingFrom: inputURL)
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        try process.run()
        return Running(process: process, folder: folder)
    }

    /// Starts `ledger` without waiting, so several can run at once.
    static func launch(_ arguments: [String], environment: [String: String] = [:], input: [UInt8] = []) throws -> Running {
        try launch(start(arguments, environment: environment), input: input)
    }

    /// Runs `ledger` to completion, feeding `input` on standard input.
    static func run(_ arguments: [String], environment: [String: String] = [:], input: String = "") throws -> Output {
        try launch(arguments, environment: environment, input: Array(input.utf8)).wait()
    }

    /// Runs `ledger` to completion with raw bytes on standard input.
    static func run(_ arguments: [String], environment: [String: String] = [:], inputBytes: [UInt8]) throws -> Output {
        try launch(arguments, environment: environment, input: inputBytes).wait()
    }

    /// Runs a `/bin/sh` script with the executable's path in `$LEDGER`, for
    /// arguments that a Swift string cannot carry, such as invalid UTF-8.
    static func runShell(_ script: String, environment: [String: String] = [:]) throws -> Output {
        var environment = environment
        environment["LEDGER"] = executableURL.path
        let shell = try process(URL(fileURLWithPath: "/bin/sh"), ["-c", script], environment: environment)
        return try launch(shell, input: []).wait()
    }
}
