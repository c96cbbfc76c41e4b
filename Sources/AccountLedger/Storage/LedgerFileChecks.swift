import Foundation

/// Checks of a ledger's path that SQLite does not make before it opens or
/// creates a file there.
///
/// SQLite finds a database's write-ahead log, shared-memory index, rollback
/// journal and locks by the database's file name. A second hard link to the
/// file therefore has a log and locks of its own, and a log left at a path
/// is applied to whatever database appears there next.
enum LedgerFileChecks {
    /// The files SQLite keeps beside a database, by their suffixes.
    static let companionSuffixes = ["-wal", "-shm", "-journal"]

    /// Returns why the existing file at `path` cannot be opened as a
    /// ledger, or nil when it may be tried. A missing path is left to the
    /// caller, which has its own advice.
    static func existingFileProblem(_ path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR {
            return "is a folder; point --db at a ledger file"
        }
        // Opening a FIFO for reading waits for a writer, so without this
        // check the command would hang instead of failing.
        guard type == S_IFREG else {
            return "is not a regular file (\(kindName(type))); point --db at a ledger file"
        }
        // NOTE: `PartialFile.publish` links a new ledger into place before
        // it unlinks the hidden name, so an open in that instant fails here.
        if status.st_nlink > 1 {
            return "has \(status.st_nlink) hard links. SQLite keeps a database's write-ahead log and locks by file name, "
                + "so writers through two names lose each other's saves, and a hard link is not a copy. "
                + "Remove the other names, which `find / -xdev -samefile \(path.quotedAsShellPath())` lists, or make them symbolic links"
        }
        return nil
    }

    /// Returns the first file beside `path` that SQLite would take as part
    /// of a database created there, with the reason it must be moved.
    /// Returns nil when there is none.
    static func leftoverCompanion(of path: String) -> (path: String, problem: String)? {
        for suffix in companionSuffixes {
            let companion = path + suffix
            var status = stat()
            // lstat, so that a dangling symbolic link counts as well.
            guard lstat(companion, &status) == 0 else { continue }
            return (companion, "is left from an earlier database at \(path), and SQLite would apply it to the new ledger; "
                + "move it away (with any other \(companionSuffixes.joined(separator: ", ")) file of that name) "
                + "or choose another path")
        }
        return nil
    }

    /// Returns where the symbolic link at `path` points, or nil when
    /// `path` is not one. A new ledger or key file is published under its
    /// name with link(2), which fails on any name that exists, a link to a
    /// missing file included, so callers name the link instead.
    static func symbolicLinkTarget(_ path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return nil }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "(unreadable target)"
    }

    /// Returns why no new file can be created at `path` when it is a
    /// symbolic link to a missing file or into a loop of links, or nil
    /// when it is no link. A link to a file that exists is left to the
    /// caller's own "already exists".
    static func newFileLinkProblem(_ path: String, kind: String) -> String? {
        brokenLink(path).map { "\($0); a new \(kind) is not created through a link, so give the path of a file, or remove the link" }
    }

    /// Returns the problem of a symbolic link at `path` that leads to no
    /// file, because its target is missing or the links form a loop, or nil
    /// when `path` is no such link.
    static func brokenLinkProblem(_ path: String) -> String? {
        brokenLink(path).map { "\($0); point the link at the ledger file, or give the file's own path" }
    }

    /// Describes where the symbolic link at `path` leads when it leads to no
    /// file, or returns nil when `path` is no link or its target exists.
    private static func brokenLink(_ path: String) -> String? {
        guard let target = symbolicLinkTarget(path) else { return nil }
        var status = stat()
        guard stat(path, &status) != 0 else { return nil }
        let whereItLeads = errno == ELOOP ? "and following it leads back into a loop of links" : "which does not exist"
        return "is a symbolic link to \(target), \(whereItLeads)"
    }

    private static func kindName(_ type: mode_t) -> String {
        switch type {
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "file type \(String(type, radix: 8))"
        }
    }
}
