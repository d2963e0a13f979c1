// A re-solve's changes against the previous timetable, in sentences for a deputy director.
import Planner

extension TimetablingResult {
  /// One line per lesson moved to another time and per lesson that kept its time but changed
  /// rooms, naming the class, subject and teacher, the old and the new place ("5А Mathematics
  /// (Ivanova): Mon 3 → Tue 2"). Empty for a solve without a previous timetable.
  public func changeLines(demand problem: TimetableProblem) -> [String] {
    let lessons = Dictionary(problem.lessons.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let classes = Dictionary(problem.classes.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let subjects = Dictionary(problem.subjects.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let teachers = Dictionary(problem.teachers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let rooms = Dictionary(problem.rooms.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    func name(_ id: String) -> String {
      guard let lesson = lessons[id] else { return id }
      let group = lesson.group == "whole" ? "" : " (\(lesson.group))"
      let who = lesson.teachers.compactMap { teachers[$0] }.joined(separator: ", ")
      let classNames = lesson.classes.map { classes[$0] ?? $0 }.joined(separator: "+")
      return "\(classNames) \(subjects[lesson.subject] ?? lesson.subject)\(group)\(who.isEmpty ? "" : " [\(who)]")"
    }
    func place(_ slot: TimeSlot) -> String {
      let day = problem.days.firstIndex(of: slot.day).map { problem.dayNames[$0] } ?? slot.day.shortName
      return "\(day) \(slot.period)"
    }
    func roomNames(_ ids: [RoomID]) -> String {
      ids.isEmpty ? "no room" : ids.map { rooms[$0] ?? $0 }.joined(separator: ", ")
    }
    let moved = (moves ?? []).map { "moved: \(name($0.lesson)): \(place($0.from)) → \(place($0.to))" }
    let changed = (roomChanges ?? []).map {
      "room changed: \(name($0.lesson)): \(roomNames($0.from)) → \(roomNames($0.to))"
    }
    return moved + changed
  }
}
