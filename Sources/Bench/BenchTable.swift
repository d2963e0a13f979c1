// A benchmark's table: rows of named cells, as text for people and as JSON for tools.
import Foundation
import Reports

/// The table a benchmark prints and writes: a header, rows of cells (already formatted as they are
/// printed), and notes below it (the settings, medians).
public struct BenchTable: Codable, Sendable {
  /// What was measured ("solver", "fet", "planner").
  public var bench: String
  public var header: [String]
  public var rows: [[String]]
  /// Lines printed after the table.
  public var notes: [String]
  /// How many of the first columns are text, aligned left (the others are figures, aligned right).
  public var textColumns: Int
  /// When and on what the bench ran.
  public var date: Date
  public var host: String

  public init(bench: String, header: [String], rows: [[String]] = [], notes: [String] = [], textColumns: Int = 1) {
    self.bench = bench
    self.textColumns = textColumns
    self.header = header
    self.rows = rows
    self.notes = notes
    date = Date()
    host = ProcessInfo.processInfo.hostName
  }

  /// The rows as an aligned text table (the first column left, the others right), then the notes.
  public var text: String {
    var table = TextTable(
      header: header, alignments: [.left] + Array(repeating: .right, count: max(header.count - 1, 0)))
    for row in rows { table.add(row) }
    return table.render() + notes.map { $0 + "\n" }.joined()
  }

  /// Writes the table as JSON (creating the folder if need be).
  public func writeJSON(to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    try (encoder.encode(self) + Data("\n".utf8)).write(to: url, options: .atomic)
  }
}

/// Formatting shared by the benches.
enum Figures {
  static func ms(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1000) }
  static func seconds(_ value: Double?) -> String {
    value.map { $0.isFinite ? String(format: "%.1f", $0) : "—" } ?? "—"
  }
  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .infinity }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}
