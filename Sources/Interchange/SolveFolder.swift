import Foundation
import Planner

/// The folder a solve writes (`sabaq solve --output DIR`): its file names and how each is written.
///
/// - `timetable.json`: the timetable (`TimetableFile`), to check, lock or re-solve from;
/// - `classes.txt`, `teachers.txt`, `rooms.txt`: the timetable readable by class, teacher, room;
/// - `classes.html`, `teachers.html`, `rooms.html`: the same tables to print, one a page;
/// - `check.json`, `check.txt`: the independent checker's report;
/// - `result.json`: the whole structured result of the solve (timings, diagnosis, moves).
///
/// Every file is written atomically, so a reader never sees half of one. A new folder is written
/// beside its place and renamed into it once every file is there, so that a failed write leaves
/// nothing; an existing folder is only written into when the caller says so (`--force`).
public struct SolveFolder: Sendable {
  public static let timetable = "timetable.json"
  public static let classes = "classes.txt"
  public static let teachers = "teachers.txt"
  public static let rooms = "rooms.txt"
  public static let classesHTML = "classes.html"
  public static let teachersHTML = "teachers.html"
  public static let roomsHTML = "rooms.html"
  public static let check = "check.json"
  public static let checkText = "check.txt"
  public static let result = "result.json"

  public let path: String

  public init(_ path: String) { self.path = path }

  /// The path of one of the folder's files.
  public func file(_ name: String) -> String { URL(fileURLWithPath: path).appendingPathComponent(name).path }

  /// The readable tables of a timetable, by class, teacher and room, as text and as HTML pages.
  public struct Tables: Sendable {
    public var classes: String
    public var teachers: String
    public var rooms: String
    public var classesHTML: String?
    public var teachersHTML: String?
    public var roomsHTML: String?
    public init(
      classes: String, teachers: String, rooms: String, classesHTML: String? = nil, teachersHTML: String? = nil,
      roomsHTML: String? = nil
    ) {
      self.classes = classes
      self.teachers = teachers
      self.rooms = rooms
      self.classesHTML = classesHTML
      self.teachersHTML = teachersHTML
      self.roomsHTML = roomsHTML
    }
  }

  /// Checks, before any work, that the folder can be written: its place is not a file, no
  /// ancestor is a file, and an existing folder that holds files is written into only with
  /// `overwrite` (it would otherwise be overwritten without a word).
  public func checkPlace(overwrite: Bool) throws {
    let manager = FileManager.default
    var isFolder: ObjCBool = false
    if manager.fileExists(atPath: path, isDirectory: &isFolder) {
      guard isFolder.boolValue else {
        throw SolveFolderError(
          "\(path) is a file, not a folder: give a folder to write the timetable and its tables into")
      }
      let contents = (try? manager.contentsOfDirectory(atPath: path)) ?? []
      if !contents.isEmpty && !overwrite {
        throw SolveFolderError(
          "the folder \(path) exists and holds \(contents.count) file\(contents.count == 1 ? "" : "s"): give another folder, or --force to overwrite the solve's files in it"
        )
      }
      guard manager.isWritableFile(atPath: path) else { throw SolveFolderError("the folder \(path) is not writable") }
      return
    }
    // The nearest existing ancestor must be a writable folder (the missing ones are created).
    var ancestor = URL(fileURLWithPath: path).deletingLastPathComponent()
    while !manager.fileExists(atPath: ancestor.path, isDirectory: &isFolder) && ancestor.path != "/" {
      ancestor.deleteLastPathComponent()
    }
    guard isFolder.boolValue else {
      throw SolveFolderError("\(ancestor.path) is a file, so the folder \(path) cannot be made inside it")
    }
    guard manager.isWritableFile(atPath: ancestor.path) else {
      throw SolveFolderError("the folder \(ancestor.path) is not writable, so \(path) cannot be made there")
    }
  }

  /// Writes every file of a solve: into the folder when it exists, else into a new folder beside
  /// it that is then renamed into place (a failed write leaves no half folder).
  public func write(
    timetable: Timetable, tables: Tables, check: some Encodable, checkText: String, result: some Encodable
  ) throws {
    let manager = FileManager.default
    var isFolder: ObjCBool = false
    if manager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      try writeFiles(timetable: timetable, tables: tables, check: check, checkText: checkText, result: result)
      return
    }
    let target = URL(fileURLWithPath: path).standardizedFileURL
    try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    let partial = SolveFolder(
      target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID())").path)
    do {
      try manager.createDirectory(atPath: partial.path, withIntermediateDirectories: false)
      try partial.writeFiles(timetable: timetable, tables: tables, check: check, checkText: checkText, result: result)
      try manager.moveItem(atPath: partial.path, toPath: target.path)
    } catch {
      try? manager.removeItem(atPath: partial.path)
      throw error
    }
  }

  private func writeFiles(
    timetable: Timetable, tables: Tables, check: some Encodable, checkText: String, result: some Encodable
  ) throws {
    try TimetableFile.write(timetable, to: file(Self.timetable))
    try text(tables.classes, Self.classes)
    try text(tables.teachers, Self.teachers)
    try text(tables.rooms, Self.rooms)
    if let html = tables.classesHTML { try text(html, Self.classesHTML) }
    if let html = tables.teachersHTML { try text(html, Self.teachersHTML) }
    if let html = tables.roomsHTML { try text(html, Self.roomsHTML) }
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

/// Why a solve's folder cannot be written where it was asked to be.
public struct SolveFolderError: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }
}
