@testable import AccountLedger
import Foundation
import Testing

/// The hand matchers of `StringPattern` must accept exactly what
/// `NSRegularExpression` accepts for the same pattern.
@Suite struct StringPatternTests {
    static let patterns = [
        #"^[0-9a-f]{64}$"#,
        #"^[A-Za-z0-9._:@-]{1,128}$"#,
        #"^[^\p{Cc}]*$"#,
        #"^(?:[^\p{Cc}]|[\t\n\r])*$"#,
        #"^(?=[\s\S]*\S)[^\p{Cc}]*$"#,
    ]

    static let texts = [
        "", " ", "   ", "\t", "a", "abc", "Exports EU", "caf\u{E9}", "cafe\u{301}", "line\nbreak", "tab\there",
        "cr\rhere", "ends\n", "ends\r\n", "0123456789abcdef\n", "nul\u{0}", "bell\u{7}", "del\u{7F}", "c1\u{85}", "c1\u{9F}", "\u{A0}", "\u{A0}x", "\u{2028}",
        "\u{3000}", "\u{A0}\u{2003}", "x\u{200B}", "\u{1F600}", String(repeating: "a", count: 64),
        String(repeating: "0123456789abcdef", count: 4), String(repeating: "0123456789ABCDEF", count: 4),
        String(repeating: "f", count: 63), String(repeating: "f", count: 65), "user@example.com", "id-1:2.3_x",
        String(repeating: "z", count: 128), String(repeating: "z", count: 129), "with space", "ümlaut",
    ]

    @Test(arguments: patterns) func handMatcherAgreesWithRegularExpression(pattern: String) throws {
        let compiled = try StringPattern(pattern)
        if case .expression = compiled.matcher {
            Issue.record("\(pattern) should have a hand matcher")
        }
        let expression = try NSRegularExpression(pattern: StringPattern.endAnchored(pattern))
        for text in Self.texts {
            let expected = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            #expect(compiled.matches(text) == expected, "\(pattern) on \(text.debugDescription)")
        }
    }

    @Test func finalLineBreakDoesNotMatchTheEndAnchor() throws {
        // NSRegularExpression alone matched these, as ICU's `$` also
        // matches before a final line break; ECMA-262's does not.
        let hash = String(repeating: "ab", count: 32)
        #expect(try StringPattern(#"^[0-9a-f]{64}$"#).matches(hash))
        #expect(try !StringPattern(#"^[0-9a-f]{64}$"#).matches(hash + "\n"))
        #expect(try !StringPattern(#"^[^\p{Cc}]*$"#).matches("name\u{85}"))
        #expect(try !StringPattern("^a+b$").matches("aab\n"))
    }

    @Test func otherPatternsUseRegularExpressions() throws {
        let compiled = try StringPattern("^a+b$")
        guard case .expression = compiled.matcher else {
            Issue.record("^a+b$ has no hand matcher")
            return
        }
        #expect(compiled.matches("aab"))
        #expect(!compiled.matches("ab c"))
    }

    @Test func bundledSchemasUseOnlyHandMatchedPatterns() throws {
        let folder = DestinationCatalog.schemaFileURL("")
        let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String } ?? []
        var found = Set<String>()
        for file in files where file.hasSuffix(".json") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            collectPatterns(try JSONParser.parse(text), into: &found)
        }
        #expect(!found.isEmpty)
        #expect(found.isSubset(of: Set(Self.patterns)), "add new patterns to StringPatternTests: \(found.subtracting(Self.patterns))")
    }

    private func collectPatterns(_ value: JSONValue, into found: inout Set<String>) {
        switch value {
        case .object(let members):
            for (name, member) in members {
                if name == "pattern", case .string(let pattern) = member {
                    found.insert(pattern)
                } else {
                    collectPatterns(member, into: &found)
                }
            }
        case .array(let elements):
            elements.forEach { collectPatterns($0, into: &found) }
        default:
            break
        }
    }
}
