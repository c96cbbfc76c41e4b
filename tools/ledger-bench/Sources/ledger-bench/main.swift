import Foundation
import LedgerBenchKit
import LedgerHarness

let usage = """
    usage: ledger-bench run --events N --folder DIR --output FILE [--accounts M] [--seed S]
                            [--single-saves K] [--ledger PATH] [--python PATH --python-script FILE]
                            [--saves-per-batch B] [--import-only yes]
           ledger-bench report --markdown FILE --chart FILE RESULT.json...

    run     generates a seeded history of N events over M accounts (default N/100) in DIR,
            which must not exist, measures the ledger and its baselines, writes the
            figures to FILE as JSON. --import-only yes stops after the batched import,
            for profiling the write path.
    report  writes the results table into FILE between its result markers and the SVG
            chart of cost against history size.
    """

/// Reads `--name value` options; anything else is a positional argument.
/// An option the subcommand does not take is a usage error, so that a
/// misspelt `--seed` cannot leave a run on the default seed unnoticed.
struct Options {
    var values: [String: String] = [:]
    var positionals: [String] = []

    init(_ arguments: ArraySlice<String>, known: Set<String>) throws {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            if argument.hasPrefix("--") {
                let name = String(argument.dropFirst(2))
                guard known.contains(name) else { throw UsageError("unknown option \(argument)") }
                guard let value = iterator.next() else { throw UsageError("\(argument) needs a value") }
                values[name] = value
            } else {
                positionals.append(argument)
            }
        }
    }

    func required(_ name: String) throws -> String {
        guard let value = values[name] else { throw UsageError("missing --\(name)") }
        return value
    }

    func integer(_ name: String) throws -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")), value > 0 else {
            throw UsageError("invalid --\(name) \(text): expected a positive integer")
        }
        return value
    }
}

struct UsageError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}

func runBenchmark(_ options: Options) throws {
    guard let events = try options.integer("events") else { throw UsageError("missing --events") }
    let accounts = try options.integer("accounts") ?? BenchmarkConfiguration.defaultAccounts(forEvents: events)
    var configuration = BenchmarkConfiguration(events: events, accounts: accounts, folder: try options.required("folder"))
    if let seed = try options.integer("seed") {
        configuration.seed = UInt64(seed)
    }
    if let singleSaves = try options.integer("single-saves") {
        configuration.singleSaves = singleSaves
    }
    if let savesPerBatch = try options.integer("saves-per-batch") {
        configuration.savesPerBatch = savesPerBatch
    }
    configuration.importOnly = options.values["import-only"] == "yes"
    configuration.ledgerExecutable = options.values["ledger"]
    configuration.python = options.values["python"]
    configuration.pythonScript = options.values["python-script"]
    let output = try options.required("output")

    let runner = BenchmarkRunner(configuration: configuration) { line in
        writeToStandardError("[\(events) events] \(line)\n")
    }
    let result = try runner.run()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(result).write(to: URL(fileURLWithPath: output))
    for figure in result.figures {
        let label = figure.label.padding(toLength: max(70, figure.label.count), withPad: " ", startingAt: 0)
        print(label, String(format: "%14.3f", figure.value), figure.unit)
    }
    for note in result.notes {
        print("note: \(note)")
    }
}

func writeReport(_ options: Options) throws {
    let markdownPath = try options.required("markdown")
    let chartPath = try options.required("chart")
    guard !options.positionals.isEmpty else { throw UsageError("report needs at least one RESULT.json") }
    let decoder = JSONDecoder()
    let results = try options.positionals.map { path in
        try decoder.decode(BenchmarkResult.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
    let document = try String(contentsOfFile: markdownPath, encoding: .utf8)
    let updated = try ResultsTable.replacingTable(in: document, with: ResultsTable.markdown(results))
    try updated.write(toFile: markdownPath, atomically: true, encoding: .utf8)
    try CostChart.svg(results).write(toFile: chartPath, atomically: true, encoding: .utf8)
    print("wrote the results table into \(markdownPath) and the chart to \(chartPath)")
}

let arguments = CommandLine.arguments.dropFirst()
if arguments.contains("--help") || arguments.contains("-h") || arguments.first == "help" {
    print(usage)
    exit(0)
}
do {
    switch arguments.first {
    case "run":
        let known: Set = [
            "events", "folder", "output", "accounts", "seed", "single-saves", "ledger", "python", "python-script",
            "saves-per-batch", "import-only",
        ]
        try runBenchmark(try Options(arguments.dropFirst(), known: known))
    case "report":
        try writeReport(try Options(arguments.dropFirst(), known: ["markdown", "chart"]))
    default:
        throw UsageError("expected a subcommand")
    }
} catch let error as UsageError {
    writeToStandardError("Error: \(error.message)\n\(usage)\n")
    exit(2)
} catch {
    writeToStandardError("Error: \(error)\n")
    exit(1)
}
