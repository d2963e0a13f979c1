import Planner

/// The shifts of a timetable and the bell times of their lessons: which shift a lesson belongs to,
/// its number in that shift (a second shift's lessons count from 1), and when it starts and ends
/// by the organisation's bell schedules (or the lesson names of an imported file).
struct LessonTimes: Sendable {
  struct ShiftInfo: Hashable, Sendable {
    var id: ShiftID
    var name: String?
    /// The school-day period of the shift's first lesson.
    var firstPeriod: Int
    var periodNames: [String]?
  }

  let shifts: [ShiftInfo]
  private let shiftByID: [ShiftID: ShiftInfo]
  private let schedules: [BellSchedule]
  private let problemPeriodNames: [String]
  private let classes: [ClassID: ProblemClass]

  init(problem: TimetableProblem, organisation: Organisation?) {
    var infos: [ShiftInfo] =
      organisation?.shifts.map {
        ShiftInfo(id: $0.id, name: $0.name, firstPeriod: $0.firstPeriod, periodNames: $0.periodNames)
      } ?? []
    // Shifts the problem's classes name but the organisation (if any) does not.
    for schoolClass in problem.classes where !infos.contains(where: { $0.id == schoolClass.shift }) {
      infos.append(ShiftInfo(id: schoolClass.shift, name: nil, firstPeriod: schoolClass.firstPeriod, periodNames: nil))
    }
    if infos.isEmpty { infos = [ShiftInfo(id: "", name: nil, firstPeriod: 1, periodNames: nil)] }
    shifts = infos.sorted { ($0.firstPeriod, $0.id) < ($1.firstPeriod, $1.id) }
    shiftByID = Dictionary(shifts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    schedules = organisation?.bellSchedules ?? []
    problemPeriodNames = problem.periodNames
    classes = Dictionary(problem.classes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
  }

  /// Whether the names of the shifts are worth printing (more than one shift).
  var severalShifts: Bool { shifts.count > 1 }

  /// The shift of a lesson: its (first) class's; for a lesson of no class, the last shift that
  /// has started by the period.
  func shift(of lesson: Lesson, period: Int) -> ShiftInfo {
    if let id = lesson.classes.lazy.compactMap({ self.classes[$0]?.shift }).first, let info = shiftByID[id] {
      return info
    }
    return shifts.last { $0.firstPeriod <= period } ?? shifts[0]
  }

  func shift(_ id: ShiftID) -> ShiftInfo? { shiftByID[id] }

  /// The grade of a lesson's (first) class.
  func grade(of lesson: Lesson) -> Int? { lesson.classes.lazy.compactMap { self.classes[$0]?.grade }.first }

  /// The bell time of a shift's lesson ("08:00–08:45"): by the bell schedule of the day (or of
  /// every day when `day` is nil) and of the grade when the school keeps one a grade; else the
  /// lesson's name in an imported file when it is not just a number; else nil.
  func time(_ shift: ShiftInfo, number: Int, day: Weekday?, grade: Int?) -> String? {
    if let schedule = schedule(shift.id, day: day, grade: grade),
      let lesson = schedule.lessons.first(where: { $0.number == number })
    {
      return "\(lesson.start)–\(lesson.end)"
    }
    let period = shift.firstPeriod + number - 1
    let name =
      shift.periodNames.flatMap { $0.indices.contains(number - 1) ? $0[number - 1] : nil }
      ?? (problemPeriodNames.indices.contains(period - 1) ? problemPeriodNames[period - 1] : nil)
    // A name that is only a number ("0", "7": FET files number their hours) is no time.
    guard let name, !name.isEmpty, !name.allSatisfy(\.isNumber) else { return nil }
    return name
  }

  /// The schedule that applies: one for the day beats one for every day; one for the grade beats
  /// one for every grade; a schedule for other days or grades never applies.
  private func schedule(_ shift: ShiftID, day: Weekday?, grade: Int?) -> BellSchedule? {
    var best: (score: Int, schedule: BellSchedule)?
    for schedule in schedules where schedule.shift == shift {
      var score = 0
      if let weekdays = schedule.weekdays {
        guard let day, weekdays.contains(day) else { continue }
        score += 2
      }
      if let grades = schedule.grades {
        guard let grade, grades.contains(grade) else { continue }
        score += 1
      }
      if best == nil || score > best!.score { best = (score, schedule) }
    }
    return best?.schedule
  }
}
