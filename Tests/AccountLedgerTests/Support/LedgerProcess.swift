import Foundation

/// The built `ledger` executable, run as a real child process.
///
/// `swift test` builds every target of the package, the executable
/// included, into the same folder as the test bundle (`.build/debug` or
/// `.build/release`), which is where this looks for it.
enum LedgerProcess {
    /// The outcome of one run: exit status and both output streams.
    struct Output {
        let status: Int32
        let standardOutput: String
        let standardError: String
        /// Both streams, for checks that something appears in neither.
        var combined: String { standardOutput + standardError }
    }

    /// A started process whose output is collected in files, so a chatty
    /// child can never block on a full pipe.
    final class Running {
        let process: Process
        let folder: URL

        init(process: Process, folder: URL) {
            self.process = process
            self.folder = folder
        }

        func wait() throws -> Output {
            process.waitUntilExit()
            defer { try? FileManager.default.removeItem(at: folder) }
            let output = try Data(contentsOf: folder.appendingPathComponent("stdout"))
            let error = try Data(contentsOf: folder.appendingPathComponent("stderr"))
            return Output(
                status: process.terminationStatus,
                standardOutput: String(decoding: output, as: UTF8.self),
                standardError: String(decoding: error, as: UTF8.self))
        }
    }

    static var executableURL: URL {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("ledger")
    }

    /// Starts `ledger` with `arguments`, feeding `input` on standard input.
    ///
    /// The child gets only `PATH`, `LANG` and `environment`, so variables
    /// such as `$LEDGER_DB` or `$LEDGER_KEY` of the machine running the tests
    /// cannot change what it does.
    static func start(_ arguments: [String], input: [UInt8] = [], environment: [String: String] = [:]) throws -> Running {
        try start(executableURL, arguments, input: input, environment: environment)
    }

    /// Runs a `/bin/sh` script with the executable's path in `$LEDGER`, for
    /// arguments that a Swift string cannot carry, such as invalid UTF-8.
    static func runShell(_ script: String, environment: [String: String] = [:]) throws -> Output {
        var environment = environment
        environment["LEDGER"] = executableURL.path
        return try start(URL(fileURLWithPath: "/bin/sh"), ["-c", script], input: [], environment: environment).wait()
    }

    private static func start(
        _ program: URL,
        _ arguments: [String],
        input: [UInt8],
        environment: [String: String]
    ) throws -> Running {
        guard FileManager.default.isExecutableFile(atPath: executableURL.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [
                NSLocalizedDescriptionKey: "no ledger executable at \(executableURL.path); run `swift build` or `swift test`",
            ])
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let inputURL = folder.appendingPathComponent("stdin")
        let outputURL = folder.appendingPathComponent("stdout")
        let errorURL = folder.appendingPathComponent("stderr")
        try Data(input).write(to: inputURL)
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        FileManager.default.createFile(atPath: errorURL.path, contents: nil)

        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        var childEnvironment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        childEnvironment.merge(environment) { _, given in given }
        process.environment = childEnvironment
        process.standardInput = try FileHandle(forReadingFrom: inputURL)
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        try process.run()
        return Running(process: process, folder: folder)
    }

    /// Runs `ledger` to completion.
    static func run(_ arguments: [String], input: [UInt8] = [], environment: [String: String] = [:]) throws -> Output {
        try start(arguments, input: input, environment: environment).wait()
    }
}
