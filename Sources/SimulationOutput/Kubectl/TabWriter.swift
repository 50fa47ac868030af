/// A port of Go's `text/tabwriter` as kubectl configures it: cells end at `\t`, a column block
/// is a run of consecutive lines that have a cell in that column, and each cell is padded to
/// the block's widest cell plus `padding` (never below `minWidth`). The text after a line's
/// last tab is not aligned. kubectl get uses (minwidth 6, padding 3)
/// (k8s.io/cli-runtime/pkg/printers/tabwriter.go); describe uses (0, 2) (describe.go).
public struct TabWriter: Sendable {
    /// Smallest column width, padding included.
    public var minWidth: Int
    /// Spaces added to the widest cell of a column.
    public var padding: Int
    private var text = ""

    /// Creates a writer.
    public init(minWidth: Int, padding: Int) {
        self.minWidth = minWidth
        self.padding = padding
    }

    /// The writer `kubectl get` uses.
    public static func forGet() -> TabWriter { TabWriter(minWidth: 6, padding: 3) }
    /// The writer `kubectl describe` uses.
    public static func forDescribe() -> TabWriter { TabWriter(minWidth: 0, padding: 2) }

    /// Appends text; lines end at `\n`, cells at `\t`.
    public mutating func write(_ more: String) { text += more }

    /// The aligned text.
    /// - Complexity: O(cells × columns).
    public func render() -> String {
        var pieces = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let terminated = pieces.last == ""
        if terminated { pieces.removeLast() }
        let lines = pieces.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        var output = ""
        var widths: [Int] = []
        format(lines, &output, &widths, 0, lines.count)
        if !terminated, output.hasSuffix("\n") { output.removeLast() }
        return output
    }

    /// Go's `Writer.format`: recursive over column blocks.
    private func format(_ lines: [[String]], _ output: inout String, _ widths: inout [Int], _ start: Int, _ end: Int) {
        var line0 = start
        let column = widths.count
        var this = start
        while this < end {
            if column >= lines[this].count - 1 {
                this += 1
                continue
            }
            writeLines(lines, &output, widths, line0, this)
            line0 = this
            var width = minWidth
            while this < end && column < lines[this].count - 1 {
                width = max(width, lines[this][column].count + padding)
                this += 1
            }
            widths.append(width)
            format(lines, &output, &widths, line0, this)
            widths.removeLast()
            line0 = this
        }
        writeLines(lines, &output, widths, line0, end)
    }

    private func writeLines(_ lines: [[String]], _ output: inout String, _ widths: [Int], _ start: Int, _ end: Int) {
        guard start < end else { return }
        for index in start..<end {
            let line = lines[index]
            for (j, cell) in line.enumerated() {
                output += cell
                if j < line.count - 1, j < widths.count {
                    output += String(repeating: " ", count: max(0, widths[j] - cell.count))
                }
            }
            output += "\n"
        }
    }
}
