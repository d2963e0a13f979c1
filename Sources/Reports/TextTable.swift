/// A plain-text table with columns padded to their widest cell, for terminal reports.
public struct TextTable: Sendable {
  public enum Alignment: Sendable { case left, right }

  public var header: [String]
  public var alignments: [Alignment]
  public var rows: [[String]] = []

  public init(header: [String], alignments: [Alignment]? = nil) {
    self.header = header
    self.alignments = alignments ?? header.map { _ in .left }
  }

  public mutating func add(_ row: [String]) { rows.append(row) }

  /// Adds a line of dashes across the table (before totals).
  public mutating func addSeparator() { rows.append([]) }

  public func render(indent: String = "") -> String {
    let columns = max(header.count, rows.map(\.count).max() ?? 0)
    var widths = Array(repeating: 0, count: columns)
    for row in [header] + rows {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    func line(_ row: [String]) -> String {
      let cells = (0..<columns).map { i -> String in
        let cell = i < row.count ? row[i] : ""
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        let alignment = i < alignments.count ? alignments[i] : .left
        return alignment == .right ? pad + cell : cell + pad
      }
      return indent + cells.joined(separator: "  ").replacingTrailingSpaces()
    }
    let rule = indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    var lines = [line(header), rule]
    for row in rows { lines.append(row.isEmpty ? rule : line(row)) }
    return lines.joined(separator: "\n") + "\n"
  }
}

extension String {
  func replacingTrailingSpaces() -> String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}

/// Hours for printing: "3", "1.5", "17.97".
func formatHours(_ value: Double, decimals: Int = 2) -> String {
  let rounded = (value * 100).rounded() / 100
  if rounded == rounded.rounded() { return String(Int(rounded)) }
  var text = String(format2(rounded, decimals))
  while text.hasSuffix("0") { text.removeLast() }
  return text
}

func format2(_ value: Double, _ decimals: Int) -> String {
  let scale = decimals == 1 ? 10.0 : 100.0
  let scaled = Int((abs(value) * scale).rounded())
  let whole = scaled / Int(scale)
  let fraction = scaled % Int(scale)
  let fractionText = decimals == 1 ? "\(fraction)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
  return (value < 0 && scaled != 0 ? "-" : "") + "\(whole).\(fractionText)"
}
