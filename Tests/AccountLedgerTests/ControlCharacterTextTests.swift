@testable import AccountLedger
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
        ("gpj.\u{202E}txt", "gpj.<U+202E>txt"),
        ("\u{2067}x\u{2069}", "<U+2067>x<U+2069>"),
        ("one\u{2028}two\u{2029}", "one<U+2028>two<U+2029>"),
        ("שלום\u{200F}", "שלום<U+200F>"),
        ("ad\u{200B}min", "ad<U+200B>min"),
        ("\u{FEFF}a\u{2060}b\u{AD}", "<U+FEFF>a<U+2060>b<U+00AD>"),
        ("👩\u{200D}💻", "👩\u{200D}💻"),
        ("a\u{206A}b\u{E0041}c\u{180E}", "a<U+206A>b<U+E0041>c<U+180E>"),
        ("\u{3164}x\u{34F}", "<U+3164>x<U+034F>"),
    ])
    func controlCharactersAreEscaped(text: String, expected: String) {
        #expect(text.escapingControlCharacters() == expected)
    }
}

@Suite struct QuotedForDisplayTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("", #""""#),
        (#"say "hi""#, #""say \"hi\"""#),
        (#"back\slash"#, #""back\\slash""#),
        (#"\""#, #""\\\"""#),
        ("ad\u{200B}min", #""ad<U+200B>min""#),
        ("a\nb", #""a<U+000A>b""#),
        ("café", #""café""#),
    ])
    func quotesAndEscapes(text: String, expected: String) {
        #expect(text.quotedForDisplay() == expected)
    }
}

@Suite struct ControlCharacterScanTests {
    @Test func scalarTestMatchesUnicodeCategory() {
        // Every code point, so the byte-level rule agrees with the Unicode
        // general category Cc, which the checks used before.
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(scalar.isControlCharacter == (scalar.properties.generalCategory == .control), "\(scalar.codePointName)")
        }
    }

    @Test(arguments: [
        ("plain", nil),
        ("a\u{0}b", "U+0000"),
        ("del\u{7F}", "U+007F"),
        ("é\u{85}", "U+0085"),
        ("\u{9F}", "U+009F"),
        ("\u{A0}nbsp", nil),
        ("ĀĀ", nil),
        ("line\nbreak", "U+000A"),
    ] as [(String, String?)])
    func firstControlCharacterIsFound(text: String, expected: String?) {
        #expect(text.firstControlCharacter()?.codePointName == expected)
    }

    @Test func lineBreaksCanBeAllowed() {
        #expect("a\nb\tc\r".firstControlCharacter(allowingLineBreaks: true) == nil)
        #expect("a\n\u{1B}".firstControlCharacter(allowingLineBreaks: true)?.codePointName == "U+001B")
    }
}
