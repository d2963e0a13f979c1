import Planner

/// Readable weekly timetables: one grid (periods × days) per class, per teacher and per room,
/// as deputies print them and teachers and families read them.
public struct TimetableTables: Sendable {
  public let problem: TimetableProblem
  public let timetable: Timetable

  public init(problem: TimetableProblem, timetable: Timetable) {
    self.problem = problem
    self.timetable = timetable
  }

  private var subjectNames: [SubjectID: String] {
    Dictionary(problem.subjects.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
  }

  private struct Entry {
    var lesson: Lesson
    var placement: Placement
  }

  private var entries: [Entry] {
    let lessons = Dictionary(problem.lessons.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    return timetable.placements.compactMap { p in lessons[p.lesson].map { Entry(lesson: $0, placement: p) } }
  }

  private func grid(title: String, cells: [(day: Weekday, period: Int, text: String)]) -> String {
    var byCell: [String: [String]] = [:]
    for cell in cells { byCell["\(cell.day.rawValue)-\(cell.period)", default: []].append(cell.text) }
    let used = cells.map(\.period)
    guard let first = used.min(), let last = used.max() else { return "\(title)\n  (no lessons)\n\n" }
    var table = TextTable(header: ["#"] + problem.dayNames)
    for period in first...last {
      table.add(
        [problem.periodNames.indices.contains(period - 1) ? problem.periodNames[period - 1] : String(period)]
          + problem.days.map { byCell["\($0.rawValue)-\(period)"]?.sorted().joined(separator: " / ") ?? "" })
    }
    return "\(title)\n" + table.render(indent: "  ") + "\n"
  }

  private func roomName(_ id: RoomID) -> String { problem.rooms.first { $0.id == id }?.name ?? id }

  private func weeks(_ lesson: Lesson) -> String { lesson.weeks == .every ? "" : " (\(lesson.weeks.rawValue))" }

  /// Every class's timetable.
  public var byClass: String {
    let names = subjectNames
    let all = entries
    return problem.classes.map { schoolClass in
      var cells: [(Weekday, Int, String)] = []
      for e in all where e.lesson.classes.contains(schoolClass.id) {
        let group = e.lesson.group == "whole" || e.lesson.classes.count > 1 ? "" : " [\(e.lesson.group)]"
        let room = e.placement.rooms.first.map { " " + roomName($0) } ?? ""
        for q in 0..<e.lesson.duration {
          cells.append(
            (
              e.placement.day, e.placement.period + q,
              "\(names[e.lesson.subject] ?? e.lesson.subject)\(group)\(weeks(e.lesson))\(e.placement.rooms.count > 1 ? "" : room)"
            ))
        }
      }
      return grid(title: "Class \(schoolClass.name)", cells: cells)
    }.joined()
  }

  /// Every teacher's own timetable.
  public var byTeacher: String {
    let names = subjectNames
    let all = entries
    let classNames = Dictionary(problem.classes.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    return problem.teachers.compactMap { teacher in
      var cells: [(Weekday, Int, String)] = []
      for e in all {
        guard let position = e.lesson.teachers.firstIndex(of: teacher.id) else { continue }
        let classes = e.lesson.classes.compactMap { classNames[$0] }.joined(separator: "+")
        let group = e.lesson.group == "whole" ? "" : " [\(e.lesson.group)]"
        let room =
          e.placement.rooms.indices.contains(position)
          ? " " + roomName(e.placement.rooms[position]) : (e.placement.rooms.first.map { " " + roomName($0) } ?? "")
        for q in 0..<e.lesson.duration {
          cells.append(
            (
              e.placement.day, e.placement.period + q,
              "\(classes) \(names[e.lesson.subject] ?? e.lesson.subject)\(group)\(weeks(e.lesson))\(room)"
            ))
        }
      }
      return cells.isEmpty ? nil : grid(title: "Teacher \(teacher.name)", cells: cells)
    }.joined()
  }

  /// Every room's occupancy.
  public var byRoom: String {
    let names = subjectNames
    let all = entries
    let classNames = Dictionary(problem.classes.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    return problem.rooms.compactMap { room in
      var cells: [(Weekday, Int, String)] = []
      for e in all where e.placement.rooms.contains(room.id) {
        let classes = e.lesson.classes.compactMap { classNames[$0] }.joined(separator: "+")
        for q in 0..<e.lesson.duration {
          cells.append(
            (
              e.placement.day, e.placement.period + q,
              "\(classes) \(names[e.lesson.subject] ?? e.lesson.subject)\(weeks(e.lesson))"
            ))
        }
      }
      return cells.isEmpty ? nil : grid(title: "Room \(room.name)", cells: cells)
    }.joined()
  }
}
