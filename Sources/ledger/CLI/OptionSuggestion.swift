/// The known option closest to a mistyped one, for the "did you mean"
/// part of an unknown-option message.
enum OptionSuggestion {
    /// Returns the one name in `known` nearest to `name` by edit distance,
    /// or nil when none is near enough or two are equally near. A slip of
    /// two characters is taken only in a name of 6 or more, because in a
    /// short one it would turn `--i` into the unrelated `--db`.
    static func closest(to name: String, among known: Set<String>) -> String? {
        let maximumDistance = name.count >= 6 ? 2 : 1
        let distances = known.map { (name: $0, distance: editDistance(name, $0)) }
            .filter { $0.distance <= maximumDistance }
        guard let best = distances.map(\.distance).min() else { return nil }
        let nearest = distances.filter { $0.distance == best }
        guard nearest.count == 1 else { return nil }
        return nearest[0].name
    }

    /// Returns the Levenshtein distance between two texts, counted in
    /// characters: the fewest insertions, deletions and substitutions that
    /// turn one into the other.
    static func editDistance(_ first: String, _ second: String) -> Int {
        let source = Array(first)
        let target = Array(second)
        var previous = Array(0...target.count)
        for (row, sourceCharacter) in source.enumerated() {
            var current = [row + 1]
            for (column, targetCharacter) in target.enumerated() {
                let substitution = previous[column] + (sourceCharacter == targetCharacter ? 0 : 1)
                current.append(min(substitution, previous[column + 1] + 1, current[column] + 1))
            }
            previous = current
        }
        return previous[target.count]
    }
}
