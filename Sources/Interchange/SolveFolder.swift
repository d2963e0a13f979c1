import Foundation
import Planner

/// The folder a solve writes (`sabaq solve --output DIR`): its file names and how each is written.
///
/// - `timetable.json`: the timetable (`TimetableFile`), to check, lock or re-solve from;
/// - `classes.txt`, `teachers.txt`, `rooms.txt`: the timetable readable by class, teacher, room;
/// - `check.json`, `check.txt`: the independent checker's report;
/// - `result.json`: the whole structured result of the solve (timings, diagnosis, moves).
///
/// Every file is written atomically, so a reader never sees half of one.
public struct SolveFolder: Sendable {
  public static let timetable = "timetable.json"
  public static let classes = "classes.txt"
  public static let teachers = "teachers.txt"
  public static let rooms = "rooms.txt"
  public static let check = "check.json"
  public static let checkText = "check.txt"
  public static let result = "result.json"

  public let path: String

  public init(_ path: String) { self.path = path }

  /// The path of one of the folder's files.
  public func file(_ name: String) -> String { URL(fileURLWithPath: path).appendingPathComponent(name).path }

  /// The readable tables of a timetable, by class, teacher and room.
  public struct Tables: Sendable {
    public var classes: String
    public var teachers: String
    public var rooms: String
    public init(classes: String, teachers: String, rooms: String) {
      self.classes = classes
      self.teachers = teachers
      self.rooms = rooms
    }
  }

  /// Creates the folder if need be and writes every file of a solve.
  public func write(
    timetable: Timetable, tables: Tables, check: some Encodable, checkText: String, result: some Encodable
  ) throws {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try TimetableFile.write(timetable, to: file(Self.timetable))
    try text(tables.classes, Self.classes)
    try text(tables.teachers, Self.teachers)
    try text(tables.rooms, Self.rooms)
    try json(check, Self.check)
    try text(checkText, Self.checkText)
    try json(result, Self.result)
  }

  private func text(_ content: String, _ name: String) throws {
    try Data(content.utf8).write(to: URL(fileURLWithPath: file(name)), options: .atomic)
  }

  private func json(_ value: some Encodable, _ name: String) throws {
    try (InstanceFile.encoder.encode(value) + Data("\n".utf8)).write(
      to: URL(fileURLWithPath: file(name)), options: .atomic)
  }
}
