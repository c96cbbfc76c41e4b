/// Reads one Flow Service snapshot file into base-connection records.
///
/// A file contains either one base connection object or a list response
/// `{"items": [...]}`. It is JSON, with `//` and `/* */` comments allowed
/// because the platform publishes its examples that way. Every field the
/// importer uses is checked for type and size here, so a bad file is
/// reported before anything is written. Members the importer does not use
/// (`createdClient`, `sandboxId`, `imsOrgId`, `state`, `version`, ...) are
/// ignored whatever their type.
public enum SnapshotReader {
    /// The earliest time in milliseconds accepted (`createdAt`, `updatedAt`,
    /// an expiry): the start of year 0001, as for times given as text.
    static let minimumMilliseconds = Timestamp.earliest
    /// The latest time in milliseconds accepted: the end of year 9999, so
    /// every time can be printed as RFC 3339.
    static let maximumMilliseconds = Timestamp.latest

    /// The maximum etag length accepted; the platform's etags are about 40 characters.
    static let maximumEtagLength = 256

    /// The largest snapshot file accepted, in bytes. A file is read and
    /// parsed whole: a 60 MiB file of 200,000 small records peaked at
    /// 521 MiB while parsed (debug build, `/usr/bin/time`), so this cap keeps
    /// an import near that. A base connection record in the platform's
    /// published samples takes about 1 KiB, so the cap still allows about
    /// 60,000 such records. A longer list can be imported as pages, which
    /// one `ledger import` applies together.
    public static let maximumFileBytes = 64 * 1024 * 1024

    /// The problem text for a file over `maximumFileBytes`.
    public static let fileTooLarge = "is larger than 64 MiB (\(maximumFileBytes) bytes), the maximum for one snapshot file; "
        + "split the list into pages and import them with one command, `ledger import page-1.json page-2.json ...`"

    /// Returns the problem for an integer time out of range, given its JSON
    /// text. Times are never secrets, so a value of up to 20 characters (any
    /// `Int64`) is quoted. A longer one is named by its digit count, so the
    /// message stays short.
    static func millisecondsOutOfRange(_ text: String) -> String {
        let digitCount = text.utf8.count { $0 != UInt8(ascii: "-") }
        let value = text.utf8.count <= 20 ? text : "a \(digitCount)-digit integer"
        return "\(value) is out of range; expected milliseconds since 1970 (negative before it) for a time from "
            + "\(Timestamp.format(minimumMilliseconds)) to \(Timestamp.format(maximumMilliseconds))"
    }

    /// Returns the records of one file, in file order.
    ///
    /// - Throws: `LedgerError.invalidInput` naming the file and the line and
    ///   column of a syntax error, or the file, the record (1-based index
    ///   and id) and the field of a bad value.
    public static func records(in file: SnapshotFile) throws -> [ConnectionRecord] {
        let document: JSONValue
        do {
            // Number text is kept because a number may be a secret or a
            // setting, and either is taken as its digits as written.
            document = try JSONParser.parse(file.bytes, allowsComments: true, keepsNumberText: true)
        } catch let error as JSONSyntaxError {
            throw LedgerError.invalidInput(
                location: "\(file.name) line \(error.line), column \(error.column)", problem: error.message)
        }
        let records = try recordObjects(in: document, fileName: file.name)
        var firstIndexByID: [String: Int] = [:]
        var result: [ConnectionRecord] = []
        result.reserveCapacity(records.count)
        for (offset, members) in records.enumerated() {
            let record = try RecordParser(members: members, fileName: file.name, index: offset + 1).record()
            if let earlier = firstIndexByID[record.id] {
                throw record.invalid(
                    "id", "record \(earlier) has the same id; a snapshot lists each connection once, so remove one of them")
            }
            firstIndexByID[record.id] = offset + 1
            result.append(record)
        }
        return result
    }

    /// Returns the record objects of the document: the object itself, or the
    /// members of its `items` list.
    private static func recordObjects(
        in document: JSONValue, fileName: String
    ) throws -> [JSONObject] {
        let expected = "expected one base connection object (with id, name, connectionSpec and auth) "
            + "or a list {\"items\": [...]}"
        guard let members = document.objectValue else {
            throw LedgerError.invalidInput(
                location: fileName, problem: "the document is a JSON \(document.typeName); \(expected)")
        }
        guard let items = members["items"] else {
            guard members["id"] != nil else {
                throw LedgerError.invalidInput(
                    location: fileName, problem: "the top-level object has neither items nor id; \(expected)")
            }
            return [members]
        }
        guard members["id"] == nil else {
            throw LedgerError.invalidInput(
                location: fileName, problem: "the top-level object has both items and id; \(expected)")
        }
        guard let elements = items.arrayValue else {
            throw LedgerError.invalidInput(
                location: "\(fileName): items", problem: "expected an array, found \(items.typeName)")
        }
        return try elements.enumerated().map { offset, element in
            guard let object = element.objectValue else {
                throw LedgerError.invalidInput(
                    location: "\(fileName) record \(offset + 1)",
                    problem: "expected an object, found \(element.typeName)")
            }
            return object
        }
    }
}
