import Planner

/// Explains, in sentences a deputy director understands, why a timetable cannot be (or was not)
/// built: counting before the solve (a teacher's lessons against the periods they can teach, a
/// class's lessons against its grid, lessons needing a kind of room against those rooms, a stream
/// whose classes never meet), and after it the lessons left in trouble and what blocks each.
public enum Diagnosis {
  /// Problems that make a timetable impossible, found by counting. Empty when counting finds none
  /// (which does not prove that a timetable exists).
  public static func beforeSolve(_ problem: TimetableProblem) -> [String] {
    var findings: [String] = []
    let days = problem.days.count
    let periods = problem.periodsPerDay
    let dayIndex = Dictionary(problem.days.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
    let classByID = Dictionary(problem.classes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let subjectName = Dictionary(problem.subjects.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    func describe(_ lesson: Lesson) -> String {
      let classes = lesson.classes.compactMap { classByID[$0]?.name }.joined(separator: "+")
      let group = lesson.group == "whole" ? "" : " (\(lesson.group))"
      return "\(classes) \(subjectName[lesson.subject] ?? lesson.subject)\(group)"
    }
    /// Periods a week a lesson takes: half for a lesson of odd or even weeks only.
    func weeklyPeriods(_ lessons: [Lesson]) -> Double {
      lessons.reduce(0) { $0 + Double($1.duration) * ($1.weeks == .every ? 1 : 0.5) }
    }
    // Teachers.
    var lessonsOfTeacher: [TeacherID: [Lesson]] = [:]
    for lesson in problem.lessons { for t in lesson.teachers { lessonsOfTeacher[t, default: []].append(lesson) } }
    for teacher in problem.teachers {
      let lessons = lessonsOfTeacher[teacher.id] ?? []
      guard !lessons.isEmpty else { continue }
      let shifts = Set(lessons.flatMap { $0.classes }.compactMap { classByID[$0] }.flatMap { Array($0.firstPeriod...$0.lastPeriod) })
      let open = days * shifts.count - teacher.unavailable.filter { shifts.contains($0.period) && dayIndex[$0.day] != nil }.count
      let needed = weeklyPeriods(lessons)
      if needed > Double(open) {
        findings.append(
          "Teacher \(teacher.name) has \(format(needed)) lesson periods a week but can teach in only \(open) periods (\(teacher.unavailable.count) of them marked unavailable): move some lessons to another teacher or free some time.")
      }
    }
    // Classes and their student units.
    for schoolClass in problem.classes {
      let shift = schoolClass.lastPeriod - schoolClass.firstPeriod + 1
      let open = days * shift - schoolClass.unavailable.filter { $0.period >= schoolClass.firstPeriod && $0.period <= schoolClass.lastPeriod }.count
      let byDay = days * min(schoolClass.maxLessonsPerDay, shift)
      for unit in schoolClass.units {
        let needed = weeklyPeriods(problem.lessons.filter { $0.students.contains(unit) })
        let unitName = unit == schoolClass.id ? schoolClass.name : "\(schoolClass.name) (group \(unit.split(separator: "/").last ?? ""))"
        if needed > Double(open) {
          findings.append("\(unitName) has \(format(needed)) lesson periods a week but its shift holds only \(open).")
          break
        } else if needed > Double(byDay) {
          findings.append("\(unitName) has \(format(needed)) lesson periods a week but at most \(schoolClass.maxLessonsPerDay) a day over \(days) days allows only \(byDay).")
          break
        }
      }
    }
    // Rooms of a kind: lessons whose choice is the same set of rooms.
    var byRoomSet: [[RoomID]: [Lesson]] = [:]
    for lesson in problem.lessons {
      for requirement in lesson.rooms { byRoomSet[requirement.allowed.sorted(), default: []].append(lesson) }
    }
    let roomByID = Dictionary(problem.rooms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for (rooms, lessons) in byRoomSet.sorted(by: { $0.key.joined() < $1.key.joined() }) {
      // Lessons allowed in a subset of these rooms also use them.
      let users = byRoomSet.filter { Set($0.key).isSubset(of: Set(rooms)) }.flatMap(\.value)
      let needed = weeklyPeriods(users)
      let open = rooms.reduce(0) { $0 + days * periods - (roomByID[$1]?.unavailable.count ?? 0) }
      let shiftPeriods = Set(users.flatMap { $0.classes }.compactMap { classByID[$0] }.flatMap { Array($0.firstPeriod...$0.lastPeriod) })
      let usable = min(open, rooms.count * days * max(shiftPeriods.count, 1))
      if needed > Double(usable) {
        let names = rooms.compactMap { roomByID[$0]?.name }
        findings.append(
          "Lessons that need \(names.count == 1 ? "the room \(names[0])" : "one of the rooms \(names.joined(separator: ", "))") take \(format(needed)) periods a week, but \(names.count == 1 ? "it is" : "they are") free for only \(usable): add a room of that kind or move some lessons (e.g. \(describe(lessons[0]))).")
      }
      if rooms.isEmpty {
        findings.append("\(describe(lessons[0])) needs a room but no room of its kind seats its \(lessons[0].size) students.")
      }
    }
    // Lessons with nowhere to go (streams whose classes never meet, availability).
    for lesson in problem.lessons {
      let classes = lesson.classes.compactMap { classByID[$0] }
      guard !classes.isEmpty else { continue }
      let first = classes.map(\.firstPeriod).max()!
      let last = classes.map(\.lastPeriod).min()!
      if last - first + 1 < lesson.duration {
        findings.append(
          lesson.classes.count > 1
            ? "The stream \(describe(lesson)) cannot meet: its classes study in different parts of the day."
            : "\(describe(lesson)) is \(lesson.duration) periods long but its shift has only \(last - first + 1).")
      }
    }
    return findings
  }

  /// Sentences about the lessons still in trouble after a solve.
  static func afterSolve(state: SearchState) -> [String] {
    let model = state.model
    let problem = model.problem
    let subjectName = Dictionary(problem.subjects.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    func describe(_ lesson: Int) -> String {
      let l = problem.lessons[lesson]
      var classes = model.classesOf[lesson].map { model.classNames[Int($0)] }.joined(separator: "+")
      if classes.isEmpty { classes = l.students.joined(separator: "+") }
      if classes.isEmpty { classes = "lesson \(l.id):" }
      let group = l.group == "whole" || l.group.isEmpty ? "" : " (\(l.group))"
      let teachers = l.teachers.isEmpty ? "" : ", " + model.teachers[lesson].map { problem.teachers[Int($0)].name }.joined(separator: ", ")
      return "\(classes) \(subjectName[l.subject] ?? l.subject)\(group)\(teachers)"
    }
    func when(_ slot: Int) -> String { "\(problem.dayNames[slot / model.periods]) \(slot % model.periods + 1)" }
    var findings: [String] = []
    for b in model.blockLessons.indices {
      let lesson = Int(model.blockLessons[b][0])
      let slot = Int(state.start[b])
      if slot < 0 {
        findings.append("\(describe(lesson)) could not be placed: \(model.domain[b].isEmpty ? "no period of its shift is free for all its teachers, classes and rooms" : "every possible period clashes with other lessons").")
        continue
      }
      guard state.isTroubled(b) else { continue }
      let others = state.conflictingBlocks(b, at: slot).filter { $0 > b }
      if !others.isEmpty {
        let names = others.map { describe(Int(model.blockLessons[$0][0])) }
        findings.append("\(describe(lesson)) at \(when(slot)) clashes with \(names.joined(separator: "; ")).")
      } else {
        findings.append(
          "\(describe(lesson)) at \(when(slot)) breaks a hard rule: of its students' or teacher's day or week (a gap, a late start, too many or too few lessons), or one on a group of lessons (days between them, the same time, not overlapping); the checker's report names it.")
      }
    }
    return findings
  }

  static func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}
