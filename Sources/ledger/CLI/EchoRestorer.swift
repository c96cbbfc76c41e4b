#if canImport(Glibc)
import Glibc
#endif

/// Puts the terminal back as it was when a signal stops the process while
/// a prompt has echo turned off. Without it, a Ctrl-C at the prompt left
/// the user's shell typing blind, since not every shell restores the
/// terminal after a command it ran was killed.
enum EchoRestorer {
    /// The signals that end a process by default and can come from a user.
    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// The settings to restore. A signal handler can read only global
    /// state, and this is written before any handler is installed.
    nonisolated(unsafe) private static var saved = termios()
    /// The handlers in place before `install`, put back by `remove`.
    nonisolated(unsafe) private static var previous: [Int32: __sighandler_t?] = [:]

    /// Installs handlers that restore `settings` and then let the signal
    /// end the process as it would have. A signal the process ignores
    /// stays ignored.
    static func install(_ settings: termios) {
        saved = settings
        for number in signals {
            let earlier = signal(number) { received in
                // tcsetattr, signal and raise may be called from a handler.
                tcsetattr(STDIN_FILENO, TCSANOW, &EchoRestorer.saved)
                signal(received, SIG_DFL)
                raise(received)
            }
            previous[number] = earlier
            if let earlier, unsafeBitCast(earlier, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                signal(number, SIG_IGN)
            }
        }
    }

    /// Puts back the handlers that were in place before `install`.
    static func remove() {
        for number in signals {
            if let earlier = previous[number] {
                signal(number, earlier)
            }
        }
        previous = [:]
    }
}
