import Foundation
import Testing

/// The `ledger-bench` executable's handling of its options.
@Suite struct BenchCommandLineTests {
    private func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("ledger-bench").path }
        let executable = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) })
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }

    /// `--help` was taken for an option missing its value.
    @Test func helpPrintsUsage() throws {
        let result = try run(["run", "--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("usage: ledger-bench run --events N"))
    }

    /// A misspelt `--seed` left the run on the default seed without a word.
    @Test func unknownOptionIsUsageError() throws {
        let result = try run(["run", "--events", "100", "--sead", "5", "--folder", "/nonexistent/x", "--output", "/nonexistent/y"])
        #expect(result.status == 2)
        #expect(result.error.contains("Error: unknown option --sead"))
    }
}
