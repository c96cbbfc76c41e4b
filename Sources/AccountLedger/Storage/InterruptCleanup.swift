import Dispatch
import Foundation

/// Removes the partial files of the ledgers being built when the process
/// gets SIGINT, SIGTERM or SIGHUP, then exits with status 128 plus the
/// signal number, as shells report a process ended by a signal.
///
/// The handlers are installed while at least one ledger is being built and
/// the previous ones are restored after. They run on a dispatch queue, not
/// in signal context, so they may take the lock that also guards the moves
/// of finished files: a move is never cut short.
///
/// SIGKILL cannot be caught, so a killed run leaves its hidden
/// `.NAME.partial-*` files behind; they are never at the final path.
final class InterruptCleanup: @unchecked Sendable {
    static let shared = InterruptCleanup()

    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private let lock = NSLock()
    private var partialPaths: [Int: [String]] = [:]
    private var nextID = 0
    private var sources: [DispatchSourceSignal] = []
    private var previousHandlers: [__sighandler_t?] = []
    private let queue = DispatchQueue(label: "ledger.interrupt-cleanup")

    /// Runs `body` with `paths` removed if one of the signals arrives first.
    func removing<T>(_ paths: [String], during body: () throws -> T) rethrows -> T {
        let id = register(paths)
        defer { unregister(id) }
        return try body()
    }

    /// Runs `body` while no signal handler can remove files, for the moves
    /// that put finished files in place.
    func holdingSignals<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private func register(_ paths: [String]) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if partialPaths.isEmpty {
            installHandlers()
        }
        nextID += 1
        partialPaths[nextID] = paths
        return nextID
    }

    private func unregister(_ id: Int) {
        lock.lock()
        defer { lock.unlock() }
        partialPaths[id] = nil
        if partialPaths.isEmpty {
            removeHandlers()
        }
    }

    /// Called with the lock held.
    private func installHandlers() {
        for number in Self.signals {
            // A dispatch signal source needs the signal's default action off.
            let previous = signal(number, SIG_IGN)
            previousHandlers.append(previous)
            // A signal the process already ignores (SIGHUP under nohup)
            // stays ignored.
            guard unsafeBitCast(previous, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self) else { continue }
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [unowned self] in
                self.removePartialFilesAndExit(signal: number)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Called with the lock held.
    private func removeHandlers() {
        for source in sources {
            source.cancel()
        }
        for (number, handler) in zip(Self.signals, previousHandlers) {
            signal(number, handler)
        }
        sources = []
        previousHandlers = []
    }

    private func removePartialFilesAndExit(signal number: Int32) {
        // The lock stays held, so no file moves into place before the end.
        lock.lock()
        for path in partialPaths.values.joined() {
            unlink(path)
        }
        // _exit ends every thread at once, where a signal raised from this
        // thread could leave a traced process stopped.
        _exit(128 + number)
    }
}
