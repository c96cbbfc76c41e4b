import Foundation

/// The order and the substring match that the accounts view applies to
/// account names.
///
/// Names are stored exactly as given, so one name may arrive precomposed
/// (`É`, U+00C9) or decomposed (`E` and U+0301). Both forms must sort side
/// by side and match the same filters. `CaseFolder` folds case and
/// decomposes with the Unicode data of the Foundation library the ledger
/// is built with, without locale rules, so the Turkish dotless ı stays
/// apart from i.
enum AccountNameCollation {
    /// A name's sort key. Keys compare level by level, as in the Unicode
    /// Collation Algorithm but without its weight tables: first the letters
    /// without accents, then with them, then the stored bytes.
    struct SortKey {
        /// The name as stored, whose UTF-8 puts two forms of one name, or
        /// two casings, in a fixed order.
        let stored: String
        /// The first two levels in UTF-8, or nil for an ASCII name, whose
        /// levels are both its lower-cased bytes and are read from `stored`
        /// so that the common case allocates nothing.
        let levels: Levels?

        struct Levels {
            /// The case-folded canonical decomposition without nonspacing
            /// marks, so `Émile` and `emile` are equal here.
            let base: [UInt8]
            /// The case-folded canonical decomposition with its marks.
            let folded: [UInt8]
        }

        init(_ name: String, folder: inout CaseFolder) {
            stored = name
            if name.utf8.allSatisfy({ $0 < 0x80 }) {
                levels = nil
                return
            }
            var base: [UInt8] = []
            var folded: [UInt8] = []
            for scalar in folder.fold(name) {
                UTF8.encode(scalar) { folded.append($0) }
                if scalar.isASCII || scalar.properties.generalCategory != .nonspacingMark {
                    UTF8.encode(scalar) { base.append($0) }
                }
            }
            levels = Levels(base: base, folded: folded)
        }

        /// Returns -1, 0 or 1 as `self` sorts before, with or after `other`.
        /// UTF-8 byte order is code point order, so no level needs decoding.
        func compare(_ other: SortKey) -> Int {
            let order: Int
            switch (levels, other.levels) {
            case (nil, nil):
                // ASCII has no marks, so its two levels are one.
                order = compareIgnoringASCIICase(stored, other.stored)
            case (nil, let theirs?):
                order = compareLevels(lowercased(stored), lowercased(stored), theirs.base, theirs.folded)
            case (let mine?, nil):
                order = compareLevels(mine.base, mine.folded, lowercased(other.stored), lowercased(other.stored))
            case (let mine?, let theirs?):
                order = compareLevels(mine.base, mine.folded, theirs.base, theirs.folded)
            }
            return order != 0 ? order : compareBytes(stored.utf8, other.stored.utf8)
        }

        private func compareLevels<Left: Collection<UInt8>, Right: Collection<UInt8>>(
            _ leftBase: Left, _ leftFolded: Left, _ rightBase: Right, _ rightFolded: Right
        ) -> Int {
            let order = compareBytes(leftBase, rightBase)
            return order != 0 ? order : compareBytes(leftFolded, rightFolded)
        }

        /// Compares two ASCII names through their UTF-8 buffers, because the
        /// sort calls this about n log n times and byte iterators cost more.
        private func compareIgnoringASCIICase(_ left: String, _ right: String) -> Int {
            var left = left
            var right = right
            return left.withUTF8 { leftBytes in
                right.withUTF8 { rightBytes in
                    for (leftByte, rightByte) in zip(leftBytes, rightBytes) {
                        let leftLower = AccountNameCollation.lowercasedASCII(leftByte)
                        let rightLower = AccountNameCollation.lowercasedASCII(rightByte)
                        if leftLower != rightLower {
                            return leftLower < rightLower ? -1 : 1
                        }
                    }
                    return leftBytes.count == rightBytes.count ? 0 : (leftBytes.count < rightBytes.count ? -1 : 1)
                }
            }
        }

        private func lowercased(_ name: String) -> LazyMapCollection<String.UTF8View, UInt8> {
            name.utf8.lazy.map(AccountNameCollation.lowercasedASCII)
        }
    }

    /// Returns whether the folded name contains the folded piece as whole
    /// characters (extended grapheme clusters).
    ///
    /// Characters are compared by code points, and a match must start and
    /// end on character boundaries, so `e` does not match the `e` inside
    /// `é`, and a lone combining accent matches no accented letter. Both
    /// texts are already decomposed, so equal code points are canonical
    /// equivalence under Foundation's Unicode data. `Character`'s own `==`
    /// uses Swift's data, which can be newer, and then disagreed with the
    /// sort and with the code point search of `AccountNamePattern`.
    static func name(_ foldedName: String, contains foldedPiece: String) -> Bool {
        let name = Array(foldedName)
        let piece = Array(foldedPiece)
        if piece.isEmpty {
            return true
        }
        guard piece.count <= name.count else {
            return false
        }
        for start in 0...(name.count - piece.count)
        where name[start..<(start + piece.count)].elementsEqual(piece, by: Self.sameCodePoints) {
            return true
        }
        return false
    }

    private static func sameCodePoints(_ left: Character, _ right: Character) -> Bool {
        left.unicodeScalars.elementsEqual(right.unicodeScalars)
    }

    /// Returns -1, 0 or 1 as `left` sorts before, with or after `right` in
    /// byte order, which is SQLite's BINARY collation.
    static func compareBytes<Left: Collection<UInt8>, Right: Collection<UInt8>>(
        _ left: Left, _ right: Right
    ) -> Int {
        var rightIndex = right.startIndex
        for byte in left {
            guard rightIndex != right.endIndex else {
                return 1
            }
            let other = right[rightIndex]
            if byte != other {
                return byte < other ? -1 : 1
            }
            right.formIndex(after: &rightIndex)
        }
        return rightIndex == right.endIndex ? 0 : -1
    }

    static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }
}
