/// The version of this build, as `ledger --version` prints it.
public enum LedgerBuild {
    /// The release version of the library and the `ledger` tool, in
    /// semantic versioning form. The README's "Versions" section names this
    /// constant as the one place to raise it.
    public static let version = "0.1.0"

    /// The database schema version this build writes, which is also the
    /// newest one it opens.
    public static var databaseSchemaVersion: Int { Migrations.latestVersion }
}
