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

    /// Returns whether the two texts are canonically equivalent but have
    /// other bytes, so that a message can explain why two texts that look the
    /// same count as different values.
    func differsOnlyInNormalization(from other: String) -> Bool {
        self == other && !hasSameBytes(as: other)
    }

    /// Returns whether the two buffers hold the same bytes.
    static func sameBytes(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        guard left.count == right.count else { return false }
        guard let leftStart = left.baseAddress, let rightStart = right.baseAddress else { return true }
        return memcmp(leftStart, rightStart, left.count) == 0
    }
}

extension Optional<String> {
    /// Returns whether both are nil or both have the same UTF-8 bytes.
    func hasSameBytes(as other: String?) -> Bool {
        switch (self, other) {
        case (nil, nil): true
        case (let left?, let right?): left.hasSameBytes(as: right)
        default: false
        }
    }
}
