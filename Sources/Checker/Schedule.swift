import Planner

/// A lesson of the demand with the placement the checker judges (its first one).
struct PlacedLesson {
  let lesson: Lesson
  /// The lesson's position in `problem.lessons` (orders ties).
  let order: Int
  let placement: Placement
  /// Whether the placement's day is a school day of the problem.
  let onSchoolDay: Bool
  /// The occupied periods that lie in the grid (none when the day is not a school day).
  let periods: [Int]

  var day: Weekday { placement.day }
  var start: Int { placement.period }
  var duration: Int { max(lesson.duration, 1) }
  /// The last period the lesson occupies, in the grid or not.
  var end: Int { start + duration - 1 }
}

/// Two lessons meet in some week when their week patterns do: every week meets everything, odd and
/// even weeks never meet each other.
func weeksMeet(_ a: WeekPattern, _ b: WeekPattern) -> Bool {
  a == .every || b == .every || a == b
}

/// Something (a teacher, a class, a student unit) on a day.
struct DayKey: Hashable, Comparable {
  let name: String
  let day: Weekday

  static func < (a: DayKey, b: DayKey) -> Bool { (a.name, a.day.index) < (b.name, b.day.index) }
}

/// The placements of a timetable sorted out against the demand and indexed for the checks: by
/// slot, and by teacher, class and student unit for each day. Built once, read by every rule.
struct Schedule {
  let problem: TimetableProblem
  /// The position of each lesson id in `problem.lessons` (the first, should an id repeat).
  let lessonOrder: [String: Int]
  /// The judged placements, one per placed lesson, in timetable order.
  private(set) var placed: [PlacedLesson] = []
  /// For each lesson of the demand, its index in `placed`.
  private(set) var placedIndex: [Int?]
  /// Placements naming no lesson of the demand.
  private(set) var unknown: [Placement] = []
  /// Second and later placements of a lesson, with the index of the judged one.
  private(set) var repeated: [(first: Int, placement: Placement)] = []
  /// Placed lessons occupying each in-grid slot.
  private(set) var bySlot: [TimeSlot: [Int]] = [:]
  /// Placed lessons of each teacher, class and student unit on each school day.
  private(set) var byTeacherDay: [DayKey: [Int]] = [:]
  private(set) var byClassDay: [DayKey: [Int]] = [:]
  private(set) var byUnitDay: [DayKey: [Int]] = [:]
  /// The occupied in-grid periods (busy periods) of each teacher and student unit on each school
  /// day, ascending, whatever the week pattern.
  private(set) var teacherBusy: [DayKey: [Int]] = [:]
  private(set) var unitBusy: [DayKey: [Int]] = [:]
  /// The position of each school day in `problem.days` (the first, should a day repeat).
  let dayIndex: [Weekday: Int]

  init(problem: TimetableProblem, timetable: Timetable) {
    self.problem = problem
    var order: [String: Int] = [:]
    for (i, lesson) in problem.lessons.enumerated() where order[lesson.id] == nil { order[lesson.id] = i }
    lessonOrder = order
    var dayIndex: [Weekday: Int] = [:]
    for (i, day) in problem.days.enumerated() where dayIndex[day] == nil { dayIndex[day] = i }
    self.dayIndex = dayIndex
    placedIndex = Array(repeating: nil, count: problem.lessons.count)
    let schoolDays = Set(problem.days)
    let grid = 1...max(problem.periodsPerDay, 1)
    for placement in timetable.placements {
      guard let i = order[placement.lesson] else {
        unknown.append(placement)
        continue
      }
      if let first = placedIndex[i] {
        repeated.append((first, placement))
        continue
      }
      let lesson = problem.lessons[i]
      let onSchoolDay = schoolDays.contains(placement.day) && problem.periodsPerDay > 0
      let span = placement.period..<(placement.period + max(lesson.duration, 1))
      let periods = onSchoolDay ? span.filter { grid.contains($0) } : []
      placedIndex[i] = placed.count
      placed.append(
        PlacedLesson(lesson: lesson, order: i, placement: placement, onSchoolDay: onSchoolDay, periods: periods))
    }
    for (p, entry) in placed.enumerated() {
      for period in entry.periods { bySlot[TimeSlot(day: entry.day, period: period), default: []].append(p) }
      guard entry.onSchoolDay else { continue }
      for teacher in unique(entry.lesson.teachers) {
        byTeacherDay[DayKey(name: teacher, day: entry.day), default: []].append(p)
      }
      for schoolClass in unique(entry.lesson.classes) {
        byClassDay[DayKey(name: schoolClass, day: entry.day), default: []].append(p)
      }
      for unit in unique(entry.lesson.students) { byUnitDay[DayKey(name: unit, day: entry.day), default: []].append(p) }
    }
    teacherBusy = byTeacherDay.mapValues { Self.occupied($0, in: placed) }
    unitBusy = byUnitDay.mapValues { Self.occupied($0, in: placed) }
  }

  /// The placed lesson of a lesson id, if the id is in the demand and placed.
  func placed(_ lessonID: String) -> PlacedLesson? {
    guard let i = lessonOrder[lessonID], let p = placedIndex[i] else { return nil }
    return placed[p]
  }

  /// The in-grid periods the given placed lessons occupy, ascending, each once.
  func occupied(_ indices: [Int]) -> [Int] { Self.occupied(indices, in: placed) }

  private static func occupied(_ indices: [Int], in placed: [PlacedLesson]) -> [Int] {
    Array(Set(indices.flatMap { placed[$0].periods })).sorted()
  }
}

/// The runs of consecutive periods in an ascending list: [1, 2, 3, 5, 6] → [1...3, 5...6].
func runs(of periods: [Int]) -> [ClosedRange<Int>] {
  var result: [ClosedRange<Int>] = []
  for period in periods {
    if let last = result.last, last.upperBound + 1 == period {
      result[result.count - 1] = last.lowerBound...period
    } else {
      result.append(period...period)
    }
  }
  return result
}
