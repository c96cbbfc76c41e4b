/// The deferral of SIGINT, SIGTERM and SIGHUP around a commit, for a
/// command-line tool that must report every change it stores.
///
/// Once enabled, a signal is held when it arrives after the start of a
/// commit to an existing ledger, or of the move of a new ledger file into
/// place, and before `endDeferral()`. It then ends the process with status
/// 128 plus its number, as shells report a process ended by that signal.
/// So a process ended by one of these signals either stored nothing or
/// wrote its result first. SIGKILL cannot be deferred.
public enum CommitSignals {
    /// Enables the deferral for the rest of the process. The caller must
    /// call `endDeferral()` once the result is written, or signals stay
    /// held after the first commit.
    public static func enableDeferral() {
        InterruptCleanup.shared.enableDeferral()
    }

    /// Ends the deferral after the result is written. A signal held
    /// meanwhile ends the process here.
    public static func endDeferral() {
        InterruptCleanup.shared.endDeferral()
    }
}
