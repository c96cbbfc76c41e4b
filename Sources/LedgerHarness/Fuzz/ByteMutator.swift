/// Mutations of raw bytes: flips, insertions, deletions, truncation and
/// splices, including bytes that are not valid UTF-8.
enum ByteMutator {
    static let interestingBytes: [UInt8] = [0x00, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x80, 0xC0, 0xED, 0xEF, 0xFF]

    static func mutate(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var output = bytes
        let count = Int.random(in: 1...4, using: &generator)
        for _ in 0..<count {
            guard !output.isEmpty else {
                output.append(UInt8.random(in: 0...255, using: &generator))
                continue
            }
            let index = Int.random(in: 0..<output.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0:
                output[index] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
            case 1:
                output.insert(interestingBytes[Int.random(in: 0..<interestingBytes.count, using: &generator)], at: index)
            case 2:
                output.remove(at: index)
            case 3:
                output = Array(output.prefix(index))
            case 4:
                let end = min(output.count, index + Int.random(in: 1...64, using: &generator))
                output.insert(contentsOf: output[index..<end], at: index)
            default:
                output[index] = UInt8.random(in: 0...255, using: &generator)
            }
        }
        return output
    }
}
