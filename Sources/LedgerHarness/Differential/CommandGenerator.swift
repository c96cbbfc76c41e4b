import AccountLedger

/// Picks random but plausible commands for the differential run: a few
/// accounts of different connection types, secrets drawn from a small pool
/// so values repeat, and occurred times that mostly move forward.
struct CommandGenerator {
    /// An account id and the destination and type its connect uses.
    struct Slot {
        let id: String
        let destination: String
        let type: ConnectionType
    }

    static let slots = [
        Slot(id: "acct-s3", destination: "amazon-s3", type: .accessKey),
        Slot(id: "acct-sftp", destination: "sftp", type: .basic),
        Slot(id: "acct-ads", destination: "google-ads", type: .oauth2),
        Slot(id: "acct-api", destination: "http-api", type: .bearerToken),
        Slot(id: "acct-blob", destination: "azure-blob", type: .connectionString),
    ]

    static let start = Timestamp.parse("2026-01-01T00:00:00Z")!
    static let day: Int64 = 86_400_000

    var random: SeededGenerator

    mutating func pick<T>(_ items: [T]) -> T {
        items[Int.random(in: 0..<items.count, using: &random)]
    }

    mutating func chance(_ percent: Int) -> Bool {
        Int.random(in: 0..<100, using: &random) < percent
    }

    mutating func secret() -> Secret {
        Secret("secret-\(Int.random(in: 0..<6, using: &random))")
    }

    /// Returns a token expiry between a quarter day and ten days after `moment`.
    mutating func expiry(after moment: Int64) -> Int64 {
        moment + Int64.random(in: 1...40, using: &random) * Self.day / 4
    }

    /// Returns the next occurred time for an account last changed at `last`: equal
    /// now and then, otherwise up to three days later.
    mutating func nextTime(after last: Int64) -> Int64 {
        chance(15) ? last : last + Int64.random(in: 1...(3 * 24 * 60), using: &random) * 60_000
    }

    mutating func connect(_ slot: Slot, at moment: Int64) -> AccountCommand {
        var secrets: [String: Secret] = [:]
        for field in slot.type.credentialFields where field.kind == .secret && (field.required || chance(50)) {
            secrets[field.name] = secret()
        }
        return .connect(ConnectRequest(
            name: "\(slot.destination) \(Int.random(in: 0..<3, using: &random))",
            description: chance(50) ? "" : "first",
            destination: slot.destination,
            connectionType: slot.type,
            username: slot.type == .basic ? pick(["alice", "bob"]) : nil,
            settings: chance(30) ? ["region": pick(["eu", "us"])] : [:],
            secrets: secrets,
            expiresAt: slot.type.supportsExpiry && chance(70) ? expiry(after: moment) : nil))
    }

    /// Returns a command for an existing account. The ledger may reject it, which
    /// the run allows as long as nothing is appended.
    mutating func change(_ slot: Slot, state: AccountState, at moment: Int64) -> AccountCommand {
        switch Int.random(in: 0..<10, using: &random) {
        case 0:
            return .edit(EditRequest(name: "\(slot.destination) \(Int.random(in: 0..<3, using: &random))"))
        case 1:
            return .edit(EditRequest(description: pick(["", "first", "second"]), settings: chance(40) ? ["region": pick(["eu", "us"])] : [:]))
        case 2, 3:
            if slot.type.isOAuth {
                var secrets = ["accessToken": secret()]
                if chance(50) {
                    secrets["refreshToken"] = secret()
                }
                return .reconnect(ReconnectRequest(secrets: secrets, expiresAt: chance(70) ? expiry(after: moment) : nil))
            }
            var request = EditRequest()
            for field in slot.type.credentialFields where field.kind == .secret && chance(70) {
                request.secrets[field.name] = secret()
            }
            if slot.type == .basic && chance(30) {
                request.username = pick(["alice", "bob", "carol"])
            }
            if slot.type.supportsExpiry && chance(50) {
                request.expiresAt = expiry(after: moment)
            }
            return .edit(request)
        case 4:
            // Real PEM keys, because the ledger rejects any other text and
            // the key change would then never reach the comparison.
            let key = SamplePublicKeys.all[Int.random(in: 0..<3, using: &random)]
            return .setEncryptionKey(publicKey: key, algorithm: EncryptionKey.defaultAlgorithm(for: key))
        case 5:
            return .removeEncryptionKey
        case 6, 7:
            return .activateDataflow("df-\(Int.random(in: 0..<3, using: &random))")
        case 8:
            return .deactivateDataflow(pick(state.dataflows.sorted() + ["df-9"]))
        default:
            return .delete(force: chance(50))
        }
    }
}
