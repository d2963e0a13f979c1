import Foundation
import Planner

/// An organisation read from a file whose kind its extension tells: a native instance (`.json`)
/// or a FET file (`.fet`) imported on the fly, with the import's report of what it left out.
public struct InstanceSource: Sendable {
  /// The file read.
  public var path: String
  public var organisation: Organisation
  /// The FET import's report, when the file is a FET file.
  public var fetImport: FETImportReport?

  /// Whether a path names a FET file (by its extension, in any case).
  public static func isFET(_ path: String) -> Bool { path.lowercased().hasSuffix(".fet") }

  /// Reads `path`; throws `InstanceFileError`, `FETFormatError` or `FETImportError`, each naming
  /// the file and the place in it.
  public static func read(_ path: String) throws -> InstanceSource {
    if isFET(path) {
      let (organisation, report) = try FETImport.read(path: path)
      return InstanceSource(path: path, organisation: organisation, fetImport: report)
    }
    return InstanceSource(path: path, organisation: try InstanceFile.read(path), fetImport: nil)
  }
}

/// A timetable read from a file whose kind its extension tells: Sabaq's JSON (`sabaq solve`
/// writes it) or fet-cl's `…_activities.xml` result, read against the organisation it was built for.
public enum TimetableSource {
  /// Whether a path names fet-cl's activities file (`.xml`).
  public static func isFETActivities(_ path: String) -> Bool { path.lowercased().hasSuffix(".xml") }

  public static func read(_ path: String, organisation: Organisation) throws -> Timetable {
    if isFETActivities(path) {
      return FETTimetable.timetable(from: try FETActivitiesTimetable.read(path: path), organisation: organisation)
    }
    return try TimetableFile.read(path)
  }
}
