// Counting by day: findings that need the week's days apart (a teacher free on four days with
// five lessons of a subject at most one a day), which the weekly totals cannot see.

extension DemandCapacity.Code {
  /// Lessons limited to some number a day (a subject once a day) that have more lessons than the
  /// days they can be held on allow. Path `lessons/…` (the first lesson of the group).
  public static let lessonsOverDays = "lessons-over-days"
  /// A teacher whose lessons do not fit the days, counting their daily maximum and the days they
  /// can teach (hard rules). Path `teachers/…`.
  public static let teacherOverDays = "teacher-over-days"
}

extension DemandCapacity {
  /// The findings that count day by day: lesson groups with a hard daily maximum, and teachers
  /// with a hard daily maximum or maximum of days, against the days that are open to them.
  static func dayFindings(in problem: TimetableProblem, skipping teachersFound: Set<String>) -> [PlanningIssue] {
    let days = DayCount(problem)
    return lessonGroupFindings(days) + teacherDayFindings(days, skipping: teachersFound)
  }

  /// What is open on which day, from the availability of teachers, classes and break times.
  struct DayCount {
    let problem: TimetableProblem
    let classByID: [ClassID: ProblemClass]
    let lessonByID: [String: Lesson]
    var teacherBlocked: [TeacherID: Set<TimeSlot>] = [:]
    var classBlocked: [ClassID: Set<TimeSlot>] = [:]
    var breaks: Set<TimeSlot> = []

    init(_ problem: TimetableProblem) {
      self.problem = problem
      classByID = Dictionary(problem.classes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
      lessonByID = Dictionary(problem.lessons.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
      for t in problem.teachers { teacherBlocked[t.id] = Set(t.unavailable) }
      for c in problem.classes { classBlocked[c.id] = Set(c.unavailable) }
      for c in problem.constraints where c.weight.isHard {
        switch c.rule {
        case .teacherNotAvailable(let teacher, let slots): teacherBlocked[teacher, default: []].formUnion(slots)
        case .breakTimes(let slots): breaks.formUnion(slots)
        default: break
        }
      }
    }

    /// The periods a lesson may start at: inside the shifts of all its classes.
    func starts(of lesson: Lesson) -> ClosedRange<Int>? {
      let classes = lesson.classes.compactMap { classByID[$0] }
      let first = classes.map(\.firstPeriod).max() ?? 1
      let last = (classes.map(\.lastPeriod).min() ?? problem.periodsPerDay) - lesson.duration + 1
      return first <= last ? first...last : nil
    }

    /// Whether a period of a day is free for all the lesson's teachers and classes.
    func isOpen(_ slot: TimeSlot, for lesson: Lesson) -> Bool {
      !breaks.contains(slot) && lesson.teachers.allSatisfy { !(teacherBlocked[$0]?.contains(slot) ?? false) }
        && lesson.classes.allSatisfy { !(classBlocked[$0]?.contains(slot) ?? false) }
    }

    /// Whether the lesson can be held somewhere on the day.
    func fits(_ lesson: Lesson, on day: Weekday) -> Bool {
      guard let starts = starts(of: lesson) else { return false }
      return starts.contains { p in
        (p..<(p + lesson.duration)).allSatisfy { isOpen(TimeSlot(day: day, period: $0), for: lesson) }
      }
    }
  }

  /// Groups of lessons with a hard "at most N a day" that have more lessons than N × the days on
  /// which they can be held.
  private static func lessonGroupFindings(_ count: DayCount) -> [PlanningIssue] {
    var findings: [PlanningIssue] = []
    for constraint in count.problem.constraints where constraint.weight.isHard {
      guard case .lessonsMaxPerDay(let ids, let most) = constraint.rule else { continue }
      let lessons = ids.compactMap { count.lessonByID[$0] }
      guard let first = lessons.first else { continue }
      let needed = lessons.reduce(0.0) { $0 + ($1.weeks == .every ? 1 : 0.5) }
      var capacity = 0.0
      var closed: [Weekday] = []
      for day in count.problem.days {
        let fitting = lessons.filter { count.fits($0, on: day) }.count
        if fitting == 0 { closed.append(day) }
        capacity += Double(min(most, fitting))
      }
      guard needed > capacity else { continue }
      let open = count.problem.days.count - closed.count
      let why =
        closed.isEmpty
        ? ""
        : " (no room for them on \(closed.map(\.shortName).joined(separator: ", ")): its teacher or class is unavailable)"
      findings.append(
        .error(
          Code.lessonsOverDays, at: Path.lesson(first.id),
          "\(describe(first, count)) has \(format(needed)) lessons a week, at most \(most) a day, but can be held on only \(open) of the \(count.problem.days.count) days\(why): free a day or move a lesson to another teacher."
        ))
    }
    return findings
  }

  /// Teachers with a hard daily maximum or maximum of days whose lessons need more periods than
  /// their open periods allow day by day.
  private static func teacherDayFindings(_ count: DayCount, skipping found: Set<String>) -> [PlanningIssue] {
    let problem = count.problem
    var maxDaily: [TeacherID?: Int] = [:]
    var maxDays: [TeacherID?: Int] = [:]
    for c in problem.constraints where c.weight.isHard {
      switch c.rule {
      case .teachersMaxHoursDaily(let t, let most): maxDaily[t] = min(maxDaily[t] ?? .max, most)
      case .teachersMaxDaysPerWeek(let t, let most): maxDays[t] = min(maxDays[t] ?? .max, most)
      default: break
      }
    }
    var lessonsOf: [TeacherID: [Lesson]] = [:]
    for lesson in problem.lessons { for t in lesson.teachers { lessonsOf[t, default: []].append(lesson) } }
    var findings: [PlanningIssue] = []
    for teacher in problem.teachers where !found.contains(Path.teacher(teacher.id)) {
      guard let lessons = lessonsOf[teacher.id], !lessons.isEmpty else { continue }
      let daily = min(maxDaily[teacher.id] ?? .max, maxDaily[nil] ?? .max)
      let dayLimit = min(maxDays[teacher.id] ?? .max, maxDays[nil] ?? .max)
      guard daily != .max || dayLimit != .max else { continue }
      let periods = Set(
        lessons.flatMap { lesson -> [Int] in
          let classes = lesson.classes.compactMap { count.classByID[$0] }
          if classes.isEmpty { return Array(1...max(problem.periodsPerDay, 1)) }
          return classes.flatMap { Array($0.firstPeriod...max($0.firstPeriod, $0.lastPeriod)) }
        })
      let blocked = count.teacherBlocked[teacher.id] ?? []
      let perDay = problem.days.map { day in
        min(daily, periods.filter { !blocked.contains(TimeSlot(day: day, period: $0)) }.count)
      }
      let capacity = perDay.sorted(by: >).prefix(max(0, dayLimit)).reduce(0, +)
      let needed = lessons.reduce(0.0) { $0 + Double($1.duration) * ($1.weeks == .every ? 1 : 0.5) }
      guard needed > Double(capacity) else { continue }
      let limits = [
        daily == .max ? nil : "at most \(daily) a day", dayLimit == .max ? nil : "on at most \(dayLimit) days",
      ].compactMap { $0 }
      findings.append(
        .error(
          Code.teacherOverDays, at: Path.teacher(teacher.id),
          "Teacher \(teacher.name) has \(format(needed)) lesson periods a week but, \(limits.isEmpty ? "day by day" : limits.joined(separator: " and ")) and with the times marked unavailable, can teach only \(capacity): move some lessons to another teacher or free some time."
        ))
    }
    return findings
  }

  private static func describe(_ lesson: Lesson, _ count: DayCount) -> String {
    let classes = lesson.classes.compactMap { count.classByID[$0]?.name }.joined(separator: "+")
    let subject = count.problem.subjects.first { $0.id == lesson.subject }?.name ?? lesson.subject
    let teachers = lesson.teachers.compactMap { t in count.problem.teachers.first { $0.id == t }?.name }
    return "\(classes) \(subject)\(teachers.isEmpty ? "" : " (\(teachers.joined(separator: ", ")))")"
  }
}
