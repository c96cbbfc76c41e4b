extension TextTable {
    /// The width of each column in terminal columns: the widest of its
    /// header and of every cell measured.
    struct ColumnWidths {
        private(set) var widths: [Int]

        init(headers: [String]) {
            widths = headers.map(TextTable.width)
        }

        /// Widens the columns to fit `cells`, given as `displayCells` returns them.
        mutating func measure(_ cells: [String]) {
            for (column, cell) in cells.enumerated() {
                widths[column] = max(widths[column], TextTable.width(cell))
            }
        }
    }

    /// Writes aligned table lines and hands them to `emit` in pieces of
    /// about 64 KiB, so a caller that has the column widths can write rows
    /// as it reads them, without holding the table.
    struct LineWriter {
        private let widths: [Int]
        private let emit: (String) -> Void
        private static let pieceSize = 64 * 1024
        // Bytes, because appending to a String and padding with
        // String(repeating:) was half the run time of a 10k-account list.
        private var output: [UInt8] = []

        init(widths: ColumnWidths, emit: @escaping (String) -> Void) {
            self.widths = widths.widths
            self.emit = emit
            output.reserveCapacity(Self.pieceSize + 1024)
        }

        /// Writes one line. Every cell must fit the widths given at the start.
        mutating func write(_ cells: [String]) {
            for (column, cell) in cells.enumerated() {
                output.append(contentsOf: cell.utf8)
                if column < cells.count - 1 {
                    let padding = widths[column] - TextTable.width(cell) + 2
                    precondition(padding >= 2, "a table cell is wider than its measured column")
                    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))
                }
            }
            output.append(UInt8(ascii: "\n"))
            if output.count >= Self.pieceSize {
                emit(String(decoding: output, as: UTF8.self))
                output.removeAll(keepingCapacity: true)
            }
        }

        /// Hands the last piece to `emit`.
        mutating func finish() {
            if !output.isEmpty {
                emit(String(decoding: output, as: UTF8.self))
                output.removeAll(keepingCapacity: true)
            }
        }
    }
}
