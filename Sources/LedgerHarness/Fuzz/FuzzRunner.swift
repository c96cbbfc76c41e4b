import AccountLedger
import Foundation

/// Feeds mutated snapshot files to the importer in-process, and a share of
/// mutated command lines to the `ledger` binary. After each case it checks
/// that the outcome is a result or one clear error, and that a rejected
/// input left the ledger as it was.
public struct FuzzRunner {
    /// The counts of one run.
    public struct Summary: Sendable {
        public var cases = 0
        public var importCases = 0
        public var commandLineCases = 0
        public var accepted = 0
        /// Rejections by `LedgerError.Category` name, or by exit status for the CLI.
        public var rejections: [String: Int] = [:]
        public var verifications = 0
        /// The number of rejections per message, with numbers and names
        /// cut, to show which checks the inputs reach.
        public var rejectionMessages: [String: Int] = [:]
        public var findings: [FuzzFinding] = []
    }

    public let folder: URL
    public let path: String
    /// The share of cases, from 0 to 1, that run through the CLI binary.
    public var commandLineShare: Double
    /// How many cases pass between two full verifications.
    public var verifyInterval = 250
    private var cli: ChildProcess?
    private var generator: SeededGenerator
    private var ledger: Ledger?
    private static let fileName = "fuzz-case.json"

    public init(folder: URL, seed: UInt64, cli: ChildProcess?, commandLineShare: Double = 0.05) {
        self.folder = folder
        self.path = folder.appendingPathComponent("fuzz.sqlite").path
        self.generator = SeededGenerator(seed: seed)
        self.cli = cli
        self.cli?.currentDirectory = folder
        self.commandLineShare = cli == nil ? 0 : commandLineShare
    }

    /// Creates the ledger and imports revision 0 of every corpus record.
    public mutating func prepare() throws {
        let ledger = try Ledger.create(path: path, environment: [:])
        let first = JSONWriter.pretty(FuzzCorpus.snapshot(revision: 0))
        try ledger.importSnapshots([SnapshotFile(name: "seed.json", bytes: Array(first.utf8))], options: options(false))
        self.ledger = ledger
    }

    /// Runs `cases` cases and returns what happened, findings included.
    public mutating func run(cases: Int) throws -> Summary {
        guard let ledger else { preconditionFailure("call prepare() first") }
        var summary = Summary()
        for caseNumber in 0..<cases {
            summary.cases += 1
            if Double.random(in: 0..<1, using: &generator) < commandLineShare, let cli {
                summary.commandLineCases += 1
                try runCommandLineCase(caseNumber, ledger: ledger, cli: cli, summary: &summary)
            } else {
                summary.importCases += 1
                try runImportCase(caseNumber, ledger: ledger, summary: &summary)
            }
            if (caseNumber + 1) % verifyInterval == 0 || caseNumber == cases - 1 {
                summary.verifications += 1
                do {
                    _ = try ledger.verify()
                } catch {
                    summary.findings.append(FuzzFinding(
                        caseNumber: caseNumber, input: .commandLine(arguments: ["verify"]), problem: "verify fails: \(error)"))
                    return summary
                }
            }
        }
        return summary
    }

    // MARK: - Import cases

    private mutating func importInput(caseNumber: Int) -> [UInt8] {
        // Revisions mostly move forward, so most unmutated records are
        // accepted changes; a few go back in time and must be rejected.
        let revision = max(0, caseNumber + Int.random(in: -3...1, using: &generator))
        // Deletes (complete imports, `ledger delete`) retire ids for good,
        // so the pool of ids moves on as the run goes.
        let generation = caseNumber / 200 + Int.random(in: 0..<6, using: &generator)
        var kinds = [0, 1, 2, 3].filter { _ in Bool.random(using: &generator) }
        if kinds.isEmpty {
            kinds = [Int.random(in: 0...3, using: &generator)]
        }
        var document = FuzzCorpus.snapshot(revision: revision, kinds: kinds, generation: generation)
        // Styles 0-1 stay valid, 2-6 get structure-aware mutations only,
        // 7-9 random bytes only.
        let style = Int.random(in: 0..<10, using: &generator)
        if (2...6).contains(style) {
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                document = JSONMutator.mutate(document, using: &generator)
            }
        }
        let text = Bool.random(using: &generator) ? JSONWriter.pretty(document) : JSONWriter.canonical(document)
        var bytes = Array(text.utf8)
        if style >= 7 {
            bytes = ByteMutator.mutate(bytes, using: &generator)
        }
        return bytes
    }

    private mutating func runImportCase(_ caseNumber: Int, ledger: Ledger, summary: inout Summary) throws {
        let bytes = importInput(caseNumber: caseNumber)
        let isComplete = Int.random(in: 0..<400, using: &generator) == 0
        func finding(_ problem: String) -> FuzzFinding {
            FuzzFinding(caseNumber: caseNumber, input: .importFile(bytes: bytes, isComplete: isComplete), problem: problem)
        }
        let before = try ledger.digest(takenAt: 0)
        do {
            let file = SnapshotFile(name: Self.fileName, bytes: bytes)
            let result = try ledger.importSnapshots([file], options: options(isComplete))
            summary.accepted += 1
            let after = try ledger.digest(takenAt: 0)
            if after.position != before.position + Int64(result.eventCount) {
                summary.findings.append(finding("reported \(result.eventCount) events but the log grew from \(before.position) to \(after.position)"))
            }
            let again = try ledger.importSnapshots([file], options: options(isComplete))
            if again.eventCount != 0 {
                summary.findings.append(finding("importing the same file again appended \(again.eventCount) events"))
            }
        } catch let error as LedgerError {
            summary.rejections["\(error.category)", default: 0] += 1
            let message = error.description
            summary.rejectionMessages[String(message.prefix(90)), default: 0] += 1
            if message.contains(FuzzCorpus.secretMarker) {
                summary.findings.append(finding("the error echoes a secret: \(message)"))
            }
            if error.category == .badInput && !message.contains(Self.fileName) {
                summary.findings.append(finding("the error does not name the file: \(message)"))
            }
            if try ledger.digest(takenAt: 0) != before {
                summary.findings.append(finding("rejected (\(message)) but the log changed"))
            }
        } catch {
            summary.findings.append(finding("failed with \(type(of: error)), not a LedgerError: \(error)"))
        }
    }

    // MARK: - Command-line cases

    private mutating func runCommandLineCase(_ caseNumber: Int, ledger: Ledger, cli: ChildProcess, summary: inout Summary) throws {
        let template = FuzzCorpus.commandLines[Int.random(in: 0..<FuzzCorpus.commandLines.count, using: &generator)]
        var arguments = template.map { $0 == "DB" ? path : $0 }
        if Int.random(in: 0..<5, using: &generator) > 0 {
            arguments = CommandLineMutator.mutate(arguments, using: &generator)
        }
        let input = "\(FuzzCorpus.secretMarker)cli-1\n\(FuzzCorpus.secretMarker)cli-2\n"
        func finding(_ problem: String) -> FuzzFinding {
            FuzzFinding(caseNumber: caseNumber, input: .commandLine(arguments: arguments), problem: problem)
        }
        let before = try ledger.digest(takenAt: 0)
        let outcome = try cli.run(arguments, input: input)
        let after = try ledger.digest(takenAt: 0)
        if outcome.wasSignaled {
            summary.findings.append(finding("ledger died of signal \(outcome.status): \(outcome.standardError)"))
            return
        }
        if (outcome.standardOutput + outcome.standardError).contains(FuzzCorpus.secretMarker) {
            summary.findings.append(finding("the output echoes a secret"))
        }
        guard outcome.status != 0 else {
            summary.accepted += 1
            return
        }
        summary.rejections["exit \(outcome.status)", default: 0] += 1
        if outcome.status == 1 || outcome.status > 8 {
            summary.findings.append(finding("exit status \(outcome.status) is not a documented failure: \(outcome.standardError)"))
        }
        if !outcome.standardError.hasPrefix("Error: ") {
            summary.findings.append(finding("exit \(outcome.status) without an `Error:` line: \(outcome.standardError)"))
        }
        if after != before {
            summary.findings.append(finding("exit \(outcome.status) but the log changed: \(outcome.standardError)"))
        }
    }

    private func options(_ isComplete: Bool) -> SnapshotImportOptions {
        SnapshotImportOptions(isComplete: isComplete, actor: "fuzzer")
    }
}
