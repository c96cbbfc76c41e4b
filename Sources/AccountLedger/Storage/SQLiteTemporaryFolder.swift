import Foundation

/// The folder where SQLite's Unix VFS writes its temporary files: sort runs
/// too large for memory, TEMP tables and transient indexes. It may be on
/// another disk than the database, so a full one must be named apart.
///
/// SQLite's documentation ("Temporary Files Used By SQLite", section 5)
/// gives the search order on Unix: the folder set by `sqlite3_temp_directory`
/// (which the ledger never sets), `$SQLITE_TMPDIR`, `$TMPDIR`, `/var/tmp`,
/// `/usr/tmp`, `/tmp`, and then the current folder. The first that exists
/// as a folder and that the process may write and search is used.
enum SQLiteTemporaryFolder {
    /// The variables SQLite reads, in its order.
    static let variables = ["SQLITE_TMPDIR", "TMPDIR"]
    /// The folders SQLite tries after the variables, in its order.
    static let defaults = ["/var/tmp", "/usr/tmp", "/tmp"]

    /// Returns the folder SQLite uses with `environment`, and the variable
    /// that named it (nil for a default folder).
    static func find(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> (path: String, variable: String?) {
        for variable in variables {
            if let path = environment[variable], isUsable(path) {
                return (path, variable)
            }
        }
        return (defaults.first(where: isUsable) ?? ".", nil)
    }

    /// Returns the folder as a message names it: its path and where the
    /// path came from.
    static func describe(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let found = find(environment: environment)
        if let variable = found.variable {
            return "\(found.path) (from $\(variable))"
        }
        if found.path == "." {
            return ". (the current folder, because \(defaults.joined(separator: ", ")) cannot be written)"
        }
        return "\(found.path) (a default; $SQLITE_TMPDIR or $TMPDIR moves it)"
    }

    /// Returns whether `path` is a folder that the process may write and
    /// search, the check SQLite makes.
    private static func isUsable(_ path: String) -> Bool {
        var status = stat()
        return !path.isEmpty && stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
            && access(path, W_OK | X_OK) == 0
    }
}
