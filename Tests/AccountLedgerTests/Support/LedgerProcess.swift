import Foundation

/// Runs the built `ledger` executable as a child process, for tests of the
/// command line itself (exit statuses, time zones, signals).
enum LedgerProcess {
    struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The `ledger` binary that `swift build` puts beside the test bundle,
    /// which on Linux is the running executable.
    static var executableURL: URL {
        let testExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return testExecutable.deletingLastPathComponent().appendingPathComponent("ledger")
    }

    /// Starts `ledger` with `arguments`; the environment holds only PATH,
    /// HOME and `environment`, so the caller's `$LEDGER_DB` cannot leak in.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = executableURL
        process.arguments = arguments
        var merged = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        merged.merge(environment) { _, new in new }
        process.environment = merged
        return process
    }

    /// Runs `ledger` to completion, feeding `input` on standard input.
    static func run(_ arguments: [String], environment: [String: String] = [:], input: String = "") throws -> Output {
        let process = try start(arguments, environment: environment)
        // Files, not pipes, take the output: a child that fills a pipe nobody
        // reads would block forever.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputURL = folder.appendingPathComponent("stdout")
        let errorURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let inputPipe = Pipe()
        process.standardInput = inputPipe
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        try process.run()
        inputPipe.fileHandleForWriting.write(Data(input.utf8))
        try inputPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            standardOutput: try String(contentsOf: outputURL, encoding: .utf8),
            standardError: try String(contentsOf: errorURL, encoding: .utf8))
    }
}
