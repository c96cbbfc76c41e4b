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
    /// changes that an immutable open would skip.
    static func canRetryAsImmutable(_ error: SQLiteError, path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        return error.isCannotOpen
            && FileManager.default.fileExists(atPath: path)
            && !FileManager.default.fileExists(atPath: path + "-wal")
            && access(folder.isEmpty ? "." : folder, W_OK) != 0
    }
}
