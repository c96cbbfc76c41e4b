import Foundation

extension CommandLineLedger {
    /// The outcome of a command run at a terminal: its exit status and
    /// everything it wrote to the terminal.
    struct TerminalRun {
        var status: Int32
        var transcript: String
    }

    /// Runs `ledger` with `arguments` (shell words) under `script`, which
    /// gives it a terminal, and types `typed` once `prompt` shows, as a
    /// person would. `typed` is a `printf` format, so `\377` types that byte.
    func runAtTerminal(_ arguments: String, prompt: String, typed: String) throws -> TerminalRun {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-prompt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let script = """
            set -u
            cd "$WORK"
            mkfifo typed
            ( while ! grep -q "$PROMPT" transcript 2>/dev/null; do sleep 0.05; done; printf "$TYPED" ) > typed &
            timeout 30 script -qec "$LEDGER $ARGUMENTS" /dev/null < typed > transcript
            status=$?
            wait
            exit $status
            """
        var environment = self.environment
        environment["WORK"] = work.path
        environment["PROMPT"] = prompt
        environment["TYPED"] = typed
        environment["ARGUMENTS"] = arguments
        let output = try LedgerProcess.runShell(script, environment: environment)
        let transcript = try Data(contentsOf: work.appendingPathComponent("transcript"))
        return TerminalRun(status: output.status, transcript: String(decoding: transcript, as: UTF8.self))
    }
}
