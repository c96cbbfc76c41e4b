extension SnapshotDiff {
    /// Returns the names of what `events` change, such as `name` or
    /// `credential secretKey`, for messages. Values are never included,
    /// because some are secrets.
    ///
    /// A secret that only moves to another field with the same fingerprint
    /// is no change. The diff finds such a move for an account imported
    /// when secrets kept the platform's names (`s3SecretKey`), and the
    /// value is the same.
    static func changedFields(_ events: [AccountEvent]) -> [String] {
        var fields: [String] = []
        for event in events {
            switch event {
            case .renamed:
                fields.append("name")
            case .descriptionChanged:
                fields.append("description")
            case .credentialsRotated(let change), .reconnected(let change):
                fields += changedFields(change)
            case .settingsChanged(let changes):
                fields += changes.map { "setting \($0.name)" }
            case .encryptionKeySet, .encryptionKeyRemoved:
                fields.append("encryption key")
            case .connected, .dataflowActivated, .dataflowDeactivated, .deleted:
                // A diff against an existing account never makes these.
                fields.append(event.type.rawValue)
            }
        }
        return fields
    }

    /// Returns `fields` as a list in words: `a`, `a and b`, `a, b and c`.
    static func list(_ fields: [String]) -> String {
        guard let last = fields.last, fields.count > 1 else { return fields.first ?? "" }
        return fields.dropLast().joined(separator: ", ") + " and " + last
    }

    private static func changedFields(_ change: CredentialChange) -> [String] {
        var fields: [String] = []
        if change.username != nil {
            fields.append("username")
        }
        let removed = Set(change.secrets.values.filter { $0.to == nil }.compactMap { $0.from?.hex })
        let added = Set(change.secrets.values.filter { $0.from == nil }.compactMap { $0.to?.hex })
        for field in change.secrets.keys.sorted() {
            let secret = change.secrets[field]!
            let movedAway = secret.to == nil && secret.from.map { added.contains($0.hex) } == true
            let movedHere = secret.from == nil && secret.to.map { removed.contains($0.hex) } == true
            // A new OAuth grant lists its unchanged secrets too.
            let isUnchanged = secret.from?.hex == secret.to?.hex
            if !movedAway && !movedHere && !isUnchanged {
                fields.append("credential \(field)")
            }
        }
        if change.expiresAt != nil {
            fields.append("expiry")
        }
        if change.authorizedAt != nil {
            fields.append("authorization date")
        }
        return fields
    }
}
