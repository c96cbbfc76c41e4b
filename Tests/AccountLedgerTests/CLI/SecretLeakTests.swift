import AccountLedger
import Foundation
import Testing

/// A marker secret written through every CLI path is found nowhere
/// afterwards: not in any file of the ledger, not in any output.
@Suite struct SecretLeakTests {
    @Test func markerSecretAppearsNowhere() throws {
        let ledger = try CommandLineLedger()
        let marker = "MARKER\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
        var outputs: [LedgerProcess.Output] = []
        func run(_ arguments: [String], input: String = "", environment: [String: String] = [:], status: Int32 = 0) throws {
            let output = try ledger.run(arguments, input: input, environment: environment)
            #expect(output.status == status, "ledger \(arguments.joined(separator: " ")): \(output.standardError)")
            outputs.append(output)
        }

        // Connect, with secrets on standard input and in a named variable.
        try run(
            ["connect", "--id", "s3", "--destination", "amazon-s3", "--name", "Exports",
             "--secret", "accessKeyId=stdin", "--secret", "secretKey=stdin"],
            input: "AKIA\(marker)-id\n\(marker)-connect-stdin\n")
        try run(
            ["connect", "--id", "blob", "--destination", "azure-blob", "--name", "Blob", "--secret", "connectionString=env:BLOB_CS"],
            environment: ["BLOB_CS": "\(marker)-connect-env"])
        // Rotation by edit, from both sources.
        try run(["edit", "s3", "--secret", "secretKey=stdin", "--reason", "rotation"], input: "\(marker)-edit-stdin\n")
        try run(["edit", "blob", "--secret", "connectionString=env:BLOB_CS"], environment: ["BLOB_CS": "\(marker)-edit-env"])
        // OAuth connect and reconnect.
        try run(
            ["connect", "--id", "ads", "--destination", "google-ads", "--name", "Ads", "--expires-at", "2026-01-01",
             "--secret", "accessToken=stdin", "--secret", "refreshToken=stdin"],
            input: "\(marker)-oauth-access\n\(marker)-oauth-refresh\n")
        try run(
            ["reconnect", "ads", "--secret", "accessToken=stdin", "--expires-at", "2027-01-01"],
            input: "\(marker)-reconnect\n")
        // Bearer token with expiry, then a new token.
        try run(
            ["connect", "--id", "push", "--destination", "airship-attributes", "--name", "Push",
             "--secret", "token=stdin", "--expires-at", "2026-06-01"],
            input: "\(marker)-bearer\n")
        try run(["edit", "push", "--secret", "token=stdin", "--expires-at", "2027-06-01"], input: "\(marker)-bearer-2\n")
        // Basic username and password.
        try run(
            ["connect", "--id", "sftp", "--destination", "sftp", "--name", "Drop", "--username", "partner",
             "--secret", "password=stdin"],
            input: "\(marker)-basic\n")
        try run(["edit", "sftp", "--secret", "password=env:SFTP_PASSWORD"], environment: ["SFTP_PASSWORD": "\(marker)-basic-2"])
        // Failing commands that carried a secret.
        try run(
            ["edit", "sftp", "--secret", "password=stdin", "--expect-version", "9"], input: "\(marker)-conflict\n", status: 4)
        try run(["edit", "s3", "--secret", "secretKey=stdin"], input: "\(marker)-nul\u{0}\n", status: 5)
        try run(["reconnect", "s3", "--secret", "accessToken=stdin"], input: "\(marker)-rejected\n", status: 6)
        try run(
            ["edit", "sftp", "--secret", "password=stdin"], input: "\(marker)-wrong-key\n",
            environment: ["LEDGER_KEY": String(repeating: "ab", count: 32)], status: 7)
        // Every read command, in every format.
        for id in ["s3", "blob", "ads", "push", "sftp"] {
            try run(["show", id])
            try run(["show", id, "--json"])
            try run(["history", id])
            try run(["history", id, "--json"])
        }
        try run(["accounts"])
        try run(["accounts", "--json"])
        try run(["accounts", "--csv"])

        try ledger.expectNowhere(marker, outputs: outputs)
        #expect(try Ledger(path: ledger.path, access: .read, environment: [:]).eventCount() > 9)
    }

    @Test func promptedSecretIsNeitherEchoedNorStored() throws {
        let ledger = try CommandLineLedger()
        let marker = "PROMPT\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
        let run = try ledger.runAtTerminal(
            "connect --id push --destination airship-attributes --name Push --secret token=prompt",
            prompt: "token: ", typed: marker + "\\n")
        #expect(run.status == 0, "\(run.transcript)")
        #expect(run.transcript.hasPrefix("token: "))
        #expect(run.transcript.contains("Connected account push"))
        #expect(!run.transcript.contains(marker))

        let piped = try ledger.run(
            ["connect", "--id", "piped", "--destination", "airship-attributes", "--name", "Piped", "--secret", "token=stdin"],
            input: marker + "\n")
        #expect(piped.status == 0)
        let prompted = try JSONParser.parse(try ledger.run(["show", "push", "--json"]).standardOutput)
        let pipedState = try JSONParser.parse(try ledger.run(["show", "piped", "--json"]).standardOutput)
        let fingerprint = prompted["credentials"]?["token"]?["fingerprint"]
        #expect(fingerprint != nil)
        #expect(fingerprint == pipedState["credentials"]?["token"]?["fingerprint"])
        for name in try FileManager.default.contentsOfDirectory(atPath: ledger.folder.path) {
            let bytes = try Data(contentsOf: ledger.folder.appendingPathComponent(name))
            #expect(bytes.range(of: Data(marker.utf8)) == nil, "\(name) contains the secret")
        }
    }

    @Test func interruptAtPromptRestoresEcho() throws {
        // A shell such as dash does not restore the terminal after a command
        // that a signal stopped, so a prompt that died left echo off. The
        // signal goes to ledger alone; a Ctrl-C would stop the shell too.
        let ledger = try CommandLineLedger()
        let work = ledger.folder.appendingPathComponent("terminal")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let script = """
            set -u
            cd "$WORK"
            mkfifo typed
            ( while ! grep -q "secret: " transcript 2>/dev/null; do sleep 0.05; done; kill -INT "$(cat pid)"; sleep 1 ) > typed &
            timeout 30 script -qec 'sh -c "echo \\$\\$ > pid; exec \\"$LEDGER\\" who-used --secret-from prompt"; stty -a' /dev/null < typed > transcript
            wait
            """
        var environment = ledger.environment
        environment["WORK"] = work.path
        _ = try LedgerProcess.runShell(script, environment: environment)
        let transcript = String(decoding: try Data(contentsOf: work.appendingPathComponent("transcript")), as: UTF8.self)
        #expect(transcript.contains(" echo "), "\(transcript)")
        #expect(!transcript.contains("-echo "))
    }

    @Test func endOfInputAtPromptSaysSo() throws {
        let ledger = try CommandLineLedger()
        let run = try ledger.runAtTerminal(
            "connect --id push --destination airship-attributes --name Push --secret token=prompt",
            prompt: "token: ", typed: "\\004")
        #expect(run.status == 5)
        #expect(run.transcript.contains("invalid input in the token typed at the prompt: the input ended before a line was typed"))
    }

    @Test func promptedSecretThatIsNotUTF8IsRejected() throws {
        // The prompt read with readLine, which replaced the byte with U+FFFD
        // and stored the fingerprint of a value that was never typed.
        let ledger = try CommandLineLedger()
        let run = try ledger.runAtTerminal(
            "connect --id push --destination airship-attributes --name Push --secret token=prompt",
            prompt: "token: ", typed: "tok\\377en\\n")
        #expect(run.status != 0)
        #expect(run.transcript.contains("invalid input in the token typed at the prompt: is not valid UTF-8"))
        #expect(try Ledger(path: ledger.path, access: .read, environment: [:]).eventCount() == 0)
    }

    @Test func promptedSecretCutByTerminalIsRejected() throws {
        // A terminal line keeps at most 4,095 bytes, so the tail of a longer paste was
        // dropped before the ledger read it, and a wrong fingerprint was stored.
        let ledger = try CommandLineLedger()
        let run = try ledger.runAtTerminal(
            "connect --id push --destination airship-attributes --name Push --secret token=prompt",
            prompt: "token: ", typed: String(repeating: "a", count: 5_000) + "\\n")
        #expect(run.status == 5)
        #expect(run.transcript.contains("the most a terminal line holds"))
        #expect(try Ledger(path: ledger.path, access: .read, environment: [:]).eventCount() == 0)
    }
}

@Suite struct SecretArgumentShapeTests {
    @Test func secretWithoutSourceIsNotEchoed() throws {
        let ledger = try CommandLineLedger()
        let output = try ledger.run(["edit", "a1", "--secret", "secretKey", "MARKER-positional-secret"])
        #expect(output.status == 2)
        #expect(!output.standardError.contains("MARKER-positional-secret"))
        #expect(output.standardError.contains("invalid --secret value (not shown"))
    }

    @Test func secretWithoutFieldIsNotEchoed() throws {
        let ledger = try CommandLineLedger()
        for arguments in [
            ["connect", "--id", "z1", "--destination", "sftp", "--name", "z", "--secret", "MARKER-bare-secret"],
            ["connect", "--id", "z1", "--destination", "sftp", "--name", "z", "--secret=MARKER-bare-secret"],
            ["connect", "--id", "z1", "--destination", "sftp", "--name", "z", "MARKER-bare-secret"],
            ["edit", "z1", "MARKER-bare-secret"],
        ] {
            let output = try ledger.run(arguments)
            #expect(output.status == 2)
            #expect(!output.standardError.contains("MARKER-bare-secret"))
        }
    }
}
