import Foundation

extension Ledger {
    /// Calls `write` with the lines of an export, reading one event at a
    /// time from one snapshot: first the `ExportHeader` with this ledger's
    /// key check value, then every event in position order.
    ///
    /// - Returns: the number of events written.
    @discardableResult
    public func exportEvents(_ write: (String) throws -> Void) throws -> Int64 {
        try storageOperation {
            try database.read { db in
                // The read transaction sees one snapshot, so the head read
                // here is the last event the loop below writes.
                let head = try EventStore(db: db).head()
                try write(ExportHeader(keyCheck: try storedKeyCheck(db), eventCount: head.position, headHash: head.hash).line)
                var count: Int64 = 0
                try EventStore(db: db).forEachEvent { event in
                    try write(try event.exportLine)
                    count += 1
                }
                return count
            }
        }
    }

    /// Loads an export (JSON Lines: an `ExportHeader`, then one event per
    /// line) into this ledger, which must hold no events, in one
    /// transaction. Every event is checked against the one before it while
    /// loading: positions, the hash chain, each hash against the event's
    /// contents, versions and time order. Each event must also pass what
    /// `verify` checks of its contents and the limits a save applies
    /// (`LoadedEventLimits`), because an edited file can be re-hashed.
    ///
    /// The header's key check must equal this ledger's, because the events'
    /// fingerprints were made with the source's key and would match nothing
    /// under another one. An export without a header, as written before the
    /// header existed, is loaded with `keyWasChecked` false.
    ///
    /// - Parameters:
    ///   - handle: the export, read in chunks.
    ///   - name: the file name used in error messages.
    ///   - progress: called after every 1,024 events and once after the
    ///   last, with the count loaded and the count the header announces
    ///   (nil without a header). A large export takes minutes to load.
    /// - Throws: `LedgerError.storage` when the header's key check differs
    ///   from this ledger's. `LedgerError.invalidInput` for an empty file, or
    ///   for the first broken event, naming its line, its position and the
    ///   field when one member is wrong. Nothing is stored then.
    @discardableResult
    public func importEvents(
        from handle: FileHandle, name: String, progress: EventImportProgress? = nil
    ) throws -> EventImportResult {
        let reader = JSONLinesReader(handle: handle, name: name)
        return try storageOperation {
            try database.write { db in
                var loader = try EventLoader(
                    db: db, ledgerPath: path, limits: LoadedEventLimits(catalog: catalog, now: Clock.nowMilliseconds()))
                var keyWasChecked = false
                var header: ExportHeader?
                var isFirstLine = true
                while let line = try reader.nextLine() {
                    let location = "\(name) line \(reader.lineNumber)"
                    if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                        continue
                    }
                    if isFirstLine {
                        isFirstLine = false
                        if let found = try ExportHeader(line: line, location: location) {
                            try checkKey(of: found, source: name, in: db)
                            keyWasChecked = true
                            header = found
                            continue
                        }
                    }
                    do {
                        try loader.load(try Self.event(exportLine: line, location: location))
                    } catch let fault as EventFault {
                        throw fault.invalidInput(at: location)
                    }
                    // Stops at the first event past the announced count,
                    // rather than loading the rest of a large file first.
                    if let header, loader.count > header.eventCount {
                        throw LedgerError.invalidInput(
                            location: location,
                            problem: "the header announces \(header.eventCount) event(s) but the file holds more; the export was edited or joined to another, so nothing was loaded")
                    }
                    if loader.count % Self.eventImportProgressInterval == 0 {
                        progress?(loader.count, header?.eventCount)
                    }
                }
                guard !isFirstLine else {
                    throw LedgerError.invalidInput(
                        location: name,
                        problem: "is empty: it holds no export header and no event, so the export that wrote it most likely failed; export the source ledger again")
                }
                if let header {
                    try Self.checkComplete(loader, against: header, name: name)
                }
                try loader.finish()
                progress?(loader.count, header?.eventCount)
                return EventImportResult(eventCount: loader.count, keyWasChecked: keyWasChecked)
            }
        }
    }

    /// Parses an event line after the first, naming a second export header
    /// as such: two exports joined into one file.
    private static func event(exportLine line: String, location: String) throws -> RecordedEvent {
        do {
            return try RecordedEvent(exportLine: line, location: location)
        } catch {
            // Only a line that is not an event is parsed again, so the check
            // costs nothing for a well-formed export.
            guard (try? ExportHeader(line: line, location: location)) == nil else {
                throw LedgerError.invalidInput(
                    location: location,
                    problem: "an export header after the first line; load one export at a time, into an empty ledger")
            }
            throw error
        }
    }

    /// Throws unless the loaded events are all that the header announced:
    /// without this, an export cut at a line boundary would load as a
    /// shorter, perfectly chained log.
    private static func checkComplete(_ loader: EventLoader, against header: ExportHeader, name: String) throws {
        if loader.count != header.eventCount {
            throw LedgerError.invalidInput(
                location: name,
                problem: "the header announces \(header.eventCount) event(s) but the file holds \(loader.count); the export is truncated or was edited, so nothing was loaded")
        }
        if loader.headHash != header.headHash {
            throw LedgerError.invalidInput(
                location: name,
                problem: "the last event's hash \(loader.headHash) is not the head hash \(header.headHash) that the header announces; nothing was loaded")
        }
    }

    /// Returns `ledger_metadata.key_check`, which `Ledger.create` stores.
    ///
    /// - Throws: `LedgerError.storage` when the row is missing.
    func storedKeyCheck(_ db: Database) throws -> String {
        guard let value = try db.scalarString("SELECT value FROM ledger_metadata WHERE name = 'key_check'") else {
            throw LedgerError.storage(
                path: path,
                problem: "has no key_check in ledger_metadata, so no fingerprint key can be checked against it. "
                    + "`ledger init` writes that row, so it was deleted or the file was not made by `ledger init`; "
                    + "restore the file from a backup")
        }
        return value
    }

    /// Throws unless `header` was written by a ledger with this ledger's fingerprint key.
    private func checkKey(of header: ExportHeader, source: String, in db: Database) throws {
        guard header.keyCheck != (try storedKeyCheck(db)) else { return }
        // The check compares the key this ledger was created with, not the
        // key file or $LEDGER_KEY, so the message names the ledger.
        throw LedgerError.storage(
            path: path,
            problem: """
                was created with another fingerprint key than the one that made the fingerprints in \(source), \
                so none of them would match here. Create a new target with the source ledger's key, \
                `LEDGER_KEY=$(cat SOURCE.sqlite.key) ledger init --db NEW.sqlite`, then import into NEW.sqlite
                """)
    }

    /// Writes a new ledger at `newPath` holding this log's events up to
    /// `position`, with the same hashes and freshly built projections, and
    /// the `idempotency_keys` rows of the saves up to `position`, so a retry
    /// sent to the copy gets the result this ledger returned at `position`.
    /// This ledger is only read.
    ///
    /// The new ledger keeps this one's fingerprint key, so fingerprints in
    /// both stay comparable: the key file is copied beside the new database
    /// (mode 0600), and with `$LEDGER_KEY` set no key file is written and
    /// the same variable opens both.
    ///
    /// Both files are built under hidden names and appear at their paths
    /// only when complete, so a failure or a caught signal leaves no copy.
    ///
    /// - Returns: the number of events copied.
    /// - Throws: `LedgerError.invalidInput` when `position` is past the end
    ///   of the log, `.storage` when `newPath` exists, `.key` when the key
    ///   cannot be loaded or its copy already exists, `.verificationFailed`
    ///   when the log up to `position` is broken or altered, or when a copied
    ///   `idempotency_keys` row contradicts it.
    @discardableResult
    public func replay(upToPosition position: Int64, into newPath: String) throws -> Int64 {
        let last = try eventCount()
        guard position <= last else {
            throw LedgerError.invalidInput(
                location: "--position \(position)",
                problem: "past the end of the log, which ends at position \(last); choose a position from 0 to \(last)")
        }
        let exists = LedgerError.storage(path: newPath, problem: "already exists; choose another --into path")
        guard !FileManager.default.fileExists(atPath: newPath) else {
            throw exists
        }

        let key = try fingerprintKey()
        let keyFromEnvironment = environment[FingerprintKey.environmentVariable] != nil
        let newKeyPath = FingerprintKey.defaultPath(forDatabase: newPath)
        if !keyFromEnvironment && FileManager.default.fileExists(atPath: newKeyPath) {
            throw LedgerError.key(path: newKeyPath, problem: "already exists; choose another --into path")
        }
        return try Ledger.stage(
            path: newPath,
            keyPath: newKeyPath,
            key: key,
            writesKeyFile: !keyFromEnvironment,
            environment: environment,
            existsError: exists
        ) { copy in
            try copyEvents(upToPosition: position, into: copy)
        }
    }

    /// Returns the positions of the save that `position` cuts in two: the
    /// save of the event at `position` when the next event belongs to it
    /// too. Nil when `position` ends a save or the log. The events of one
    /// save share a correlation id and are appended together, so the
    /// search walks outward from `position` by rowid instead of scanning
    /// the log for the id.
    public func saveCut(at position: Int64) throws -> ClosedRange<Int64>? {
        try storageOperation {
            try database.read { db in
                let statement = try db.statement("SELECT correlation_id FROM events WHERE position = ?")
                func correlationID(_ position: Int64) throws -> String? {
                    try statement.firstRow([.integer(position)]) { $0.string(0) }
                }
                guard position > 0, let id = try correlationID(position), try correlationID(position + 1) == id else {
                    return nil
                }
                var first = position
                while first > 1, try correlationID(first - 1) == id {
                    first -= 1
                }
                var last = position + 1
                while try correlationID(last + 1) == id {
                    last += 1
                }
                return first...last
            }
        }
    }

    /// Copies the events and idempotency keys in one transaction. Each
    /// failure names the file it happened in: a full disk is the new
    /// ledger's, a corrupt page this one's.
    private func copyEvents(upToPosition position: Int64, into copy: Ledger) throws -> Int64 {
        try copy.storageOperation {
            try copy.database.write { target in
                var loader = try EventLoader(
                    db: target, ledgerPath: copy.path, limits: LoadedEventLimits(catalog: catalog, now: Clock.nowMilliseconds()))
                try storageOperation {
                    try database.read { source in
                        try EventStore(db: source).forEachEvent(upToPosition: position) { event in
                            do {
                                try copy.storageOperation { try loader.load(event) }
                            } catch let fault as EventFault {
                                // The log is this ledger's own, so a fault in
                                // it is a failed integrity check, not bad input.
                                throw fault.verificationFailure
                            }
                        }
                        // No event carries the request digests of keyed saves,
                        // so without them the copy could not tell a retry from
                        // a new request.
                        try IdempotencyKeyStore(db: source).forEachEntry(upToPosition: position) { entry in
                            try copy.storageOperation { try IdempotencyKeyStore(db: target).insert(entry) }
                        }
                    }
                }
                // A row that contradicts the log would judge the copy's
                // retries against the wrong request, so it fails the replay
                // as an altered event does.
                if let contradiction = try IdempotencyKeyCheck(db: target).firstContradiction(headPosition: loader.count) {
                    throw contradiction.verificationFailure
                }
                try loader.finish()
                return loader.count
            }
        }
    }
}
