extension Ledger {
    /// Imports platform snapshot files: diffs each record against its
    /// account's current state and appends the events that explain the
    /// difference, all files in one write transaction.
    ///
    /// Each record's events are one save with their own correlation id.
    /// Files are applied in the order given, so a later file may change an
    /// account that an earlier one connected. Every record is checked in
    /// full, and one that describes the version the ledger already has
    /// appends nothing, so importing the same files again appends nothing.
    ///
    /// - Returns: what was connected, changed and deleted, and the positions
    ///   appended.
    /// - Throws: `LedgerError.invalidInput` naming the file, record and
    ///   field of the first bad value, `.key` when a secret needs the
    ///   missing key, and `.storage`. Nothing from any file is written when
    ///   it throws.
    @discardableResult
    public func importSnapshots(
        _ files: [SnapshotFile], options: SnapshotImportOptions
    ) throws -> SnapshotImportResult {
        try checkContext(SaveContext(actor: options.actor, reason: options.reason))
        let recordsByFile = try files.map { try SnapshotReader.records(in: $0) }
        if options.isComplete && !options.allowsEmpty && recordsByFile.allSatisfy(\.isEmpty) {
            let names = files.map(\.name).joined(separator: ", ")
            throw LedgerError.invalidInput(
                location: names.isEmpty ? "snapshot files" : names,
                problem: "a complete import lists no connection, so it would delete every imported "
                    + "account; check the export, or if the platform really has none, import with "
                    + "--allow-empty")
        }
        let diff = SnapshotDiff(
            catalog: catalog, keyProvider: { [unowned self] in try self.fingerprintKey() })
        return try storageOperation {
            try database.write { db in
                // Records without times, and deletes, get one time for the
                // whole import. It is read once the write lock is held: read
                // before, it could fall before a change another writer
                // committed while the import waited.
                let importedAt = Clock.nowMilliseconds()
                let writer = ProjectionWriter(db: db)
                var result = SnapshotImportResult()
                var listedIDs: Set<String> = []
                for records in recordsByFile {
                    for record in records {
                        listedIDs.insert(record.id)
                        result.recordCount += 1
                        let state = try writer.currentState(accountID: record.id)
                        let recorded = try importRecord(
                            record, state: state, diff: diff, importedAt: importedAt, options: options,
                            pastExpiries: &result.pastExpiries, db: db)
                        if recorded.isEmpty {
                            result.unchangedCount += 1
                        } else if state == nil {
                            result.connected.append(record.id)
                        } else {
                            result.changed.append(record.id)
                        }
                        result.add(recorded)
                    }
                }
                if options.isComplete {
                    try deleteUnlisted(
                        listedIDs, importedAt: importedAt, options: options, db: db, result: &result)
                }
                return result
            }
        }
    }

    /// Deletes every live imported account that no file listed. The
    /// platform has already deleted them, so a delete is forced when
    /// dataflows still use the account. An account counts as imported when
    /// an import stored a record etag for it (`sourceEtag`). Platform
    /// responses carry one per connection, while accounts made by
    /// `ledger connect` have none, so those are kept.
    private func deleteUnlisted(
        _ listedIDs: Set<String>,
        importedAt: Int64,
        options: SnapshotImportOptions,
        db: Database,
        result: inout SnapshotImportResult
    ) throws {
        let query = """
            SELECT account_id, json_extract(state, '$.sourceEtag') IS NOT NULL FROM accounts
            WHERE deleted = 0 ORDER BY account_id
            """
        let liveAccounts = try db.statement(query).rows { (id: $0.string(0), isImported: $0.int(1) != 0) }
        let writer = ProjectionWriter(db: db)
        let context = SaveContext(actor: options.actor, reason: options.reason)
        for (id, isImported) in liveAccounts where !listedIDs.contains(id) {
            guard isImported else {
                result.keptUnlisted.append(id)
                continue
            }
            guard let state = try writer.currentState(accountID: id) else { continue }
            let dataflows = state.dataflows.sorted()
            let pending = PendingEvent(
                accountID: id,
                event: .deleted(forced: !dataflows.isEmpty, activeDataflows: dataflows),
                occurredAt: max(importedAt, state.updatedAt))
            let recorded = try append(
                [pending], context: context, correlationID: Self.newCorrelationID(), in: db)
            result.deleted.append(id)
            if !dataflows.isEmpty {
                result.deletedInUse.append(id)
            }
            result.add(recorded)
        }
    }
}
