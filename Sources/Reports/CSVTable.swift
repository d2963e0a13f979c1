import CSV
import Foundation

/// Renders rows as CSV (RFC 4180 quoting, UTF-8) for spreadsheets.
public enum CSVTable {
  public static func render(header: [String], rows: [[String]]) -> String {
    do {
      let writer = try CSVWriter(stream: .toMemory())
      try writer.write(row: header)
      for row in rows { try writer.write(row: row) }
      writer.stream.close()
      let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
      return String(decoding: data, as: UTF8.self) + "\n"
    } catch {
      // Writing to memory does not fail; keep the report rather than crash if it ever does.
      return ([header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
  }
}

/// The output formats of the reports.
public enum ReportFormat: String, CaseIterable, Sendable {
  case text, csv, json
}

/// JSON for the reports: pretty, sorted keys, UTF-8 as is.
func reportJSON<T: Encodable>(_ value: T) -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  guard let data = try? encoder.encode(value) else { return "{}\n" }
  return String(decoding: data, as: UTF8.self) + "\n"
}
