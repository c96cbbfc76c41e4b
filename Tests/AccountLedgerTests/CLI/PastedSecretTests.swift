import AccountLedger
import Foundation
import Testing

/// A secret typed where a name belongs is not quoted back in the message,
/// while a text shaped like the expected name still is, and the process
/// writes no core file that could keep a secret.
@Suite struct PastedSecretTests {
    /// A GitHub-style token: a valid variable name, but not a field name.
    private let token = "ghp_PASTED0123456789abcdefXYZ"

    /// Connects an `in-house` account `gh` of `type` with `extra` arguments, in a new ledger.
    private func connectInHouse(_ extra: [String], type: String = "bearer-token", input: String = "") throws -> LedgerProcess.Output {
        try CommandLineLedger().run(
            ["connect", "--id", "gh", "--destination", "in-house", "--type", type, "--name", "GH"] + extra, input: input)
    }

    @Test func unsetVariableNamedLikeTokenIsHidden() throws {
        let output = try connectInHouse(["--secret", "token=env:\(token)"])

        #expect(output.status == 2)
        #expect(output.standardError.contains("no such environment variable is set"), "stderr: \(output.standardError)")
        #expect(!output.standardError.contains("PASTED"))
    }

    @Test func unsetUpperCaseVariableIsNamed() throws {
        let output = try connectInHouse(["--secret", "token=env:API_TOKEN_TYPO"])

        #expect(output.status == 2)
        #expect(output.standardError.contains("environment variable API_TOKEN_TYPO is not set"), "stderr: \(output.standardError)")
    }

    @Test func tokenTypedAsFieldNameIsHidden() throws {
        let output = try connectInHouse(["--secret", "\(token)=stdin"], input: "ab\n")

        #expect(output.status == 5)
        #expect(output.standardError.contains("no credential of that name; their credentials are: token"),
                "stderr: \(output.standardError)")
        #expect(!output.standardError.contains("PASTED"))
    }

    @Test func misspeltFieldNameIsStillNamed() throws {
        let output = try connectInHouse(["--secret", "tokn=stdin"], input: "ab\n")

        #expect(output.status == 5)
        #expect(output.standardError.contains("have no credential tokn;"), "stderr: \(output.standardError)")
    }

    @Test func tokenGivenAsSettingIsHidden() throws {
        let output = try connectInHouse(["--setting", token], type: "server-to-server")

        #expect(output.status == 2)
        #expect(output.standardError.contains(
            "invalid --setting value (not shown: it may be a secret): expected NAME=VALUE"), "stderr: \(output.standardError)")
        #expect(!output.standardError.contains("PASTED"))
    }

    @Test func settingWithoutValueIsNamed() throws {
        let ledger = try CommandLineLedger()

        let output = try ledger.run(["edit", "gh", "--setting", "folder_path"])

        #expect(output.status == 2)
        #expect(output.standardError.contains("invalid --setting folder_path: expected NAME=VALUE"),
                "stderr: \(output.standardError)")
    }

    @Test(arguments: [
        ("bucketName", true), ("folder_path", true), ("remote-dir.v2", true),
        ("", false), ("9lives", false), ("=value", false), ("AKIA/EXAMPLE+KEY", false),
        ("ghp_PASTED0123456789abcdefXYZ", false),
        ("AKIAIOSFODNN7EXAMPLE", false), ("AKIA_IOSFOD-NN7", false), ("ABCDEFGHIJKL", false),
        ("REGION", true), ("AWS_REGION", true), ("ABCDEFGHIJK", true),
        ("a3f9b2c4d5e6f7a8", false), ("deadbeef0123", false), ("deadbeef012", true), ("abcdefabcdef", false),
        ("deadbeefdeadbeef", false), ("abcdefabcdeF", false),
        ("destinationFolder", true), ("bucket_name_2", true),
    ])
    func settingNameShapeDecidesQuoting(name: String, isQuoted: Bool) {
        #expect(NameOrSecret.canShowSettingName(name) == isQuoted)
    }

    /// An AWS access key id is 20 upper-case letters and digits: a valid
    /// variable name, and once a valid field name and setting name too.
    @Test func accessKeyIDShapesAreHidden() throws {
        let keyID = "AKIAIOSFODNN7EXAMPLE"

        let asVariable = try connectInHouse(["--secret", "token=env:\(keyID)"])
        let asField = try connectInHouse(["--secret", "\(keyID)=stdin"], input: "ab\n")
        let twice = try connectInHouse(["--secret", "\(keyID)=stdin", "--secret", "\(keyID)=env:X"], input: "ab\n")
        // The message was "invalid --setting AKIAIOSFODNN7EXAMPLE: expected NAME=VALUE".
        let asSetting = try CommandLineLedger().run(["edit", "gh", "--setting", keyID])
        // The message was "--setting AKIAIOSFODNN7EXAMPLE given twice".
        let settingTwice = try CommandLineLedger().run(["edit", "gh", "--setting", "\(keyID)=a", "--setting", "\(keyID)=b"])

        #expect(asVariable.status == 2)
        #expect(asField.status == 5)
        #expect(twice.status == 2)
        #expect(asSetting.status == 2)
        #expect(asSetting.standardError.hasPrefix(
            "Error: invalid --setting value (not shown: it may be a secret): expected NAME=VALUE\n"),
            "stderr: \(asSetting.standardError)")
        #expect(settingTwice.status == 2)
        #expect(settingTwice.standardError.hasPrefix("Error: --setting NAME (not shown: it may be a secret) given twice"),
                "stderr: \(settingTwice.standardError)")
        for output in [asVariable, asField, twice, asSetting, settingTwice] {
            #expect(!output.standardError.contains(keyID), "stderr: \(output.standardError)")
        }
    }

    @Test func tokenAsFirstArgumentIsHidden() throws {
        let asCommand = try LedgerProcess.run([token])
        let asOptionValue = try LedgerProcess.run(["--db=\(token)", "verify"])
        let typo = try LedgerProcess.run(["verfy"])

        #expect(asCommand.standardError.hasPrefix("Error: unknown command (not shown: it may be a secret)"))
        #expect(asOptionValue.standardError.hasPrefix("Error: unknown command --db; options go after the command name"))
        #expect(typo.standardError.hasPrefix("Error: unknown command verfy"))
        for output in [asCommand, asOptionValue] {
            #expect(output.status == 2)
            #expect(!output.standardError.contains("PASTED"), "stderr: \(output.standardError)")
        }
    }

    @Test func tokenFieldRejectedBeforeInput() throws {
        // The field is checked before standard input is read, so the
        // message is about the field, which it does not name.
        let output = try connectInHouse(["--secret", "\(token)=stdin"])

        #expect(output.status == 5)
        #expect(output.standardError.contains("no credential of that name; their credentials are: token"),
                "stderr: \(output.standardError)")
        #expect(!output.standardError.contains("PASTED"))
    }

    @Test func processWritesNoCoreFile() throws {
        let ledger = try CommandLineLedger()
        // The connect waits on a FIFO for its secrets while the shell reads
        // its limits; the loop gives a slow start 10 seconds.
        let output = try ledger.runShell("""
            ulimit -c unlimited 2>/dev/null || ulimit -c 1024
            fifo="$(dirname "$LEDGER_DB")/secrets.fifo"
            mkfifo "$fifo"
            "$LEDGER" connect --id s3 --destination amazon-s3 --name Exports \\
                --secret accessKeyId=stdin --secret secretKey=stdin < "$fifo" >/dev/null 2>&1 &
            pid=$!
            exec 3>"$fifo"
            limit=""
            for attempt in $(seq 1 100); do
                limit=$(awk '/^Max core file size/ { print $5 }' /proc/$pid/limits 2>/dev/null)
                [ "$limit" = 0 ] && break
                sleep 0.1
            done
            kill $pid; wait $pid
            echo "$limit"
            """)

        #expect(output.standardOutput == "0\n", "stdout: \(output.standardOutput) stderr: \(output.standardError)")
    }
}
