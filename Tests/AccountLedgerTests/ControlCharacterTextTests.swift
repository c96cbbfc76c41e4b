import AccountLedger
import Testing

@Suite struct ControlCharacterTextTests {
    @Test(arguments: [
        ("plain.json", "plain.json"),
        ("a\nb", "a<U+000A>b"),
        ("tab\there", "tab<U+0009>here"),
        ("\u{1B}[31m", "<U+001B>[31m"),
        ("del\u{7F}", "del<U+007F>"),
        ("next\u{85}line", "next<U+0085>line"),
        ("café ✓", "café ✓"),
    ])
    func controlCharactersAreEscaped(text: String, expected: String) {
        #expect(text.escapingControlCharacters() == expected)
    }
}
