/// Turns one account's audit entries into the periods in which any of its
/// secret fields held a given fingerprint.
enum CredentialUsageFinder {
    static func periods(of fingerprint: String, in entries: [AuditEntry]) -> [CredentialUsage] {
        var open: [String: CredentialUsage] = [:]
        var closed: [CredentialUsage] = []
        func close(_ field: String, at entry: AuditEntry) {
            guard var usage = open.removeValue(forKey: field) else { return }
            usage.to = entry.occurredAt
            usage.toPosition = entry.position
            closed.append(usage)
        }
        for entry in entries {
            if entry.kind == .lifecycle && entry.change.hasSuffix("deleted") {
                for field in open.keys.sorted() {
                    close(field, at: entry)
                }
                continue
            }
            guard entry.kind == .credentials || entry.kind == .oauth, entry.valuesAreFingerprints,
                let field = entry.field
            else { continue }
            if entry.newValue == fingerprint {
                // A reconnect that hands back the same token keeps the period open.
                if open[field] == nil {
                    open[field] = CredentialUsage(
                        accountID: entry.accountID, accountName: entry.accountName, destination: entry.destination,
                        field: field, from: entry.occurredAt, to: nil, fromPosition: entry.position, toPosition: nil)
                }
            } else {
                close(field, at: entry)
            }
        }
        let stillOpen = open.values.sorted { ($0.fromPosition, $0.field) < ($1.fromPosition, $1.field) }
        return (closed + stillOpen).sorted { ($0.fromPosition, $0.field) < ($1.fromPosition, $1.field) }
    }
}
