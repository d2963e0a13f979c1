import Checker
import Planner

/// A small school to judge timetables of: three classes (5Б is split into two halves, 7А studies
/// in the second shift from period 2), three teachers, three rooms, five days of six periods.
enum School {
  static let classes = [
    ProblemClass(
      id: "5A", name: "5А", grade: 5, shift: "first", firstPeriod: 1, lastPeriod: 6, units: ["5A"], maxLessonsPerDay: 6,
      compactDay: true, longBreaksAfter: [3]),
    ProblemClass(
      id: "5B", name: "5Б", grade: 5, shift: "first", firstPeriod: 1, lastPeriod: 6, units: ["5B/1", "5B/2"],
      maxLessonsPerDay: 6, compactDay: true),
    ProblemClass(
      id: "7A", name: "7А", grade: 7, shift: "second", firstPeriod: 2, lastPeriod: 6, units: ["7A"],
      maxLessonsPerDay: 6,
      compactDay: true),
  ]
  static let teachers = [
    ProblemTeacher(id: "t1", name: "Иванов Сергей Петрович"),
    ProblemTeacher(id: "t2", name: "Петрова Анна Ивановна"),
    ProblemTeacher(id: "t3", name: "Садықов Ерлан"),
  ]
  static let rooms = [
    ProblemRoom(id: "r12", name: "Кабинет 12", type: .classroom, capacity: 30),
    ProblemRoom(id: "r14", name: "Кабинет 14", type: .classroom, capacity: 30),
    ProblemRoom(id: "lab", name: "Лаборатория", type: .laboratory, capacity: 30),
  ]
  static let subjects = [
    ("alg", "Алгебра"), ("geo", "Геометрия"), ("phy", "Физика"), ("chem", "Химия"), ("inf", "Информатика"),
    ("mus", "Музыка"), ("art", "ИЗО"), ("eng", "Английский язык"),
  ].map { ProblemSubject(id: $0.0, name: $0.1) }

  /// A problem with these lessons and constraints.
  static func problem(_ lessons: [Lesson], constraints: [TimetableConstraint] = []) -> TimetableProblem {
    TimetableProblem(
      organisation: "school", name: "Школа", days: [.mon, .tue, .wed, .thu, .fri], periodsPerDay: 6, classes: classes,
      teachers: teachers, rooms: rooms, subjects: subjects, lessons: lessons, constraints: constraints)
  }
}

/// A lesson of one class (of all its units unless `students` says which), one teacher, one room
/// requirement that allows every room unless `allowed` says otherwise.
func lesson(
  _ id: String, _ subject: SubjectID, _ schoolClass: ClassID, _ teacher: TeacherID, group: String = "whole",
  students: [String]? = nil, duration: Int = 1, weeks: WeekPattern = .every, partner: String? = nil,
  allowed: [RoomID] = ["r12", "r14", "lab"], difficult: Bool? = nil
) -> Lesson {
  let units = students ?? School.classes.first { $0.id == schoolClass }!.units
  return Lesson(
    id: id, subject: subject, classes: [schoolClass], group: group, teachers: [teacher], students: units, size: 25,
    duration: duration, weeks: weeks, partner: partner, rooms: [RoomRequirement(allowed: allowed)],
    difficult: difficult)
}

/// A placement of a lesson at a day and period in the given rooms.
func place(_ lesson: String, _ day: Weekday, _ period: Int, _ rooms: RoomID...) -> Placement {
  Placement(lesson: lesson, day: day, period: period, rooms: rooms)
}

/// The check of these placements as a timetable of the problem.
func check(_ problem: TimetableProblem, _ placements: [Placement]) -> TimetableCheck {
  TimetableCheck(problem: problem, timetable: Timetable(organisation: "school", period: nil, placements: placements))
}

/// The check of these lessons and placements under one constraint.
func check(
  _ lessons: [Lesson], _ placements: [Placement], _ rule: ConstraintRule, weight: ConstraintWeight
) -> TimetableCheck {
  check(School.problem(lessons, constraints: [TimetableConstraint(rule, weight: weight)]), placements)
}

extension TimetableCheck {
  /// The kinds of the hard violations, in order.
  var kinds: [String] { hardViolations.map(\.kind) }
  /// The counts of the hard violations, in order.
  var counts: [Int] { hardViolations.map(\.count) }
  /// The messages of the hard violations, in order.
  var messages: [String] { hardViolations.map(\.message) }
}
