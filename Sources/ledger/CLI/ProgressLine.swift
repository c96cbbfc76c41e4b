/// A line on standard error that a long command redraws in place, such as
/// "rebuilding: 2048 of 90000 events". It is shown only when standard error
/// is a terminal, so logs and pipes get no carriage returns.
struct ProgressLine {
    private let terminal: Terminal
    private let isShown: Bool

    init(_ terminal: Terminal) {
        self.terminal = terminal
        isShown = terminal.standardErrorIsTerminal
    }

    /// Replaces the line with `text`.
    func show(_ text: String) {
        if isShown {
            terminal.writeErrorWithoutNewline("\r\(text)")
        }
    }

    /// Runs `body` and then erases the line, also when `body` throws, so
    /// that neither the summary nor an error message starts after it.
    func erasing<T>(after body: (ProgressLine) throws -> T) rethrows -> T {
        defer {
            if isShown {
                terminal.writeErrorWithoutNewline("\r\u{1B}[K")
            }
        }
        return try body(self)
    }
}
