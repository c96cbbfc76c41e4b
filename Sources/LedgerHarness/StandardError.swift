import AccountLedger
import Foundation

/// Writes a message of a tool to standard error with write(2).
/// `FileHandle.write` stops the process when the write fails, and a tool
/// that cannot report its message has nothing better to do than go on.
public func writeToStandardError(_ text: String) {
    try? FileDescriptorIO.writeAll(Array(text.utf8), to: STDERR_FILENO)
}
