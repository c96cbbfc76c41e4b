#if canImport(Glibc)
import Glibc
#endif

/// A new output file, such as an event export, that appears at its final
/// path only once it is complete.
///
/// It is written under a hidden name beside the final path (`PartialFile`),
/// removed when the write fails or the process gets SIGINT, SIGTERM or
/// SIGHUP (`InterruptCleanup`), and moved into place without replacing a
/// file that exists. SIGKILL leaves the hidden file, never a cut-off file at
/// the final path.
public enum NewFile {
    /// Calls `body` with the hidden path to write, then moves that file to
    /// `path`.
    ///
    /// - Parameters:
    ///   - exists: the error when `path` exists, checked before `body` runs
    ///     and again by the move, which never replaces a file.
    ///   - moveFailed: turns the problem text of a failed move into the
    ///     caller's error.
    ///   - unusablePath: turns the problem text of a path that can name no
    ///     new file (empty, ending in `/`, or in a missing folder or one that
    ///     is not a folder) into the caller's error, thrown before `body` runs.
    ///   - body: writes the whole file at the path it is given and closes it.
    public static func write<T>(
        to path: String,
        exists: any Error,
        moveFailed: (String) -> any Error,
        unusablePath: (String) -> any Error,
        _ body: (_ partialPath: String) throws -> T
    ) throws -> T {
        if let problem = PartialFile.pathProblem(path) {
            throw unusablePath(problem)
        }
        if let problem = LedgerFileChecks.newFileLinkProblem(path, kind: "file") {
            throw unusablePath(problem)
        }
        // lstat, so that any other link counts too: link(2) would fail on it.
        var status = stat()
        if lstat(path, &status) == 0 {
            throw exists
        }
        let file = PartialFile(finalPath: path)
        do {
            return try InterruptCleanup.shared.removing([file.partialPath]) {
                let result = try body(file.partialPath)
                try InterruptCleanup.shared.holdingSignals {
                    try file.publish(exists: exists, error: moveFailed)
                }
                return result
            }
        } catch {
            unlink(file.partialPath)
            throw error
        }
    }
}
