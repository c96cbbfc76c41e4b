import Foundation

/// An input that broke a promise: a trap-free run must end in a result or
/// one clear `LedgerError`, leave the ledger unchanged when it rejects, and
/// never echo a secret.
public struct FuzzFinding: CustomStringConvertible, Sendable {
    public enum Input: Sendable {
        case importFile(bytes: [UInt8], isComplete: Bool)
        case commandLine(arguments: [String])
    }

    public let caseNumber: Int
    public let input: Input
    public let problem: String

    public var description: String {
        switch input {
        case .importFile(let bytes, let isComplete):
            return "case \(caseNumber), import\(isComplete ? " --complete" : "") of base64 \(Data(bytes).base64EncodedString()): \(problem)"
        case .commandLine(let arguments):
            return "case \(caseNumber), ledger \(arguments.map { "'\($0)'" }.joined(separator: " ")): \(problem)"
        }
    }
}
