import Foundation
import Planner

/// A timetable as JSON (`"format": "sabaq-timetable"`), written by `sabaq solve` and read by
/// `sabaq check`, `--lock` and `--previous`.
public enum TimetableFile {
  public static func read(_ path: String) throws -> Timetable {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw InstanceFileError(
        file: path, issues: [.error("unreadable-file", at: "", "cannot read the file: \(error.localizedDescription)")])
    }
    do {
      _ = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw InstanceFileError(
        file: path, issues: [.error("invalid-json", at: "", JSONLocation.describe(error, in: data))])
    }
    do {
      let timetable = try JSONDecoder().decode(Timetable.self, from: data)
      if let format = timetable.format, format != "sabaq-timetable" {
        throw InstanceFileError(
          file: path,
          issues: [.error("wrong-format", at: "$.format", "expected \"sabaq-timetable\", found \"\(format)\"")])
      }
      return timetable
    } catch let error as DecodingError {
      throw InstanceFileError(file: path, issues: [JSONLocation.issue(for: error)])
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
