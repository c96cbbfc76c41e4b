import AccountLedger

/// "Café" spelled with a precomposed é (U+00E9).
let composedCafe = "Caf\u{E9}"
/// "Café" spelled with "e" and a combining acute accent (U+0301). Swift's `==`
/// calls it equal to `composedCafe`, but its UTF-8 bytes differ.
let decomposedCafe = "Cafe\u{301}"

/// Returns the UTF-8 bytes of `text`, so a check compares bytes, not
/// canonically equivalent characters.
func utf8Bytes(_ text: String?) -> [UInt8]? {
    text.map { Array($0.utf8) }
}

/// Returns the connect command of an SFTP account whose name, description,
/// username and `domain` setting are all `text`.
func sftpConnect(_ text: String) -> AccountCommand {
    .connect(ConnectRequest(
        name: text, description: text, destination: "sftp", username: text,
        settings: ["domain": text], secrets: ["password": Secret("pw-1")]))
}

/// The texts of an account that a save or an import can change. The
/// setting is `domain`, as `sftpConnect` sets it.
enum AccountText: CaseIterable, Sendable {
    case name, description, username, setting

    /// Returns this text of `state`.
    func value(in state: AccountState) -> String? {
        switch self {
        case .name: state.name
        case .description: state.description
        case .username: state.username
        case .setting: state.settings["domain"]
        }
    }
}
