/// Splits a file path into its folder and its last name.
///
/// Foundation's `NSString.deletingLastPathComponent` crashes the process
/// (an illegal instruction) on a path of one character, such as `x`, in the
/// Foundation that ships with Swift on Linux, so `ledger export --output x`
/// ended with status 132. These read the bytes instead.
enum PathParts {
    /// Returns the folder of `path` as `deletingLastPathComponent` would:
    /// empty for a bare name, `/` for a name at the root.
    static func folder(of path: String) -> String {
        let bytes = trimmed(path)
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        var end = slash
        while end > bytes.startIndex, bytes[end - 1] == UInt8(ascii: "/") {
            end -= 1
        }
        return end == bytes.startIndex ? "/" : String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// Returns the last name of `path`, without the slashes after it; `/`
    /// for the root itself.
    static func name(of path: String) -> String {
        let bytes = trimmed(path)
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")), bytes.count > 1 else {
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(decoding: bytes[(slash + 1)...], as: UTF8.self)
    }

    /// Returns the path's bytes without trailing slashes, except a lone `/`.
    private static func trimmed(_ path: String) -> ArraySlice<UInt8> {
        var bytes = ArraySlice(path.utf8)
        while bytes.count > 1, bytes.last == UInt8(ascii: "/") {
            bytes.removeLast()
        }
        return bytes
    }
}
