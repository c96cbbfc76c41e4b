import Foundation

/// A small tmpfs mounted in a fresh folder, for tests of a full disk and of
/// a read-only file system; unmounted and removed when released.
///
/// Mounting needs root with CAP_SYS_ADMIN, which the development machines
/// and CI have; tests that need it are disabled elsewhere, never faked.
final class ScratchFileSystem {
    let folder: URL

    /// Whether this process may mount a tmpfs, found by trying once.
    static let isAvailable: Bool = {
        guard let probe = try? ScratchFileSystem(kilobytes: 64) else { return false }
        _ = probe
        return true
    }()

    init(kilobytes: Int) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-mount-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do {
            try Self.mount(["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", folder.path])
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    deinit {
        try? Self.mount(["-o", "remount,rw", folder.path])
        _ = try? Self.run("/usr/bin/umount", [folder.path])
        try? FileManager.default.removeItem(at: folder)
    }

    func path(_ name: String) -> String {
        folder.appendingPathComponent(name).path
    }

    /// Remounts the file system read-only: writes fail even for root.
    func makeReadOnly() throws {
        try Self.mount(["-o", "remount,ro", folder.path])
    }

    /// Remounts it with a new size, to free space on a full one.
    func resize(kilobytes: Int) throws {
        try Self.mount(["-o", "remount,size=\(kilobytes)k", folder.path])
    }

    private static func mount(_ arguments: [String]) throws {
        let status = try run("/usr/bin/mount", arguments)
        guard status == 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSLocalizedDescriptionKey: "mount \(arguments) exited \(status)"])
        }
    }

    private static func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
