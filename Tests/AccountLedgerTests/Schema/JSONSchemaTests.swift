import AccountLedger
import Testing

/// Each keyword of the validator's subset, accepting and rejecting.
@Suite struct JSONSchemaTests {
    private func schema(_ text: String) throws -> JSONSchema {
        try JSONSchema(JSONParser.parse(text))
    }

    private func violation(_ schemaText: String, _ instanceText: String) throws -> JSONSchema.Violation? {
        try schema(schemaText).firstViolation(JSONParser.parse(instanceText))
    }

    @Test func typeAcceptsMatchingValue() throws {
        #expect(try violation(#"{"type": "string"}"#, #""a""#) == nil)
        #expect(try violation(#"{"type": "integer"}"#, "3") == nil)
        #expect(try violation(#"{"type": "number"}"#, "3") == nil)
        #expect(try violation(#"{"type": "number"}"#, "3.5") == nil)
        #expect(try violation(#"{"type": "boolean"}"#, "false") == nil)
        #expect(try violation(#"{"type": "null"}"#, "null") == nil)
        #expect(try violation(#"{"type": "array"}"#, "[]") == nil)
        #expect(try violation(#"{"type": "object"}"#, "{}") == nil)
    }

    @Test func typeRejectsOtherValue() throws {
        let found = try violation(#"{"type": "string"}"#, "3")
        #expect(found == JSONSchema.Violation(path: "$", problem: "expected string, found integer"))
        #expect(try violation(#"{"type": "integer"}"#, "3.5") != nil)
        #expect(try violation(#"{"type": "object"}"#, "[]") != nil)
    }

    @Test func typeListAcceptsAnyListedType() throws {
        let list = #"{"type": ["string", "null"]}"#
        #expect(try violation(list, "null") == nil)
        #expect(try violation(list, #""x""#) == nil)
        #expect(try violation(list, "1")?.problem == "expected string or null, found integer")
    }

    @Test func requiredNamesMissingMember() throws {
        let found = try violation(#"{"type": "object", "required": ["name"]}"#, #"{"other": 1}"#)
        #expect(found == JSONSchema.Violation(path: "$", problem: "missing required member name"))
        #expect(try violation(#"{"required": ["name"]}"#, #"{"name": 1}"#) == nil)
    }

    @Test func propertiesCheckTheirMembers() throws {
        let text = #"{"properties": {"name": {"type": "string"}}}"#
        #expect(try violation(text, #"{"name": "a", "other": 1}"#) == nil)
        #expect(try violation(text, #"{"name": 1}"#)?.path == "$.name")
    }

    @Test func additionalPropertiesFalseRejectsUnknownMember() throws {
        let text = #"{"properties": {"a": {}}, "additionalProperties": false}"#
        #expect(try violation(text, #"{"a": 1}"#) == nil)
        let found = try violation(text, #"{"a": 1, "b": 2}"#)
        #expect(found == JSONSchema.Violation(path: "$.b", problem: "unknown member; allowed members are: a"))
    }

    @Test func additionalPropertiesSchemaChecksExtraMembers() throws {
        let text = #"{"additionalProperties": {"type": "string"}}"#
        #expect(try violation(text, #"{"x": "1", "y": "2"}"#) == nil)
        #expect(try violation(text, #"{"x": "1", "y z": 2}"#)?.path == #"$["y z"]"#)
    }

    @Test func itemsCheckEveryElementWithIndex() throws {
        let text = #"{"type": "array", "items": {"type": "integer"}}"#
        #expect(try violation(text, "[1, 2, 3]") == nil)
        #expect(try violation(text, #"[1, "two", 3]"#)?.path == "$[1]")
    }

    @Test func minItemsRejectsShortArray() throws {
        #expect(try violation(#"{"minItems": 1}"#, "[0]") == nil)
        #expect(try violation(#"{"minItems": 1}"#, "[]")?.problem == "has 0 items; the minimum is 1")
    }

    @Test func enumAcceptsOnlyListedValues() throws {
        let text = #"{"enum": ["a", 1]}"#
        #expect(try violation(text, #""a""#) == nil)
        #expect(try violation(text, "1") == nil)
        #expect(try violation(text, #""b""#)?.problem == #""b" is not one of the allowed values: "a", 1"#)
    }

    @Test func constAcceptsOnlyItsValue() throws {
        #expect(try violation(#"{"const": true}"#, "true") == nil)
        #expect(try violation(#"{"const": true}"#, "false")?.problem == "must be true, found false")
    }

    @Test func patternSearchesTheString() throws {
        let text = #"{"pattern": "^[0-9a-f]{4}$"}"#
        #expect(try violation(text, #""09af""#) == nil)
        #expect(try violation(text, #""09AF""#)?.problem == "does not match the pattern ^[0-9a-f]{4}$")
        // Unanchored patterns match anywhere, as in ECMA-262.
        #expect(try violation(#"{"pattern": "b"}"#, #""abc""#) == nil)
    }

    @Test func lengthLimitsCountCodePoints() throws {
        let text = #"{"minLength": 2, "maxLength": 3}"#
        #expect(try violation(text, #""ab""#) == nil)
        #expect(try violation(text, #""été""#) == nil)
        #expect(try violation(text, #""a""#)?.problem == "is 1 code point long; the minimum is 2")
        #expect(try violation(text, #""abcd""#)?.problem == "is 4 code points long; the maximum is 3")
    }

    @Test func lengthLimitsCountMultibyteCodePoints() throws {
        // Byte counts near the limits: only counting code points decides.
        #expect(try violation(#"{"maxLength": 2}"#, #""éé""#) == nil)
        #expect(try violation(#"{"maxLength": 2}"#, #""ééé""#)?.problem == "is 3 code points long; the maximum is 2")
        #expect(try violation(#"{"minLength": 2}"#, #""😀""#)?.problem == "is 1 code point long; the minimum is 2")
        #expect(try violation(#"{"minLength": 2}"#, #""😀😀""#) == nil)
    }

    @Test func memberSchemaFoundAmongSameLengthNames() throws {
        let text = #"{"properties": {"ab": {"type": "string"}, "cd": {"type": "integer"}}}"#
        #expect(try violation(text, #"{"ab": "x", "cd": 1}"#) == nil)
        #expect(try violation(text, #"{"cd": "x"}"#) == JSONSchema.Violation(path: "$.cd", problem: "expected integer, found string"))
    }

    @Test func numericLimitsAreInclusive() throws {
        let text = #"{"minimum": 1, "maximum": 10}"#
        #expect(try violation(text, "1") == nil)
        #expect(try violation(text, "10") == nil)
        #expect(try violation(text, "0")?.problem == "is 0; the minimum is 1")
        #expect(try violation(text, "10.5")?.problem == "is 10.5; the maximum is 10")
    }

    @Test func referenceUsesDefinition() throws {
        let text = ##"{"$defs": {"id": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/id"}}}"##
        #expect(try violation(text, #"{"a": "x"}"#) == nil)
        #expect(try violation(text, #"{"a": 1}"#) == JSONSchema.Violation(path: "$.a", problem: "expected string, found integer"))
    }

    @Test func nestedPathNamesEveryStep() throws {
        let text = #"{"properties": {"changes": {"items": {"properties": {"name": {"type": "string"}}}}}}"#
        #expect(try violation(text, #"{"changes": [{"name": "a"}, {"name": null}]}"#)?.path == "$.changes[1].name")
    }

    @Test func anyOfAcceptsValueMatchingOneAlternative() throws {
        let text = #"{"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 0}]}"#
        #expect(try violation(text, #""a""#) == nil)
        #expect(try violation(text, "3") == nil)
        #expect(try violation(text, "-1") == JSONSchema.Violation(
            path: "$", problem: "matches none of the anyOf schemas: $: expected string, found integer; $: is -1; the minimum is 0"))
    }

    @Test func falseSchemaRejectsAnyPresentMember() throws {
        let text = #"{"properties": {"gone": false}}"#
        #expect(try violation(text, "{}") == nil)
        #expect(try violation(text, #"{"gone": null}"#) == JSONSchema.Violation(path: "$.gone", problem: "no value is allowed here"))
    }

    @Test func unsupportedKeywordIsRejectedAtLoad() throws {
        #expect(throws: JSONSchema.DefinitionError.self) {
            try schema(#"{"properties": {"a": {"oneOf": []}}}"#)
        }
    }

    @Test func referenceToMissingDefinitionIsRejectedAtLoad() throws {
        #expect(throws: JSONSchema.DefinitionError(path: "$.items.$ref", problem: "$ref names #/$defs/gone, which is not defined")) {
            try schema(##"{"items": {"$ref": "#/$defs/gone"}}"##)
        }
    }

    @Test func invalidPatternIsRejectedAtLoad() throws {
        #expect(throws: JSONSchema.DefinitionError.self) {
            try schema(#"{"pattern": "(unclosed"}"#)
        }
    }
}
