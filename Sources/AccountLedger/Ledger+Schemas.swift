extension Ledger {
    /// Checks every stored event, in log order, against its envelope and
    /// payload schemas.
    ///
    /// - Returns: the number of events checked.
    /// - Throws: `LedgerError.schemaViolation` for the first event that does
    ///   not match, naming its position, schema file and JSON path.
    @discardableResult
    public func validateEventSchemas(_ schemas: EventSchemas = .bundled) throws -> Int {
        try storageOperation {
            try database.read { db in
                var count = 0
                try EventStore(db: db).forEachEvent { event in
                    try schemas.validate(event)
                    count += 1
                }
                return count
            }
        }
    }
}
