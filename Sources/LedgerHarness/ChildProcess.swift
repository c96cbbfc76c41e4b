import Foundation

/// Runs a program as a real child process with files for its output, so
/// crash, concurrency and fuzz runs see the same binary a user runs.
public struct ChildProcess: Sendable {
    /// The end of a child process: its status and what it printed.
    public struct Outcome: Sendable {
        /// The exit status, or the signal number when `wasSignaled`.
        public var status: Int32
        public var wasSignaled: Bool
        public var standardOutput: String
        public var standardError: String
    }

    public let executable: URL
    public let environment: [String: String]
    /// The child's working folder; nil keeps the caller's.
    public var currentDirectory: URL?

    /// - Parameter environment: the whole environment of the child, apart
    ///   from PATH and HOME, so a caller's `$LEDGER_DB` cannot leak in.
    public init(executable: URL, environment: [String: String] = [:]) {
        self.executable = executable
        var merged = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        merged.merge(environment) { _, new in new }
        self.environment = merged
    }

    /// Runs the program to completion, feeding `input` on standard input.
    public func run(_ arguments: [String], input: String = "") throws -> Outcome {
        try run(arguments, input: input, killAfter: nil)
    }

    /// Runs the program and sends it SIGKILL after `killAfter` seconds if it
    /// is still running then.
    public func run(_ arguments: [String], input: String = "", killAfter delay: Double?) throws -> Outcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputURL = folder.appendingPathComponent("stdout")
        let errorURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        if let currentDirectory {
            process.currentDirectoryURL = currentDirectory
        }
        let inputPipe = Pipe()
        process.standardInput = inputPipe
        // Files, not pipes, take the output: a child that fills a pipe nobody
        // reads would block forever.
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        // A child that exits before reading its input closes the pipe. Writing
        // to it then raises SIGPIPE, whose default action ends this process
        // silently, so the signal is ignored and the write fails with EPIPE.
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        try? inputPipe.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        try? inputPipe.fileHandleForWriting.close()
        if let delay {
            usleep(useconds_t(max(0, delay) * 1_000_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
            }
        }
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            wasSignaled: process.terminationReason == .uncaughtSignal,
            standardOutput: (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "")
    }

    /// The `ledger` binary beside the running executable, where `swift build`
    /// puts every product of the package.
    public static var ledgerBesideThisExecutable: URL {
        let running = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return running.deletingLastPathComponent().appendingPathComponent("ledger")
    }
}
