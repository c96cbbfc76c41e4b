@testable import AccountLedger
import Testing

@Suite struct JSONObjectTests {
    @Test func objectsWithTheSameMembersInAnotherOrderAreEqual() throws {
        let first = try JSONParser.parse(#"{"a":1,"b":[true],"c":{"d":null}}"#)
        let second = try JSONParser.parse(#"{"c":{"d":null},"b":[true],"a":1}"#)
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
    }

    @Test func objectsDifferingInOneValueAreNotEqual() throws {
        #expect(try JSONParser.parse(#"{"a":1,"b":2}"#) != JSONParser.parse(#"{"a":1,"b":3}"#))
    }

    @Test func lookupAmongSameLengthNames() throws {
        let members = try #require(JSONParser.parse(#"{"ab":1,"cd":2,"é":3,"ef":4}"#).objectValue)
        #expect(members["cd"] == 2)
        #expect(members["é"] == 3)
        #expect(members["gh"] == nil)
    }

    @Test func settingNilRemovesTheMember() {
        var members: JSONObject = ["a": 1, "b": 2]
        members["a"] = nil
        #expect(members.keys == ["b"])
        #expect(members["a"] == nil)
    }

    @Test func duplicateNameAfterSixteenMembersIsRejected() {
        let members = (0..<20).map { "\"k\($0)\":\($0)" } + ["\"k3\":0"]
        #expect(throws: JSONSyntaxError.self) {
            try JSONParser.parse("{" + members.joined(separator: ",") + "}")
        }
    }

    @Test func canonicalTextSortsMembersWhateverTheirOrder() throws {
        let value = try JSONParser.parse(#"{"z":1,"a":{"y":2,"b":3}}"#)
        #expect(JSONWriter.canonical(value) == #"{"a":{"b":3,"y":2},"z":1}"#)
    }
}
