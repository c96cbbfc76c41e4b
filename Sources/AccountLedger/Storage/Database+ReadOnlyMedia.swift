import Foundation

extension Database {
    /// Returns a `file:` URI for `path` with `immutable=1`, escaping the
    /// characters that URIs reserve.
    static func immutableURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let escaped = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        let absolute = escaped.hasPrefix("/") ? escaped : FileManager.default.currentDirectoryPath + "/" + escaped
        return "file:" + absolute + "?immutable=1"
    }

    /// Whether a read-only open that failed should be retried as immutable:
    /// the file exists in a folder that cannot be written (so SQLite cannot
    /// create the -shm file a WAL database needs), and no -wal file holds
    /// changes that an immutable open would skip. SQLite reports such a
    /// folder as "cannot open" on a read-only file system, and as a
    /// read-only folder when only permissions forbid writing.
    static func canRetryAsImmutable(_ error: SQLiteError, path: String) -> Bool {
        let folder = PathParts.folder(of: path)
        return (error.isCannotOpen || error.isReadOnlyFolder)
            && FileManager.default.fileExists(atPath: path)
            && !FileManager.default.fileExists(atPath: path + "-wal")
            && access(folder.isEmpty ? "." : folder, W_OK) != 0
    }
}
