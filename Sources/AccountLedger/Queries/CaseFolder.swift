import Foundation

/// Case-folds and canonically decomposes text, NFD(fold(NFD(text))), as
/// Unicode's canonical caseless match does (definition D145).
///
/// Decomposition and full case folding each map one code point at a time,
/// and then combining marks are put in canonical order. So the folder calls
/// Foundation once per distinct code point and caches the result, because
/// whole-string calls cost several microseconds per name, too much for a
/// sort of 10,000 names. One folder serves one sort or filter.
struct CaseFolder {
    private var decompositions: [Unicode.Scalar: [Unicode.Scalar]] = [:]
    private var foldings: [Unicode.Scalar: [Unicode.Scalar]] = [:]
    /// The decomposition of the text being folded, kept between calls.
    private var scratch: [Unicode.Scalar] = []

    /// Returns the code points of `text` case-folded and decomposed.
    mutating func fold(_ text: String) -> [Unicode.Scalar] {
        var folded: [Unicode.Scalar] = []
        fold(text, into: &folded)
        return folded
    }

    /// Replaces the contents of `folded` with the code points of `text`
    /// case-folded and decomposed, reusing the storage of `folded` and of
    /// this folder, so a filter over many names allocates once.
    mutating func fold(_ text: String, into folded: inout [Unicode.Scalar]) {
        // Moved out of `self` so that it can be passed inout to a mutating
        // method, and moved back at the end to keep its capacity.
        var decomposed = scratch
        scratch = []
        decomposed.removeAll(keepingCapacity: true)
        for scalar in text.unicodeScalars {
            appendDecomposition(of: scalar, to: &decomposed)
        }
        Self.putMarksInCanonicalOrder(&decomposed)

        // Folding can leave text out of NFD (U+0345 folds to ι, which is no
        // longer a mark), so the folded code points are decomposed and
        // ordered again.
        folded.removeAll(keepingCapacity: true)
        for scalar in decomposed {
            if scalar.isASCII {
                folded.append(Unicode.Scalar(AccountNameCollation.lowercasedASCII(UInt8(scalar.value))))
                continue
            }
            for foldedScalar in folding(of: scalar) {
                appendDecomposition(of: foldedScalar, to: &folded)
            }
        }
        Self.putMarksInCanonicalOrder(&folded)
        scratch = decomposed
    }

    /// Returns `text` case-folded and decomposed, as a string.
    mutating func foldedString(_ text: String) -> String {
        String(String.UnicodeScalarView(fold(text)))
    }

    private mutating func appendDecomposition(of scalar: Unicode.Scalar, to scalars: inout [Unicode.Scalar]) {
        if scalar.isASCII {
            scalars.append(scalar)
            return
        }
        if let cached = decompositions[scalar] {
            scalars += cached
            return
        }
        let decomposition = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
        decompositions[scalar] = decomposition
        scalars += decomposition
    }

    private mutating func folding(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if let cached = foldings[scalar] {
            return cached
        }
        let folding = Array(String(scalar).folding(options: .caseInsensitive, locale: nil).unicodeScalars)
        foldings[scalar] = folding
        return folding
    }

    /// Sorts each run of combining marks by combining class, keeping the
    /// order of marks of equal class: Unicode's canonical ordering.
    private static func putMarksInCanonicalOrder(_ scalars: inout [Unicode.Scalar]) {
        var start = 0
        while start < scalars.count {
            guard combiningClass(scalars[start]) != 0 else {
                start += 1
                continue
            }
            var end = start + 1
            while end < scalars.count && combiningClass(scalars[end]) != 0 {
                end += 1
            }
            // Runs are a few marks long, so an insertion sort, which is
            // stable, is enough.
            for index in (start + 1)..<end {
                let mark = scalars[index]
                var slot = index
                while slot > start && combiningClass(scalars[slot - 1]) > combiningClass(mark) {
                    scalars[slot] = scalars[slot - 1]
                    slot -= 1
                }
                scalars[slot] = mark
            }
            start = end
        }
    }

    private static func combiningClass(_ scalar: Unicode.Scalar) -> UInt8 {
        scalar.isASCII ? 0 : scalar.properties.canonicalCombiningClass.rawValue
    }
}
