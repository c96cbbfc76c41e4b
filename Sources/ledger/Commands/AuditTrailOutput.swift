import AccountLedger

/// Prints the audit trail as it is read, so memory does not grow with the
/// number of entries. JSON Lines and CSV write each entry as it comes. The
/// table reads the trail twice in one read transaction: a first pass only
/// measures the column widths, a second one prints the lines.
struct AuditTrailOutput {
    enum Format {
        case table
        case csv
        case jsonLines
    }

    static let headers = [
        "WHEN", "ACTOR", "ACCOUNT", "NAME", "DESTINATION", "KIND", "CHANGE", "FIELD", "OLD", "NEW", "REASON",
        "CORRELATION", "RECORDED",
    ]

    let format: Format
    let terminal: Terminal

    func print(_ query: AuditQuery, from ledger: Ledger) throws {
        switch format {
        case .jsonLines:
            try ledger.forEachAuditEntry(query) { entry in
                terminal.writeLine(JSONWriter.canonical(entry.json))
            }
        case .csv:
            // The header waits for the account lookup, so an unknown
            // account leaves no file that looks like an empty trail.
            try ledger.readAuditTrail(query) { trail in
                terminal.write(TextTable.csvLine(Self.headers))
                try trail.forEach { entry in
                    terminal.write(TextTable.csvLine(cells(entry)))
                }
            }
        case .table:
            try ledger.readAuditTrail(query, printTable)
        }
    }

    private func printTable(_ trail: AuditTrailSnapshot) throws {
        var widths = TextTable.ColumnWidths(headers: Self.headers)
        try trail.forEach { entry in
            widths.measure(TextTable.displayCells(cells(entry)))
        }
        var lines = TextTable.LineWriter(widths: widths, emit: terminal.write)
        lines.write(Self.headers)
        var count = 0
        try trail.forEach { entry in
            lines.write(TextTable.displayCells(cells(entry)))
            count += 1
        }
        lines.finish()
        terminal.writeLine("\(count) change(s)")
    }

    /// Returns the cells of one row, nil for an absent value. The table
    /// shortens fingerprints to 12 characters, but CSV keeps them whole.
    private func cells(_ entry: AuditEntry) -> [String?] {
        func shown(_ value: String?) -> String? {
            guard let value else { return nil }
            return entry.valuesAreFingerprints && format == .table ? String(value.prefix(12)) : value
        }
        return [
            Timestamp.format(entry.occurredAt), entry.actor, entry.accountID, entry.accountName, entry.destination,
            entry.kind.rawValue, entry.change, entry.field, shown(entry.oldValue), shown(entry.newValue),
            entry.reason, entry.correlationID, Timestamp.format(entry.recordedAt),
        ]
    }
}
