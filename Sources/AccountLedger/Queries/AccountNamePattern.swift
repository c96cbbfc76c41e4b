/// The `--name-contains` text, prepared once so that testing each name of
/// a large view allocates as little as possible.
///
/// The rule is `AccountNameCollation.name(_:contains:)` on both texts
/// case-folded and decomposed. Two shortcuts return the same result sooner:
/// an ASCII name and an ASCII piece are compared byte by byte, and any
/// other name is first searched code point by code point, which rejects
/// most names before any `Character` is built.
struct AccountNamePattern {
    private let foldedPiece: String
    private let pieceScalars: [Unicode.Scalar]
    /// The folded piece in UTF-8 when it is ASCII without a carriage
    /// return, else nil.
    private let asciiPiece: [UInt8]?
    private let pieceIsASCII: Bool
    private var folder = CaseFolder()
    private var foldedName: [Unicode.Scalar] = []

    init(_ piece: String) {
        pieceScalars = folder.fold(piece)
        foldedPiece = String(String.UnicodeScalarView(pieceScalars))
        pieceIsASCII = pieceScalars.allSatisfy(\.isASCII)
        asciiPiece = pieceIsASCII && !pieceScalars.contains("\r") ? Array(foldedPiece.utf8) : nil
    }

    /// Returns whether `name` contains the piece by the rule above.
    mutating func matches(_ name: String) -> Bool {
        if pieceScalars.isEmpty {
            return true
        }
        var name = name
        let nameKind = name.withUTF8(Self.kind)
        if nameKind != .other {
            // A folded ASCII name is ASCII, and no ASCII character equals a
            // character holding a non-ASCII code point, since both sides
            // are in NFD.
            guard pieceIsASCII else {
                return false
            }
            // CR LF is one character, the only ASCII character of two code
            // points, so a byte match could end or start inside it.
            if nameKind == .asciiWithoutCarriageReturn, let asciiPiece {
                return name.withUTF8 { Self.bytes($0, containIgnoringCase: asciiPiece) }
            }
        }
        folder.fold(name, into: &foldedName)
        // Equal characters in NFD have equal code points, so a whole-character
        // match is also a code point match. Only a code point match needs the
        // character check, which decides the cases where it starts or ends
        // inside a character.
        guard Self.scalars(foldedName, contain: pieceScalars) else {
            return false
        }
        let foldedText = String(String.UnicodeScalarView(foldedName))
        return AccountNameCollation.name(foldedText, contains: foldedPiece)
    }

    private enum TextKind {
        case asciiWithoutCarriageReturn
        case asciiWithCarriageReturn
        case other
    }

    private static func kind(_ bytes: UnsafeBufferPointer<UInt8>) -> TextKind {
        var kind = TextKind.asciiWithoutCarriageReturn
        for byte in bytes {
            if byte >= 0x80 {
                return .other
            }
            if byte == 0x0D {
                kind = .asciiWithCarriageReturn
            }
        }
        return kind
    }

    /// Returns whether `bytes` contains `piece`, which is lower case,
    /// ignoring ASCII case in `bytes`.
    private static func bytes(_ bytes: UnsafeBufferPointer<UInt8>, containIgnoringCase piece: [UInt8]) -> Bool {
        guard piece.count <= bytes.count else {
            return false
        }
        for start in 0...(bytes.count - piece.count) {
            var offset = 0
            while offset < piece.count
                && AccountNameCollation.lowercasedASCII(bytes[start + offset]) == piece[offset] {
                offset += 1
            }
            if offset == piece.count {
                return true
            }
        }
        return false
    }

    private static func scalars(_ scalars: [Unicode.Scalar], contain piece: [Unicode.Scalar]) -> Bool {
        guard piece.count <= scalars.count else {
            return false
        }
        for start in 0...(scalars.count - piece.count) {
            var offset = 0
            while offset < piece.count && scalars[start + offset] == piece[offset] {
                offset += 1
            }
            if offset == piece.count {
                return true
            }
        }
        return false
    }
}
