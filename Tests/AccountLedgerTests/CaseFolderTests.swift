@testable import AccountLedger
import Foundation
import Testing

/// `CaseFolder` folds one code point at a time from a cache, and must give
/// what Foundation gives for the whole text: NFD(fold(NFD(text))).
@Suite struct CaseFolderTests {
    static let samples = [
        "\u{C9}mile", "E\u{301}mile", "Zürich", "Hauptstraße", "ΟΔΟΣ", "οδος", "Юрий", "İstanbul", "ı",
        "\u{212A}elvin", "\u{212B}ngström", "한국어", "q\u{307}\u{323}", "q\u{323}\u{307}",
        // U+0345 folds to ι (class 0), so the marks before it must be ordered first.
        "a\u{345}\u{301}", "\u{1F80}", "ǅ", "ﬁ", "",
    ]

    private func reference(_ text: String) -> [Unicode.Scalar] {
        Array(text.decomposedStringWithCanonicalMapping
            .folding(options: .caseInsensitive, locale: nil)
            .decomposedStringWithCanonicalMapping.unicodeScalars)
    }

    @Test(arguments: samples) func foldMatchesWholeTextFolding(_ text: String) {
        var folder = CaseFolder()

        #expect(folder.fold(text) == reference(text))
    }

    @Test func cachedAnswerMatchesFirst() {
        var folder = CaseFolder()

        let first = Self.samples.map { folder.fold($0) }
        let second = Self.samples.map { folder.fold($0) }

        #expect(first == second)
    }

    /// A filter folds every name into one buffer, which must not keep
    /// anything of a longer name folded before.
    @Test func foldIntoReusedBufferMatchesFresh() {
        var folder = CaseFolder()
        var buffer: [Unicode.Scalar] = []

        for text in Self.samples.reversed() + Self.samples {
            folder.fold(text, into: &buffer)
            #expect(buffer == reference(text))
        }
    }
}
