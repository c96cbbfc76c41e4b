/// The cap on one event's payload, in bytes of canonical JSON.
///
/// `import --events` reads lines of at most 16 MiB
/// (`JSONLinesReader.maximumLineBytes`), and an export line is the payload
/// plus an envelope of at most about 20 KiB (a reason of 4096 code points is
/// the largest member). A cap of a quarter of the line keeps every stored
/// event loadable with room to spare. Events within the other
/// limits stay well below it, except a change of all 256 settings at their
/// longest, or a forced delete listing tens of thousands of dataflows.
enum EventPayloadLimit {
    static let maximumBytes = 4 * 1024 * 1024

    /// Returns why `event`, written as `payloadText`, is too large to store,
    /// naming the list that made it large, or nil when it fits.
    static func problem(_ event: AccountEvent, payloadText: String, maximumBytes: Int = maximumBytes) -> String? {
        let size = payloadText.utf8.count
        guard size > maximumBytes else { return nil }
        let limit = maximumBytes == Self.maximumBytes ? "\(maximumBytes) (4 MiB)" : "\(maximumBytes)"
        return "the \(event.type.rawValue) event would be \(size) bytes of JSON, more than the \(limit) "
            + "that one event may hold, because \(cause(of: event))"
    }

    /// Returns what made `event` large and what to do about it.
    private static func cause(of event: AccountEvent) -> String {
        switch event {
        case .connected(let connected):
            return "of its \(connected.settings.count) settings and \(connected.credentials.count) credential fields; "
                + "shorten or remove some settings"
        case .settingsChanged(let changes):
            return "of its \(changes.count) setting changes; change fewer settings at once, or shorten their values"
        case .credentialsRotated(let change), .reconnected(let change):
            return "of its \(change.secrets.count) credential changes; change fewer credentials at once"
        case .deleted(_, let dataflows):
            return "it lists \(dataflows.count) active dataflows; deactivate some of them first"
        case .renamed, .descriptionChanged, .encryptionKeySet, .encryptionKeyRemoved,
            .dataflowActivated, .dataflowDeactivated:
            // Their values have length limits far below the cap.
            return "of its values; shorten them"
        }
    }
}
