import AccountLedger

/// Reads credential values named by `--secret FIELD=SOURCE` options.
///
/// SOURCE is `stdin` (one line per field, in the order given), `env:NAME`
/// or `prompt` (a no-echo prompt on the terminal). A value on the command
/// line itself is rejected, because argv is visible to every user of the
/// machine through `ps` and shell history.
enum SecretInput {
    static let option = (
        "secret",
        "FIELD=stdin, FIELD=env:NAME or FIELD=prompt: where to read a credential (repeatable; never the value itself)."
    )

    /// Checks that every `--secret` names a field and a source, before a
    /// command looks at its other arguments: otherwise `--secret password
    /// hunter2` would make `hunter2` a positional argument that an error
    /// message could quote.
    static func checkShape(_ arguments: ParsedArguments) throws {
        for specification in arguments.allValues("secret") where !specification.contains("=") {
            // The value is not quoted: a missing FIELD= is how a pasted
            // secret most often reaches this option.
            throw UsageError("invalid --secret value (not shown: it may be a secret): expected FIELD=stdin, FIELD=env:NAME or FIELD=prompt")
        }
        // Every other usage error of `--secret` comes before the command
        // checks the account, which it does before reading any secret.
        _ = try fieldsAndSources(arguments)
    }

    /// The place one secret is read from.
    enum Source {
        case standardInput
        case prompt
        case environment(name: String)
    }

    /// Returns each `--secret` option's field, in camel case, and source,
    /// in the order given, reading no secret.
    ///
    /// - Throws: `UsageError` for a missing field name, a field given
    ///   twice or a source that is not `stdin`, `prompt` or `env:NAME`.
    private static func fieldsAndSources(_ arguments: ParsedArguments) throws -> [(field: String, source: Source)] {
        var result: [(field: String, source: Source)] = []
        for specification in arguments.allValues("secret") {
            guard let equals = specification.firstIndex(of: "=") else {
                throw UsageError("invalid --secret: expected FIELD=stdin, FIELD=env:NAME or FIELD=prompt")
            }
            let field = camelCase(String(specification[..<equals]))
            let text = String(specification[specification.index(after: equals)...])
            guard !field.isEmpty else {
                throw UsageError("invalid --secret: the field name is missing before '='")
            }
            guard !result.contains(where: { $0.field == field }) else {
                throw UsageError("--secret \(NameOrSecret.canShowFieldName(field) ? field : "FIELD (not shown: it may be a secret)") is given twice")
            }
            result.append((field, try source(text, field: field)))
        }
        return result
    }

    /// Returns the field names of the `--secret` options, in camel case,
    /// reading no secret, so the ledger can check them first.
    static func fieldNames(_ arguments: ParsedArguments) throws -> Set<String> {
        Set(try fieldsAndSources(arguments).map(\.field))
    }

    static func read(_ arguments: ParsedArguments, terminal: Terminal) throws -> [String: Secret] {
        var secrets: [String: Secret] = [:]
        for (field, source) in try fieldsAndSources(arguments) {
            secrets[field] = try readValue(field: field, source: source, terminal: terminal)
        }
        return secrets
    }

    /// Reads one secret from the source named by the text after `FIELD=`.
    /// Messages quote the option as the user typed it, `option` followed by
    /// the source: `--secret FIELD=` unless the caller names another, such
    /// as `--secret-from `.
    static func readValue(field: String, source text: String, option givenOption: String? = nil, terminal: Terminal) throws -> Secret {
        let source = try source(text, field: field, option: givenOption)
        return try readValue(field: field, source: source, option: givenOption, terminal: terminal)
    }

    /// Returns the option as messages quote it: `givenOption`, else
    /// `--secret FIELD=` with the field's name when it may be shown.
    private static func quotedOption(field: String, givenOption: String?) -> String {
        givenOption ?? "--secret \(NameOrSecret.canShowFieldName(field) ? field : "FIELD")="
    }

    /// Parses the text after `FIELD=` without reading anything.
    private static func source(_ text: String, field: String, option givenOption: String? = nil) throws -> Source {
        let option = quotedOption(field: field, givenOption: givenOption)
        if text == "stdin" {
            return .standardInput
        }
        if text == "prompt" {
            return .prompt
        }
        if text.hasPrefix("env:") {
            let name = String(text.dropFirst(4))
            guard !name.isEmpty else {
                throw UsageError("\(option)env: names no environment variable; write env:NAME")
            }
            // A text that cannot be a variable's name may be a secret pasted
            // after "env:", so it is not quoted back.
            guard isVariableName(name) else {
                throw UsageError(
                    "\(option)env:... (not shown: it may be a secret): not an environment variable name; "
                        + "write env:NAME, with NAME of letters, digits and _")
            }
            return .environment(name: name)
        }
        // The source is not quoted back: it may be the secret itself. Nor is
        // the field: a base64 secret ends in "=", so a pasted one arrives
        // here with most of its text taken for the field's name.
        let shown = givenOption ?? "--secret FIELD="
        throw UsageError(
            "\(shown)... (not shown: it may be a secret): secrets are never read from the command line; "
                + "use \(shown)stdin, \(shown)env:NAME or \(shown)prompt")
    }

    private static func readValue(field: String, source: Source, option givenOption: String? = nil, terminal: Terminal) throws -> Secret {
        let option = quotedOption(field: field, givenOption: givenOption)
        switch source {
        case .standardInput:
            // At a terminal, typed input would echo; read it like a prompt.
            if terminal.standardInputIsTerminal {
                let line = try terminal.readWithoutEcho(
                    prompt: "\(field): ", field: field, maximumBytes: InputLimits.maximumSecretBytes)
                guard let line else {
                    throw UsageError("\(option)stdin: no input was read from the terminal")
                }
                return Secret(line)
            }
            // Running out of lines is bad input, as an empty line is. It is
            // not a usage error, because the command line itself was right.
            guard let line = try terminal.readStandardInputLine(maximumBytes: InputLimits.maximumSecretBytes) else {
                throw LedgerError.invalidInput(
                    location: "standard input",
                    problem: "ended before the line for \(option)stdin; pipe one line per secret read from stdin")
            }
            return Secret(line)
        case .prompt:
            let line = try terminal.readWithoutEcho(
                prompt: "\(field): ", field: field, maximumBytes: InputLimits.maximumSecretBytes)
            guard let line else {
                throw UsageError("\(option)prompt needs a terminal on standard input; use \(option)stdin or \(option)env:NAME")
            }
            return Secret(line)
        case .environment(let name):
            guard let value = try terminal.environmentText(name) else {
                guard NameOrSecret.canShowVariableName(name) else {
                    throw UsageError(
                        "\(option)env:... (not shown: it may be a secret): no such environment variable is set; "
                            + "check the name after env:")
                }
                throw UsageError("\(option)env:\(name): environment variable \(name) is not set")
            }
            // A value read from a file with `export NAME="$(< file)"` drops
            // the file's last line break, but `NAME=$'...\n'` or a mounted
            // secret file keeps it. Standard input strips it, so the same
            // secret would get another fingerprint by each route.
            if let last = value.unicodeScalars.last, last == "\n" || last == "\r" {
                let shownName = NameOrSecret.canShowVariableName(name) ? name : "(not shown: it may be a secret)"
                throw LedgerError.invalidInput(
                    location: "environment variable \(shownName)",
                    problem: "the value ends with a line break, which would become part of the secret; "
                        + "set the variable without it")
            }
            return Secret(value)
        }
    }

    /// Returns whether `name` has the shape of an environment variable's
    /// name in the shell: an ASCII letter or `_`, then letters, digits or `_`.
    private static func isVariableName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        func isLetter(_ byte: UInt8) -> Bool {
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "_")
        }
        guard let first = bytes.first, isLetter(first) else { return false }
        return bytes.dropFirst().allSatisfy { isLetter($0) || (0x30...0x39).contains($0) }
    }

    /// Accepts `access-key-id` as well as `accessKeyId`.
    static func camelCase(_ name: String) -> String {
        let parts = name.split(separator: "-", omittingEmptySubsequences: true)
        guard let first = parts.first else { return "" }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Prompts for every required secret of `type` that was not supplied,
    /// when a person is at the terminal.
    static func promptForMissing(_ secrets: inout [String: Secret], type: ConnectionType?, terminal: Terminal) throws {
        guard let type, terminal.standardInputIsTerminal else { return }
        for field in type.credentialFields where field.kind == .secret && field.required && secrets[field.name] == nil {
            if let value = try terminal.readWithoutEcho(
                prompt: "\(field.name): ", field: field.name, maximumBytes: InputLimits.maximumSecretBytes) {
                secrets[field.name] = Secret(value)
            }
        }
    }
}
