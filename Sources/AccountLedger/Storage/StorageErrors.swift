import Foundation
import CSQLite

/// Turns SQLite failures into `LedgerError.storage` messages that say what
/// is wrong with the file and what to do.
enum StorageErrors {
    static func describe(_ error: SQLiteError, path: String) -> LedgerError {
        let problem: String
        if error.isNotADatabase {
            problem = "is not a SQLite database (or is encrypted); point --db at a ledger file"
        } else if error.isCorrupt {
            problem = "is corrupt (\(error.message)); restore it from a backup or an export"
        } else if error.isReadOnly, let companion = readOnlyCompanion(of: path, rollingBack: error.isReadOnlyRollback) {
            return LedgerError.storage(path: companion.path, problem: companion.problem)
        } else if error.isReadOnly {
            problem = "is read-only (\(error.message)); check the permissions of the file and its folder"
        } else if error.isFull {
            // SQLite reports a full temporary folder as it does a full
            // database disk, so the message names both.
            problem = "no space left on the database's disk or on the disk of SQLite's temporary folder "
                + "\(SQLiteTemporaryFolder.describe()), or the database reached its size limit; "
                + "nothing was written, free space and retry"
        } else if let problem = sharedMemoryProblem(error) {
            // SQLite keeps the -shm file beside the file a link points to.
            let database = LedgerFileChecks.symbolicLinkTarget(path) == nil ? path : resolvedPath(path)
            return LedgerError.storage(path: database + "-shm", problem: problem)
        } else if error.isFileTooLarge {
            problem = "a write went past the file size limit (the process's `ulimit -f`, or the largest file its file system allows); nothing was written, raise the limit and retry"
        } else if error.isBusy {
            problem = "is locked by another writer for longer than the busy timeout of \(busyTimeoutText); retry"
        } else if error.isCannotOpen && isInReadOnlyFolder(path) {
            problem = "is in a folder that cannot be written (a read-only file system or its permissions), and SQLite must create its -wal and -shm files beside it; reads work once those exist or the -wal file is gone, writes need a writable folder"
        } else if error.isCannotOpen {
            problem = "cannot be opened (\(error.message)); check that the path and its folder exist and are accessible"
        } else {
            problem = "SQLite error \(error.extendedCode): \(error.message)"
        }
        return LedgerError.storage(path: path, problem: problem)
    }

    /// Names the file beside a writable database that makes SQLite report
    /// it read-only. One is a rollback journal, which a ledger in WAL mode
    /// never writes and which SQLite must roll back before reading. The
    /// other is a -shm file this process cannot write: a reader leaves it
    /// with the database's mode when the database was read-only then.
    private static func readOnlyCompanion(of givenPath: String, rollingBack: Bool) -> (path: String, problem: String)? {
        // SQLite keeps the companions beside the file a symbolic link points
        // to, not beside the link.
        let path = resolvedPath(givenPath)
        let journal = path + "-journal"
        // Only when SQLite reported that it needed a rollback: a stale
        // journal beside a read-only file is not the cause.
        if rollingBack, FileManager.default.fileExists(atPath: journal) {
            return (journal, "is a rollback journal, which a ledger never writes, and SQLite must roll it back into the "
                + "database before reading it. If a program that changed the file in rollback mode stopped midway, "
                + "open the file once with the sqlite3 shell to finish that; if the journal came from another "
                + "database, move it away. Then run `ledger verify`")
        }
        let sharedMemory = path + "-shm"
        if access(path, W_OK) == 0, FileManager.default.fileExists(atPath: sharedMemory), access(sharedMemory, W_OK) != 0 {
            return (sharedMemory, "cannot be written by this user, so SQLite opens the ledger read-only; a reader leaves "
                + "this file with the database's mode when the database was read-only at the time. When no process "
                + "uses the ledger, remove it (SQLite makes it again) or make it writable")
        }
        let log = path + "-wal"
        if access(path, W_OK) == 0, FileManager.default.fileExists(atPath: log), access(log, W_OK) != 0 {
            return (log, "cannot be written by this user, so SQLite opens the ledger read-only. Do not remove it: it may "
                + "hold committed changes not yet copied into the database. Give this user write access to it "
                + "(or run the command as its owner)")
        }
        return nil
    }

    /// Describes a failure of SQLite's shared-memory file, which every
    /// connection to a WAL database, a reader's too, grows and maps. On a
    /// full disk growing it fails with `SQLITE_IOERR_SHMSIZE`.
    private static func sharedMemoryProblem(_ error: SQLiteError) -> String? {
        guard let step = error.sharedMemoryStep else { return nil }
        let reason = String(cString: strerror(error.systemErrorCode))
        if error.systemErrorCode == ENOSPC || error.systemErrorCode == EDQUOT {
            return "cannot be \(step), because there is no space left on its disk (\(reason)); "
                + "nothing was written, free space and retry"
        }
        return "cannot be \(step) (\(reason), SQLite error \(error.extendedCode)); check the disk and the "
            + "file system of the ledger's folder, then retry"
    }

    /// The busy timeout in seconds, or in milliseconds when not whole.
    private static var busyTimeoutText: String {
        let milliseconds = Ledger.busyTimeoutMilliseconds
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }

    /// Returns `path` with symbolic links resolved, or `path` itself when
    /// that fails.
    private static func resolvedPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func isInReadOnlyFolder(_ path: String) -> Bool {
        let folder = PathParts.folder(of: path)
        return FileManager.default.fileExists(atPath: path) && access(folder.isEmpty ? "." : folder, W_OK) != 0
    }
}
