import AccountLedger
import Testing

@Suite struct JSONTextTests {
    @Test func parserDecodesEscapesBetweenPlainRuns() throws {
        let value = try JSONParser.parse(#"{"text":"a\"b\\c\n\u00e9\ud83d\ude00 end"}"#)
        #expect(value["text"]?.stringValue == "a\"b\\c\né😀 end")
    }

    @Test func parserKeepsMultibyteTextWithoutEscapes() throws {
        let value = try JSONParser.parse(#"["Zürich – 東京"]"#)
        #expect(value.arrayValue?.first?.stringValue == "Zürich – 東京")
    }

    @Test func writerEscapesOnlyWhatJSONRequires() {
        let text = JSONWriter.canonical(.string("quote\" back\\ tab\t bell\u{07} é/"))
        #expect(text == #""quote\" back\\ tab\t bell\u0007 é/""#)
    }

    @Test func writerSortsKeysByUTF8Bytes() {
        let text = JSONWriter.canonical(.object(["b": .integer(1), "B": .integer(2), "é": .integer(3), "a": .null]))
        #expect(text == #"{"B":2,"a":null,"b":1,"é":3}"#)
    }

    @Test func writerOutputParsesBackToSameValue() throws {
        let value = JSONValue.object([
            "name": .string("line\nbreak \"quoted\""),
            "list": .array([.integer(-3), .bool(true), .string("ü")]),
        ])
        #expect(try JSONParser.parse(JSONWriter.canonical(value)) == value)
    }
}
