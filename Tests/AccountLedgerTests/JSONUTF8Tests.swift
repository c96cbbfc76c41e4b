@testable import AccountLedger
import Testing

/// The parser checks UTF-8 eight ASCII bytes at a time, so these inputs put
/// the fault or the multi-byte character on each side of such a step.
@Suite struct JSONUTF8Tests {
    private func syntaxError(_ bytes: [UInt8]) -> JSONSyntaxError? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch let error as JSONSyntaxError {
            return error
        } catch {
            return nil
        }
    }

    @Test func invalidByteAfterALongASCIIRunIsPlacedByLineAndColumn() {
        let bytes = Array("{\n  \"name\": \"abcdefghijklmnop".utf8) + [0xFF] + Array("\"}".utf8)
        #expect(syntaxError(bytes) == JSONSyntaxError(line: 2, column: 28, message: "invalid UTF-8 byte 0xFF"))
    }

    @Test func multibyteCharacterAcrossAnEightByteStepIsAccepted() throws {
        for padding in 0..<9 {
            let text = "[\"" + String(repeating: "a", count: padding) + "é東😀\"]"
            #expect(try JSONParser.parse(Array(text.utf8)).arrayValue?.first?.stringValue
                == String(repeating: "a", count: padding) + "é東😀")
        }
    }

    @Test func sequenceCutShortAtTheEndIsRejected() {
        #expect(syntaxError(Array("\"abcdefgh".utf8) + [0xE6, 0x9D]) != nil)
    }

    @Test func overlongEncodingIsRejected() {
        #expect(syntaxError(Array("\"abcdefgh".utf8) + [0xE0, 0x80, 0xAF] + Array("\"".utf8))?.message
            == "invalid UTF-8 byte 0xE0")
    }

    @Test func encodedSurrogateIsRejected() {
        #expect(syntaxError(Array("\"x".utf8) + [0xED, 0xA0, 0x80] + Array("\"".utf8))?.message
            == "invalid UTF-8 byte 0xED")
    }
}
