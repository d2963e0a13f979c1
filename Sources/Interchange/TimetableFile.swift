import Foundation
import Planner

/// A timetable as JSON (`"format": "sabaq-timetable"`), written by `sabaq solve` and read by
/// `sabaq check`, `--lock` and `--previous`.
public enum TimetableFile {
  public static func read(_ path: String) throws -> Timetable {
    let data = try InputFile.readJSON(path)
    let tree: Any
    do {
      tree = try JSONTree.read(data)
    } catch let error as InstanceFileError {
      throw InstanceFileError(file: path, issues: error.issues)
    }
    do {
      let timetable = try JSONDecoder().decode(Timetable.self, from: data)
      if let format = timetable.format, format != "sabaq-timetable" {
        throw InstanceFileError(
          file: path,
          issues: [.error("wrong-format", at: "$.format", "expected \"sabaq-timetable\", found \"\(format)\"")])
      }
      let outOfRange = periodIssues(timetable)
      guard outOfRange.isEmpty else { throw InstanceFileError(file: path, issues: outOfRange) }
      return timetable
    } catch let error as DecodingError {
      throw InstanceFileError(file: path, issues: JSONLocation.issues(for: error, in: tree))
    }
  }

  /// Placements outside a school day of at most 32 periods.
  static func periodIssues(_ timetable: Timetable) -> [PlanningIssue] {
    let day = NumberRanges.schoolDayPeriods
    return timetable.placements.enumerated().compactMap { i, placement in
      day.contains(placement.period)
        ? nil
        : .error(
          "out-of-range", at: "$.placements[\(i)].period",
          "expected a period from \(day.lowerBound) to \(day.upperBound), found \(placement.period)")
    }
  }

  public static func encode(_ timetable: Timetable) throws -> Data {
    var data = try InstanceFile.encoder.encode(timetable)
    data.append(0x0A)
    return data
  }

  public static func write(_ timetable: Timetable, to path: String) throws {
    try encode(timetable).write(to: URL(fileURLWithPath: path), options: .atomic)
  }
}
