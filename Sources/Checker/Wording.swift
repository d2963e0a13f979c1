import Planner

/// How the checker names things in its sentences: teachers, classes, rooms and subjects by
/// their names, days by the problem's day names, periods by number.
struct Wording {
  private let teacherNames: [TeacherID: String]
  private let classNames: [ClassID: String]
  private let roomNames: [RoomID: String]
  private let subjectNames: [SubjectID: String]
  private let dayNames: [Weekday: String]
  /// The class each student unit belongs to, and whether it is the class's only unit.
  private let unitOwners: [String: (classID: ClassID, only: Bool)]
  private let unitsOfClass: [ClassID: Set<String>]
  private let studentSetIDs: Set<String>

  init(problem: TimetableProblem) {
    teacherNames = Dictionary(problem.teachers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    classNames = Dictionary(problem.classes.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    roomNames = Dictionary(problem.rooms.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    subjectNames = Dictionary(problem.subjects.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    var days: [Weekday: String] = [:]
    for (i, day) in problem.days.enumerated() where days[day] == nil {
      days[day] = i < problem.dayNames.count ? problem.dayNames[i] : day.shortName
    }
    dayNames = days
    var owners: [String: (classID: ClassID, only: Bool)] = [:]
    var units: [ClassID: Set<String>] = [:]
    for schoolClass in problem.classes {
      units[schoolClass.id, default: []].formUnion(schoolClass.units)
      for unit in schoolClass.units where owners[unit] == nil {
        owners[unit] = (schoolClass.id, schoolClass.units.count == 1)
      }
    }
    unitOwners = owners
    unitsOfClass = units
    studentSetIDs = Set((problem.studentSets ?? []).map(\.id))
  }

  /// "Teacher Иванов Сергей Петрович".
  func teacher(_ id: TeacherID) -> String { "Teacher \(teacherNames[id] ?? id)" }

  /// "Teacher A" or "Teachers A, B".
  func teachers(_ ids: [TeacherID]) -> String {
    ids.count == 1 ? teacher(ids[0]) : "Teachers " + ids.map { teacherNames[$0] ?? $0 }.joined(separator: ", ")
  }

  /// "5А".
  func schoolClass(_ id: ClassID) -> String { classNames[id] ?? id }

  /// "5А" or "5А, 5Б".
  func classes(_ ids: [ClassID]) -> String { ids.map(schoolClass).joined(separator: ", ") }

  /// "Room Кабинет 12".
  func room(_ id: RoomID) -> String { "Room \(roomNames[id] ?? id)" }

  /// "Room A" or "Rooms A, B".
  func rooms(_ ids: [RoomID]) -> String {
    ids.count == 1 ? room(ids[0]) : "Rooms " + ids.map { roomNames[$0] ?? $0 }.joined(separator: ", ")
  }

  /// "Алгебра".
  func subject(_ id: SubjectID) -> String { subjectNames[id] ?? id }

  /// A lesson as a timetable shows it: "5А Алгебра", "5А Информатика (1)", "5А+5Б Физкультура (поток)".
  func lesson(_ lesson: Lesson) -> String {
    let classes = lesson.classes.map(schoolClass).joined(separator: "+")
    let who = classes.isEmpty ? "" : classes + " "
    return who + subject(lesson.subject) + groupSuffix(lesson.group)
  }

  /// A set of lessons by subject and class: "Алгебра of 5А", "Информатика of 5А (1)".
  func lessonSet(_ lessons: [Lesson]) -> String {
    let subjects = unique(lessons.map(\.subject)).map(subject).joined(separator: ", ")
    let classes = unique(lessons.flatMap(\.classes)).map(schoolClass).joined(separator: ", ")
    let groups = unique(lessons.map(\.group))
    let suffix = groups.count == 1 ? groupSuffix(groups[0]) : ""
    return classes.isEmpty ? subjects + suffix : "\(subjects) of \(classes)\(suffix)"
  }

  private func groupSuffix(_ group: String) -> String {
    group.isEmpty || group == "whole" ? "" : " (\(group))"
  }

  /// "Tue", as the problem names its days.
  func day(_ day: Weekday) -> String { dayNames[day] ?? day.shortName }

  /// "Tue 3".
  func slot(_ day: Weekday, _ period: Int) -> String { "\(self.day(day)) \(period)" }

  /// "Tue 3" or "Tue 3–4" for the periods a placement spans.
  func slot(_ day: Weekday, _ first: Int, _ last: Int) -> String { "\(self.day(day)) \(periods(first, last))" }

  /// "3" or "3–4".
  func periods(_ first: Int, _ last: Int) -> String { first == last ? "\(first)" : "\(first)–\(last)" }

  /// A student unit: its class's name when the class is never split, else "5А/1·boys".
  func unit(_ unit: String) -> String {
    guard let owner = unitOwners[unit] else { return unit }
    if owner.only { return schoolClass(owner.classID) }
    if unit.hasPrefix(owner.classID + "/") { return schoolClass(owner.classID) + unit.dropFirst(owner.classID.count) }
    return "\(schoolClass(owner.classID)) (\(unit))"
  }

  /// Student units, a whole class by its name: "5А", "5А/1·boys, 5А/1·girls".
  func units(_ units: [String]) -> String {
    var parts: [String] = []
    var done: Set<String> = []
    for unit in units where !done.contains(unit) {
      if let owner = unitOwners[unit], let all = unitsOfClass[owner.classID], all.isSubset(of: units) {
        parts.append(schoolClass(owner.classID))
        done.formUnion(all)
      } else {
        parts.append(self.unit(unit))
        done.insert(unit)
      }
    }
    return parts.joined(separator: ", ")
  }

  /// A student set a constraint names: a set of the problem by its id, a class by its name, a unit
  /// as `unit(_:)` names it; "all students" for `nil`.
  func studentSet(_ id: String?) -> String {
    guard let id else { return "all students" }
    if studentSetIDs.contains(id) { return id }
    if classNames[id] != nil { return schoolClass(id) }
    return unit(id)
  }

  /// Slots by name: "Mon 1, Mon 2 and Tue 1", at most `limit` of them and "…" for the rest.
  func slots(_ slots: [TimeSlot], limit: Int = 6) -> String {
    let names = slots.prefix(limit).map { slot($0.day, $0.period) }
    return slots.count > limit ? names.joined(separator: ", ") + ", …" : list(names)
  }

  /// "A", "A and B", "A, B and C".
  func list(_ names: [String]) -> String {
    guard names.count > 1 else { return names.first ?? "" }
    return names.dropLast().joined(separator: ", ") + " and " + names.last!
  }

  /// "1 gap", "3 gaps".
  func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

  /// Names of a list of occupied periods by runs: "1–3 and 5–6", "1, 3 and 5".
  func runs(_ runs: [ClosedRange<Int>]) -> String {
    let names = runs.map { periods($0.lowerBound, $0.upperBound) }
    guard names.count > 1 else { return names.first ?? "" }
    return names.dropLast().joined(separator: ", ") + " and " + names.last!
  }
}

/// The elements in first-seen order, each once.
func unique<T: Hashable>(_ items: [T]) -> [T] {
  var seen: Set<T> = []
  return items.filter { seen.insert($0).inserted }
}
