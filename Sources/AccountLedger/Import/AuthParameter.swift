/// One value of a record's `auth.params`.
///
/// The value is wrapped as a `Secret` whatever its kind, because the
/// catalog decides later whether it is a secret. Until then, printing it
/// must reveal nothing.
public struct AuthParameter: Sendable {
    /// The JSON types a parameter value may have.
    public enum ValueType: String, Sendable {
        case string
        case integer
        case number
        case boolean
    }

    /// A string as written, a number as its JSON text with the digits as
    /// written (`1234.5000` stays so), and a boolean as `true` or `false`.
    /// So `22` and `"22"` give the same fingerprint or setting.
    public let value: Secret
    /// The JSON type of the value as written.
    public let type: ValueType

    public init(value: Secret, type: ValueType) {
        self.value = value
        self.type = type
    }
}
