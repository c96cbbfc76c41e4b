import Foundation

extension Ledger {
    /// Calls `write` with every event of the log as one export line, in
    /// position order, reading one event at a time from one snapshot.
    ///
    /// - Returns: the number of events written.
    @discardableResult
    public func exportEvents(_ write: (String) throws -> Void) throws -> Int64 {
        try storageOperation {
            try database.read { db in
                var count: Int64 = 0
                try EventStore(db: db).forEachEvent { event in
                    try write(event.exportLine)
                    count += 1
                }
                return count
            }
        }
    }

    /// Loads an export (JSON Lines, one event per line) into this ledger,
    /// which must hold no events, in one transaction. Every event is checked
    /// against the one before it while loading: positions, the hash chain,
    /// each hash against the event's contents, versions and time order.
    ///
    /// - Parameters:
    ///   - handle: the export, read in chunks.
    ///   - name: the file name used in error messages.
    /// - Returns: the number of events loaded.
    /// - Throws: `LedgerError.invalidInput` naming the line and position of
    ///   the first broken event; nothing is stored then.
    @discardableResult
    public func importEvents(from handle: FileHandle, name: String) throws -> Int64 {
        let reader = JSONLinesReader(handle: handle, name: name)
        return try storageOperation {
            try database.write { db in
                var loader = try EventLoader(db: db, ledgerPath: path)
                while let line = try reader.nextLine() {
                    let location = "\(name) line \(reader.lineNumber)"
                    if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                        continue
                    }
                    try loader.load(try RecordedEvent(exportLine: line, location: location), location: location)
                }
                try loader.finish()
                return loader.count
            }
        }
    }

    /// Writes a new ledger at `newPath` holding this log's events up to
    /// `position`, with the same hashes and freshly built projections. This
    /// ledger is only read.
    ///
    /// The new ledger keeps this one's fingerprint key, so fingerprints in
    /// both stay comparable: the key file is copied beside the new database
    /// (mode 0600), and with `$LEDGER_KEY` set no key file is written and
    /// the same variable opens both.
    ///
    /// - Returns: the number of events copied.
    /// - Throws: `LedgerError.storage` when `newPath` exists, `.key` when
    ///   the key cannot be loaded or its copy already exists.
    @discardableResult
    public func replay(upToPosition position: Int64, into newPath: String) throws -> Int64 {
        let key = try fingerprintKey()
        let keyFromEnvironment = environment[FingerprintKey.environmentVariable] != nil
        let newKeyPath = FingerprintKey.defaultPath(forDatabase: newPath)
        if !keyFromEnvironment && FileManager.default.fileExists(atPath: newKeyPath) {
            throw LedgerError.key(path: newKeyPath, problem: "already exists; choose another --into path")
        }
        // Creating with the key in the environment makes the new ledger
        // check against this key instead of generating one.
        var keyEnvironment = environment
        keyEnvironment[FingerprintKey.environmentVariable] = Hex.encode(key.bytes)
        let copy = try Ledger.create(path: newPath, keyPath: newKeyPath, environment: keyEnvironment)
        do {
            if !keyFromEnvironment {
                try key.write(toFile: newKeyPath)
            }
            return try copyEvents(upToPosition: position, into: copy)
        } catch {
            var files = [newPath, newPath + "-wal", newPath + "-shm"]
            if !keyFromEnvironment {
                files.append(newKeyPath)
            }
            for file in files {
                try? FileManager.default.removeItem(atPath: file)
            }
            throw error
        }
    }

    private func copyEvents(upToPosition position: Int64, into copy: Ledger) throws -> Int64 {
        try storageOperation {
            try database.read { source in
                try copy.database.write { target in
                    var loader = try EventLoader(db: target, ledgerPath: copy.path)
                    try EventStore(db: source).forEachEvent { event in
                        guard event.position <= position else { return }
                        try loader.load(event, location: "\(path) position \(event.position)")
                    }
                    try loader.finish()
                    return loader.count
                }
            }
        }
    }
}
