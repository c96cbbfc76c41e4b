import AccountLedger
import LedgerHarness

/// Generates a realistic, seeded history of saves over many accounts and
/// several destinations: connects, renames, description changes, credential
/// rotations, OAuth reconnects, encryption keys, dataflows and deletes.
///
/// Every generated save changes something, so the generator can count the
/// events the ledger appends for it. Occurred times increase across the
/// whole history, which keeps each account's events in time order.
public struct HistoryGenerator {
    /// A destination the history uses, with its connection type.
    struct Destination {
        let id: String
        let connectionType: ConnectionType
        let exportsFiles: Bool
    }

    /// The generator's record of one account, kept so that its saves stay valid.
    struct AccountModel {
        let id: String
        let destination: Destination
        var renameCount = 0
        var hasEncryptionKey = false
        var dataflows: [String] = []
    }

    static let destinations = [
        Destination(id: "amazon-s3", connectionType: .accessKey, exportsFiles: true),
        Destination(id: "azure-blob", connectionType: .connectionString, exportsFiles: true),
        Destination(id: "sftp", connectionType: .basic, exportsFiles: true),
        Destination(id: "google-ads", connectionType: .oauth2, exportsFiles: false),
        Destination(id: "facebook", connectionType: .oauth2, exportsFiles: false),
        Destination(id: "twitter", connectionType: .oauth1, exportsFiles: false),
        Destination(id: "airship-attributes", connectionType: .bearerToken, exportsFiles: false),
        Destination(id: "adobe-target", connectionType: .serverToServer, exportsFiles: false),
    ]

    /// The two destinations the filtered-view benchmark filters by.
    public static let filteredDestinations = ["amazon-s3", "google-ads"]

    /// 2024-01-01T00:00:00Z, the occurred time of the first save.
    public static let startTime: Int64 = 1_704_067_200_000
    public static let dayMilliseconds: Int64 = 86_400_000

    private var random: SeededGenerator
    private let plannedEvents: Int
    private let plannedAccounts: Int
    private let meanStep: Int64
    private var live: [AccountModel] = []
    private var dataflowCounter = 0
    private var saveCounter = 0

    /// Every account id created so far, deleted ones included.
    public private(set) var accountIDs: [String] = []
    /// The occurred time of the last generated save.
    public private(set) var currentTime: Int64 = HistoryGenerator.startTime
    /// The events of all saves generated so far.
    public private(set) var eventCount = 0

    /// - Parameters:
    ///   - events: the size of the history `plannedHistory()` returns; it
    ///     also spreads the account connects and the two years of occurred
    ///     time over that many events.
    ///   - accounts: how many accounts the history connects.
    ///   - followingSaves: saves `nextSave()` will add after the history;
    ///     the two years are spread over them too, because a small history
    ///     followed by many saves otherwise ran past the present, and the
    ///     ledger rejects changes that occur in the future.
    public init(seed: UInt64, events: Int, accounts: Int, followingSaves: Int = 0) {
        precondition(events > 0 && accounts > 0, "a history needs events and accounts")
        random = SeededGenerator(seed: seed)
        plannedEvents = events
        plannedAccounts = accounts
        meanStep = max(1, 2 * 365 * Self.dayMilliseconds / Int64(events + followingSaves))
    }

    /// Returns saves until the history contains exactly `events` events.
    public mutating func plannedHistory() -> [PlannedSave] {
        var saves: [PlannedSave] = []
        while eventCount < plannedEvents {
            saves.append(nextSave(maximumEvents: plannedEvents - eventCount))
        }
        return saves
    }

    /// Returns the next save of the history, appending at most
    /// `maximumEvents` events.
    public mutating func nextSave(maximumEvents: Int = 2) -> PlannedSave {
        currentTime += Int64.random(in: meanStep / 2...meanStep * 3 / 2, using: &random)
        saveCounter += 1
        let planned: PlannedSave
        if shouldConnect() {
            planned = connect()
        } else {
            let index = Int.random(in: 0..<live.count, using: &random)
            planned = change(accountAt: index, allowTwoEvents: maximumEvents >= 2)
        }
        eventCount += planned.eventCount
        return planned
    }

    /// Returns a random moment between the first and the last save.
    public mutating func randomMoment() -> Int64 {
        Int64.random(in: Self.startTime...max(Self.startTime, currentTime), using: &random)
    }

    /// Returns a random account id of the history.
    public mutating func randomAccountID() -> String {
        accountIDs[Int.random(in: 0..<accountIDs.count, using: &random)]
    }

    // MARK: - Choosing

    /// Connects are spread over the first 70% of the history so that most
    /// accounts have a long life of changes after them.
    private mutating func shouldConnect() -> Bool {
        if live.isEmpty {
            return true
        }
        let missing = plannedAccounts - accountIDs.count
        guard missing > 0 else { return false }
        let remaining = Double(plannedEvents) * 0.7 - Double(eventCount)
        guard remaining > 1 else { return true }
        return Double.random(in: 0..<1, using: &random) < Double(missing) / remaining
    }

    private mutating func context() -> SaveContext {
        let actor = "user\(Int.random(in: 0..<25, using: &random))@example.com"
        let reasons = ["quarterly rotation", "team renamed", "new campaign", "incident follow-up", "cleanup"]
        let reason = Int.random(in: 0..<10, using: &random) < 3
            ? reasons[Int.random(in: 0..<reasons.count, using: &random)] : nil
        return SaveContext(actor: actor, reason: reason, occurredAt: currentTime)
    }

    // MARK: - Connect

    private mutating func connect() -> PlannedSave {
        let destination = Self.destinations[Int.random(in: 0..<Self.destinations.count, using: &random)]
        let id = "acct-\(accountIDs.count + 1)"
        var request = ConnectRequest(
            name: "\(destination.id) account \(accountIDs.count + 1)",
            description: "Generated for the benchmark",
            destination: destination.id)
        request.secrets = newSecrets(for: destination.connectionType)
        switch destination.connectionType {
        case .accessKey:
            request.settings = ["bucketName": "bucket-\(random.hex(8))"]
        case .basic:
            request.username = "user-\(random.hex(6))"
            request.settings = ["domain": "sftp-\(random.hex(4)).example.com"]
        case .oauth1, .oauth2, .bearerToken:
            request.expiresAt = currentTime + 60 * Self.dayMilliseconds
        case .connectionString, .serverToServer:
            break
        }
        live.append(AccountModel(id: id, destination: destination))
        accountIDs.append(id)
        return PlannedSave(save: AccountSave(.connect(request), accountID: id, context: context()), eventCount: 1)
    }

    private mutating func newSecrets(for type: ConnectionType) -> [String: Secret] {
        switch type {
        case .accessKey:
            return ["accessKeyId": Secret("AKIA" + random.hex(16).uppercased()), "secretKey": Secret(random.hex(40))]
        case .connectionString:
            return ["connectionString": Secret("DefaultEndpointsProtocol=https;AccountKey=\(random.hex(44))")]
        case .basic:
            return ["password": Secret(random.hex(24))]
        case .oauth1:
            return ["accessToken": Secret(random.hex(40)), "tokenSecret": Secret(random.hex(40))]
        case .oauth2:
            return ["accessToken": Secret(random.hex(64)), "refreshToken": Secret(random.hex(64))]
        case .bearerToken:
            return ["token": Secret(random.hex(48))]
        case .serverToServer:
            return [:]
        }
    }

    // MARK: - Changes

    private mutating func change(accountAt index: Int, allowTwoEvents: Bool) -> PlannedSave {
        var account = live[index]
        let type = account.destination.connectionType
        let holdsCredentials = type != .serverToServer
        let roll = Int.random(in: 0..<1000, using: &random)
        var command: AccountCommand
        var events = 1
        switch roll {
        case 0..<150:
            account.renameCount += 1
            command = .edit(EditRequest(name: "\(account.destination.id) account \(account.id) v\(account.renameCount)"))
        case 150..<200:
            command = .edit(EditRequest(description: "Description \(saveCounter)"))
        case 200..<450 where holdsCredentials:
            command = rotation(of: type)
        case 450..<500 where holdsCredentials && !type.isOAuth && allowTwoEvents:
            account.renameCount += 1
            var edit = EditRequest(name: "\(account.destination.id) account \(account.id) v\(account.renameCount)")
            edit.secrets = newSecrets(for: type)
            command = .edit(edit)
            events = 2
        case 500..<560 where account.destination.exportsFiles:
            let key = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\(random.hex(64))\n-----END PGP PUBLIC KEY BLOCK-----"
            command = .setEncryptionKey(publicKey: key, algorithm: "PGP/GPG")
            account.hasEncryptionKey = true
        case 560..<575 where account.hasEncryptionKey:
            command = .removeEncryptionKey
            account.hasEncryptionKey = false
        case 575..<580:
            command = .delete(force: !account.dataflows.isEmpty)
            remove(accountAt: index)
            return PlannedSave(save: AccountSave(command, accountID: account.id, context: context()), eventCount: 1)
        case 580..<800 where account.dataflows.count < 8:
            dataflowCounter += 1
            let dataflow = "df-\(dataflowCounter)"
            account.dataflows.append(dataflow)
            command = .activateDataflow(dataflow)
        case 800..<1000 where !account.dataflows.isEmpty:
            let dataflow = account.dataflows.remove(at: Int.random(in: 0..<account.dataflows.count, using: &random))
            command = .deactivateDataflow(dataflow)
        default:
            account.renameCount += 1
            command = .edit(EditRequest(name: "\(account.destination.id) account \(account.id) v\(account.renameCount)"))
        }
        live[index] = account
        return PlannedSave(save: AccountSave(command, accountID: account.id, context: context()), eventCount: events)
    }

    private mutating func rotation(of type: ConnectionType) -> AccountCommand {
        let secrets = newSecrets(for: type)
        switch type {
        case .oauth1, .oauth2:
            return .reconnect(ReconnectRequest(secrets: secrets, expiresAt: currentTime + 60 * Self.dayMilliseconds))
        case .bearerToken:
            return .edit(EditRequest(secrets: secrets, expiresAt: currentTime + 90 * Self.dayMilliseconds))
        default:
            return .edit(EditRequest(secrets: secrets))
        }
    }

    private mutating func remove(accountAt index: Int) {
        let last = live.removeLast()
        if index < live.count {
            live[index] = last
        }
    }
}
