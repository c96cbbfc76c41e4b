import Foundation

/// A new file built under a hidden name in the folder of its final path and
/// moved there only once complete, so that the final path contains the
/// whole file or nothing.
///
/// The hidden name is `.NAME.partial-XXXXXXXX`, with 8 random hexadecimal
/// digits, so two runs never share one and a run never touches another's.
struct PartialFile {
    let finalPath: String
    let partialPath: String

    init(finalPath: String) {
        self.finalPath = finalPath
        let folder = PathParts.folder(of: finalPath)
        let name = "." + PathParts.name(of: finalPath) + ".partial-" + Hex.encode(Digest.randomBytes(4))
        partialPath = folder.isEmpty ? name : folder + "/" + name
    }

    /// Returns whether a partial file for `finalPath` was changed in the
    /// last minute, so that another command is most likely building the
    /// file now, as `ledger demo` does after removing its earlier demo.
    /// A killed run leaves its partial file behind, and the minute keeps
    /// such leftovers from being taken for work in progress for long.
    static func isBeingBuilt(at finalPath: String, now: Date = Date()) -> Bool {
        let folder = PathParts.folder(of: finalPath)
        let prefix = "." + PathParts.name(of: finalPath) + ".partial-"
        let folderPath = folder.isEmpty ? "." : folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folderPath) else { return false }
        return names.contains { name in
            guard name.hasPrefix(prefix),
                let attributes = try? FileManager.default.attributesOfItem(atPath: folderPath + "/" + name),
                let modified = attributes[.modificationDate] as? Date
            else { return false }
            return now.timeIntervalSince(modified) < 60
        }
    }

    /// Returns why no new file can be made at `path`, or nil when it can be
    /// tried: the path is empty or ends in `/`, or its folder is missing or
    /// is not a folder. Callers check this before any work, because each of
    /// these would otherwise surface only when the finished file is moved.
    static func pathProblem(_ path: String) -> String? {
        guard !path.isEmpty else {
            return "the path is empty; give a file name"
        }
        guard !path.hasSuffix("/") else {
            return "the path ends in /, so it names a folder; give a file name"
        }
        let folder = PathParts.folder(of: path)
        guard !folder.isEmpty else { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            return "folder \(folder) does not exist; create it first, or choose a path in an existing folder"
        }
        guard isFolder.boolValue else {
            return "\(folder) is not a folder; choose a path in an existing folder"
        }
        return nil
    }

    /// The partial file and the files SQLite may keep beside it.
    var databasePaths: [String] {
        [partialPath, partialPath + "-wal", partialPath + "-shm", partialPath + "-journal"]
    }

    /// Moves the finished file to its final path, failing when that path
    /// exists, and syncs the folder so that the move survives a power loss.
    ///
    /// - Parameters:
    ///   - exists: the error when the final path exists, which is left alone.
    ///   - error: turns any other problem text into the caller's error.
    func publish(exists: any Error, error: (String) -> any Error) throws {
        // link(2) fails when the final path exists, where rename(2) would
        // replace it.
        if link(partialPath, finalPath) == 0 {
            unlink(partialPath)
        } else if errno == EEXIST {
            throw exists
        } else if errno == EPERM || errno == EOPNOTSUPP {
            // NOTE: file systems without hard links (FAT, some FUSE mounts)
            // only rename, so a file created between this check and the
            // rename is replaced.
            guard !FileManager.default.fileExists(atPath: finalPath) else { throw exists }
            guard rename(partialPath, finalPath) == 0 else {
                throw error("cannot be moved into place: \(String(cString: strerror(errno)))")
            }
        } else {
            throw error("cannot be moved into place: \(String(cString: strerror(errno)))")
        }
        syncFolder()
    }

    /// Syncs the folder's entries. Failures are ignored because some file
    /// systems reject fsync on a folder, and the file itself is complete.
    private func syncFolder() {
        let folder = PathParts.folder(of: finalPath)
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
