import AccountLedger
import Foundation

/// Every subcommand, in the order `ledger --help` lists them.
let commands: [any LedgerCommand.Type] = [
    InitCommand.self,
    ConnectCommand.self,
    EditCommand.self,
    ReconnectCommand.self,
    SetEncryptionKeyCommand.self,
    RemoveEncryptionKeyCommand.self,
    ActivateCommand.self,
    DeactivateCommand.self,
    DeleteCommand.self,
    AccountsCommand.self,
    ShowCommand.self,
    HistoryCommand.self,
    ImportCommand.self,
    VerifyCommand.self,
    DigestCommand.self,
    AuditCommand.self,
    WhoUsedCommand.self,
    RebuildCommand.self,
    ReplayCommand.self,
    ExportCommand.self,
    DemoCommand.self,
]

// A write past the file size limit (`ulimit -f`) would otherwise end the
// process with SIGXFSZ before it could remove a partial file or report what
// failed. Ignored, the write fails with EFBIG, which every write path
// already reports and cleans up after, as for a full disk.
signal(SIGXFSZ, SIG_IGN)

// A reader that closes the pipe, such as `head`, would otherwise end the
// process with SIGPIPE right after a save committed, with no word of the
// change. Ignored, the write fails with EPIPE. After a commit, the error
// then reports that the change was saved; before one, `Terminal.flush`
// ends the process as SIGPIPE would have.
signal(SIGPIPE, SIG_IGN)

// Secrets pass through memory in clear on their way to a fingerprint, and
// a core file would keep them on disk, so this process never writes one.
var noCoreFile = rlimit(rlim_cur: 0, rlim_max: 0)
setrlimit(Int32(RLIMIT_CORE.rawValue), &noCoreFile)

// A signal between a commit and the line that reports it would leave a
// stored change that the user never saw, and a retry would fail or repeat
// it, so such a signal waits until the result is written.
CommitSignals.enableDeferral()

let tool = CommandLineTool(commands: commands)
exit(tool.finish(tool.runWithProcessArguments()))
