@testable import AccountLedger
import Testing

@Suite struct JSONTextTests {
    @Test func parserDecodesEscapesBetweenPlainRuns() throws {
        let value = try JSONParser.parse(#"{"text":"a\"b\\c\n\u00e9\ud83d\ude00 end"}"#)
        #expect(value["text"]?.stringValue == "a\"b\\c\né😀 end")
    }

    /// Plain runs are scanned eight bytes at a time, so each special byte
    /// is tried at every offset within such a step.
    @Test func parserFindsQuotesEscapesAndControlsAtEveryOffset() throws {
        for offset in 0..<17 {
            let plain = String(repeating: "a", count: offset)
            let escaped = try JSONParser.parse("[\"\(plain)\\\"\(plain)\"]")
            #expect(escaped.arrayValue?.first?.stringValue == plain + "\"" + plain)
            #expect(throws: JSONSyntaxError.self) { try JSONParser.parse("[\"\(plain)\u{01}\(plain)\"]") }
            #expect(try JSONParser.parse("[\"\(plain)\",\"\(plain)\"]").arrayValue?.count == 2)
        }
    }

    @Test func parserKeepsMultibyteTextWithoutEscapes() throws {
        let value = try JSONParser.parse(#"["Zürich – 東京"]"#)
        #expect(value.arrayValue?.first?.stringValue == "Zürich – 東京")
    }

    @Test func outOfRangeNumberIsNotQuoted() throws {
        let digits = "4242" + String(repeating: "7", count: 400)
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse("[\(digits)]") }
        #expect(error.message == "number is out of range (404 characters)")
        #expect(error.column == 2)
    }

    @Test func keptNumberTextIsAsWritten() throws {
        let text = "[1234.5000, -0, 1E3, 1e999, 98765432109876543210]"
        let value = try JSONParser.parse(Array(text.utf8), keepsNumberText: true)
        #expect(value == [
            .numberText("1234.5000"), .numberText("-0"), .numberText("1E3"), .numberText("1e999"),
            .numberText("98765432109876543210"),
        ])
        #expect(JSONWriter.canonical(value) == "[1234.5000,-0,1E3,1e999,98765432109876543210]")
    }

    @Test func numbersAreBinaryByDefault() throws {
        let value = try JSONParser.parse("[1234.5000, 22]")
        #expect(value == [.double(1234.5), .integer(22)])
        #expect(JSONWriter.canonical(value) == "[1234.5,22]")
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

    @Test func envelopeTextIsStable() {
        let event = RecordedEvent(
            position: 1, accountID: "a1", version: 1, type: "AccountRenamed", schemaVersion: 1,
            occurredAt: 5, recordedAt: 6, actor: "al\"ice", reason: nil, correlationID: "c1",
            idempotencyKey: nil, payloadText: #"{"from":"x","to":"y"}"#, previousHash: "00", hash: "")
        let expected = #"{"account_id":"a1","actor":"al\"ice","correlation_id":"c1","idempotency_key":null,"#
            + #""occurred_at":5,"payload":{"from":"x","to":"y"},"position":1,"prev_hash":"00","reason":null,"#
            + #""recorded_at":6,"schema_version":1,"type":"AccountRenamed","version":1}"#
        #expect(event.canonicalEnvelope() == expected)
    }

    @Test func prettyTextIndentsNestedMembers() {
        let text = JSONWriter.pretty(.object(["b": .array([.integer(1)]), "a": .object([:])]))
        #expect(text == "{\n  \"a\": {},\n  \"b\": [\n    1\n  ]\n}")
    }
}
