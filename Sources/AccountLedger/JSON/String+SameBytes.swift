#if canImport(Glibc)
import Glibc
#endif

extension String {
    /// Returns whether the two texts have the same UTF-8 bytes.
    ///
    /// `==` treats canonically equivalent texts as equal, such as a
    /// precomposed "é" and "e" with a combining accent. Stored text that
    /// is hashed or compared for tampering must match byte for byte.
    func hasSameBytes(as other: String) -> Bool {
        var left = self
        var right = other
        return left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in
                Self.sameBytes(leftBytes, rightBytes)
            }
        }
    }

    /// Returns whether the two buffers hold the same bytes.
    static func sameBytes(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        guard left.count == right.count else { return false }
        guard let leftStart = left.baseAddress, let rightStart = right.baseAddress else { return true }
        return memcmp(leftStart, rightStart, left.count) == 0
    }
}
