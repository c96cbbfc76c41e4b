/// Mutations of a command line: dropped, repeated and unknown options,
/// strange values, and arguments in the wrong place.
enum CommandLineMutator {
    static let strangeArguments = [
        "", "-", "--", "--db", "--help", "-x", "--unknown", "--name=", "--expect-version", "-1", "99999999999999999999",
        "2026-13-45", "2026-02-30T25:61:00Z", "yesterday", "1e9", "\u{0}", "é", "\u{1F600}", "token=stdin", "token=env:NOPE",
        "=", "token", "password=prompt", "secretKey=stdin", String(repeating: "a", count: 4_000), "fuzz-s3", "missing-account",
        "amazon-s3", "nope-destination", "access-key", "--json", "--csv", "--force", "--complete",
    ]

    static func mutate(_ arguments: [String], using generator: inout SeededGenerator) -> [String] {
        var output = arguments
        let count = Int.random(in: 1...3, using: &generator)
        for _ in 0..<count {
            let strange = strangeArguments[Int.random(in: 0..<strangeArguments.count, using: &generator)]
            // Index 0 is the command; mutations keep it most of the time so
            // the options get exercised.
            let lower = output.count > 1 && Int.random(in: 0..<10, using: &generator) > 0 ? 1 : 0
            guard output.count > lower else {
                output.append(strange)
                continue
            }
            let index = Int.random(in: lower..<output.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0:
                output.remove(at: index)
            case 1:
                output.insert(strange, at: index)
            case 2:
                output[index] = strange
            case 3:
                output.append(contentsOf: output[index...].prefix(2))
            default:
                output.swapAt(index, Int.random(in: lower..<output.count, using: &generator))
            }
        }
        return output
    }
}
