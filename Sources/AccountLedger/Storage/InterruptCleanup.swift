import Foundation
import Synchronization

/// The first of the handled signals to arrive while a ledger is being
/// built, or 0. The handler may touch only this and a pipe, because it runs
/// in signal context.
private let caughtSignal = Atomic<Int32>(0)

/// The write end of the pipe that wakes the cleanup thread, or -1.
private let wakeWriteEnd = Atomic<Int32>(-1)

/// Records the signal and wakes the cleanup thread. It calls only
/// async-signal-safe functions.
private func recordSignal(_ number: Int32) {
    _ = caughtSignal.compareExchange(expected: 0, desired: number, ordering: .sequentiallyConsistent)
    var byte: UInt8 = 1
    _ = write(wakeWriteEnd.load(ordering: .sequentiallyConsistent), &byte, 1)
}

/// Removes the partial files of the ledgers being built when the process
/// gets SIGINT, SIGTERM or SIGHUP, then exits with status 128 plus the
/// signal number, as shells report a process ended by a signal.
///
/// The handlers are installed while at least one ledger is being built and
/// the previous ones are restored after. The handler only records the
/// signal. A thread of this class then removes the files under the lock
/// that also guards the moves of finished files, so a move is never cut
/// short. `removing` checks for a recorded signal before it returns, so a
/// signal that arrives as the work ends still ends the process the same
/// way, with the finished files in place.
///
/// The same handlers also defer a signal from just before a commit until the
/// command's result is written (`deferSignalsBeforeCommit`), when the
/// command-line tool enables that.
///
/// SIGKILL cannot be caught, so a killed run leaves its hidden
/// `.NAME.partial-*` files behind; they are never at the final path.
final class InterruptCleanup: @unchecked Sendable {
    static let shared = InterruptCleanup()

    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private let lock = NSLock()
    private var partialPaths: [Int: [String]] = [:]
    private var nextID = 0
    /// The actions in place before `installHandlers`, kept whole. Read as an
    /// optional function pointer, SIG_IGN (1) is one of the values Swift
    /// reserves. A `zip` over such an array stopped at it, so the handlers
    /// after an ignored SIGINT were never put back.
    private var previousActions: [sigaction] = []
    private var hasCleanupThread = false
    /// Whether commits defer the signals; only a caller that ends the
    /// deferral after writing its output may enable it.
    private var defersAtCommit = false
    /// Whether a committed change waits for its result to be written, so a
    /// signal recorded meanwhile ends the process only at `endDeferral`.
    private var isDeferring = false

    /// Runs `body` with `paths` removed if one of the signals arrives first.
    func removing<T>(_ paths: [String], during body: () throws -> T) rethrows -> T {
        let id = register(paths)
        defer { unregister(id) }
        return try body()
    }

    /// Runs `body` while no signal handler can remove files, for the moves
    /// that put finished files in place.
    ///
    /// A signal recorded before the moves start ends the process here,
    /// with nothing moved, even when the cleanup thread has not run yet:
    /// on a busy machine the work could otherwise finish first.
    func holdingSignals<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        let number = caughtSignal.load(ordering: .sequentiallyConsistent)
        if number != 0 {
            removePartialFilesAndExit(signal: number)
        }
        let result = try body()
        // The finished files are in place, so a signal from here on waits
        // for the result line, as after a commit to an existing ledger.
        startDeferring()
        return result
    }

    /// Enables the deferral of signals at commits, for the process.
    func enableDeferral() {
        lock.lock()
        defer { lock.unlock() }
        defersAtCommit = true
    }

    /// Holds SIGINT, SIGTERM and SIGHUP from just before a commit until
    /// `endDeferral`, so that a command is never ended by one of them after
    /// its change is stored but before it reports the change. Does nothing
    /// while a new file is being built, because a signal then removes the
    /// file and nothing is stored.
    func deferSignalsBeforeCommit() {
        lock.lock()
        defer { lock.unlock() }
        guard partialPaths.isEmpty else { return }
        startDeferring()
    }

    /// Called with the lock held.
    private func startDeferring() {
        guard defersAtCommit, !isDeferring else { return }
        if partialPaths.isEmpty {
            installHandlers()
        }
        isDeferring = true
    }

    /// Ends the deferral. A signal recorded during it ends the process now,
    /// with status 128 plus its number.
    func endDeferral() {
        lock.lock()
        defer { lock.unlock() }
        guard isDeferring else { return }
        isDeferring = false
        let number = caughtSignal.load(ordering: .sequentiallyConsistent)
        if number != 0 {
            removePartialFilesAndExit(signal: number)
        }
        if partialPaths.isEmpty {
            removeHandlers()
        }
    }

    private func register(_ paths: [String]) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if partialPaths.isEmpty && !isDeferring {
            installHandlers()
        }
        nextID += 1
        partialPaths[nextID] = paths
        return nextID
    }

    private func unregister(_ id: Int) {
        lock.lock()
        defer { lock.unlock() }
        // A signal recorded before this point belongs to the work that just
        // ended; the cleanup thread may not have run yet. When that work
        // put its files in place, `endDeferral` honours the signal instead,
        // after the result is written.
        let number = caughtSignal.load(ordering: .sequentiallyConsistent)
        if number != 0 && !isDeferring {
            removePartialFilesAndExit(signal: number)
        }
        partialPaths[id] = nil
        if partialPaths.isEmpty && !isDeferring {
            removeHandlers()
        }
    }

    /// Called with the lock held.
    private func installHandlers() {
        startCleanupThread()
        for number in Self.signals {
            var current = sigaction()
            sigaction(number, nil, &current)
            previousActions.append(current)
            // A signal the process already ignores (SIGHUP under nohup)
            // stays ignored.
            guard unsafeBitCast(current.__sigaction_handler, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self) else { continue }
            signal(number, recordSignal)
        }
    }

    /// Called with the lock held.
    private func removeHandlers() {
        for (offset, number) in Self.signals.enumerated() where offset < previousActions.count {
            var previous = previousActions[offset]
            sigaction(number, &previous, nil)
        }
        previousActions = []
    }

    /// Starts, once per process, the thread that waits for the handler's
    /// wake-up byte. Called with the lock held.
    private func startCleanupThread() {
        guard !hasCleanupThread else { return }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            // Without the pipe the handler cannot wake the thread, but the
            // check in `unregister` still honours the signal when the work ends.
            return
        }
        hasCleanupThread = true
        wakeWriteEnd.store(ends[1], ordering: .sequentiallyConsistent)
        let readEnd = ends[0]
        let thread = Thread { [unowned self] in
            while true {
                var byte: UInt8 = 0
                while read(readEnd, &byte, 1) < 0, errno == EINTR {}
                self.lock.lock()
                // A deferred signal is left recorded for `endDeferral`, but
                // only for a while: writing the result can block for good on
                // a pipe that no process reads, and the signal must still end
                // the process then.
                var waited = 0
                while self.isDeferring && waited < Self.longestDeferral {
                    self.lock.unlock()
                    usleep(50_000)
                    waited += 50_000
                    self.lock.lock()
                }
                self.removePartialFilesAndExit(signal: caughtSignal.load(ordering: .sequentiallyConsistent))
            }
        }
        thread.start()
    }

    /// The maximum wait, in microseconds, of a signal for a committed
    /// change's result to be written before it ends the process anyway.
    static let longestDeferral = 5_000_000

    /// Called with the lock held, so no file moves into place before the end.
    ///
    /// The process ends by the signal itself, with its default action, so
    /// that a shell running it in a loop stops at Ctrl-C as for any other
    /// program. For bash, a plain exit with status 130 means a program that
    /// handled the signal, and the loop went on.
    private func removePartialFilesAndExit(signal number: Int32) -> Never {
        for path in partialPaths.values.joined() {
            unlink(path)
        }
        signal(number, SIG_DFL)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, number)
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        kill(getpid(), number)
        // The signal ends the process as soon as a thread takes it. Should
        // every thread block it, the status still names the signal.
        usleep(1_000_000)
        _exit(128 + number)
    }
}
