import Planner

/// A lesson on a real date: when it starts and ends by the bells of its shift, and the names of
/// what it involves. Pages ("my week") and calendar feeds are made of these.
public struct LessonOccurrence: Sendable, Hashable {
  public var date: SchoolDate
  public var lesson: ScheduledLesson
  /// The lesson's number in its shift's day (a second shift's first lesson is 1).
  public var number: Int
  public var shift: ShiftID?
  /// From the bell schedule; `nil` when the shift has no bells for this lesson.
  public var start: ClockTime?
  public var end: ClockTime?
  public var subjectName: String
  public var classNames: [String]
  public var teacherNames: [String]
  public var roomNames: [String]
}

/// One school day of a week: its lessons, or why there are none.
public struct ScheduleDay: Sendable, Hashable {
  public enum Closure: Sendable, Hashable {
    /// A holiday of the calendar (its name) covering the day for everyone.
    case holiday(String)
    /// Outside every study period (the summer, or the days between periods with no holiday named).
    case outsideTerm
  }

  public var date: SchoolDate
  public var weekday: Weekday
  public var closure: Closure?
  public var lessons: [LessonOccurrence]
}

/// A calendar week of one teacher, class or room.
public struct ScheduleWeek: Sendable, Hashable {
  public var monday: SchoolDate
  /// The study week (its number, and so whether it is odd or even); `nil` outside the terms.
  public var studyWeek: StudyWeek?
  public var days: [ScheduleDay]

  public var isOdd: Bool? { studyWeek?.isOdd }
}

/// Puts a weekly timetable on the real calendar of an organisation: the school days, the study
/// weeks (odd and even), the holidays (some only for some grades), and the bells of each shift.
///
/// Odd and even weeks are counted school-wide (holidays of some grades only do not shift the count).
public struct LessonCalendar: Sendable {
  public let organisation: Organisation
  private let weeks: [SchoolDate: StudyWeek]
  private let classes: [ClassID: SchoolClass]
  private let shifts: [ShiftID: Shift]
  private let names: [String: [String: String]]

  public init(organisation: Organisation) {
    self.organisation = organisation
    let calendar = StudyCalendar(organisation: organisation, grade: 0)
    weeks = Dictionary(calendar.weeks.map { ($0.monday, $0) }, uniquingKeysWith: { a, _ in a })
    classes = Dictionary(organisation.classes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    shifts = Dictionary(organisation.shifts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    func table<T>(_ items: [T], _ id: (T) -> String, _ name: (T) -> String) -> [String: String] {
      Dictionary(items.map { (id($0), name($0)) }, uniquingKeysWith: { a, _ in a })
    }
    names = [
      "subject": table(organisation.subjects, { $0.id }, { $0.name }),
      "teacher": table(organisation.teachers, { $0.id }, { $0.name }),
      "room": table(organisation.rooms, { $0.id }, { $0.name }),
    ]
  }

  /// The school days of the organisation, Monday first.
  public var schoolDays: [Weekday] { organisation.settings.schoolDays.filter(\.isCalendarWeekday).sorted() }

  /// The week starting on the Monday of `date`.
  public func week(of lessons: [ScheduledLesson], containing date: SchoolDate) -> ScheduleWeek {
    let monday = date.mondayOfWeek
    let days = schoolDays.map { weekday -> ScheduleDay in
      let day = monday.adding(days: weekday.index)
      let closure = closure(on: day)
      let occurring = closure == nil ? occurrences(of: lessons, on: day) : []
      return ScheduleDay(date: day, weekday: weekday, closure: closure, lessons: occurring)
    }
    return ScheduleWeek(monday: monday, studyWeek: weeks[monday], days: days)
  }

  /// Every lesson that takes place from `range.start` to `range.end`, in date and time order.
  public func occurrences(of lessons: [ScheduledLesson], in range: DateRange) -> [LessonOccurrence] {
    let school = Set(schoolDays)
    return range.days.filter { school.contains($0.weekday) && closure(on: $0) == nil }
      .flatMap { occurrences(of: lessons, on: $0) }
  }

  /// The first and last day with lessons: the academic year, or the study period a timetable is for.
  public func range(period: PeriodID?) -> DateRange {
    if let period, let found = organisation.studyPeriods.first(where: { $0.id == period }) { return found.range }
    return organisation.academicYear.range
  }

  /// The date itself inside the academic year; outside it, the same day of the year moved into
  /// the academic year (a page opened in a year the plan is not for shows the same time of its year).
  public func insideYear(_ date: SchoolDate) -> SchoolDate {
    let year = organisation.academicYear.range
    guard year.start <= year.end, !year.contains(date) else { return date }
    var moved = date
    for _ in 0..<200 {
      moved = moved.adding(years: moved < year.start ? 1 : -1)
      if year.contains(moved) { return moved }
      if moved < year.start, moved.adding(years: 1) > year.end { return year.start }
    }
    return year.start
  }

  /// Why a day has no lessons for anyone, if it has none.
  public func closure(on day: SchoolDate) -> ScheduleDay.Closure? {
    if let holiday = (organisation.holidays ?? []).first(where: { $0.grades == nil && $0.range.contains(day) }) {
      return .holiday(holiday.name)
    }
    guard organisation.studyPeriods.contains(where: { $0.range.contains(day) }) else { return .outsideTerm }
    return nil
  }

  /// The lessons of `day` (a school day inside a term): their week pattern matches the study
  /// week, and no holiday of their classes' grades covers the day.
  private func occurrences(of lessons: [ScheduledLesson], on day: SchoolDate) -> [LessonOccurrence] {
    let weekday = day.weekday
    let odd = weeks[day.mondayOfWeek]?.isOdd
    let gradeHolidays = (organisation.holidays ?? []).filter { $0.grades != nil && $0.range.contains(day) }
    return lessons.filter { lesson in
      guard lesson.day == weekday.rawValue else { return false }
      switch lesson.weeks {
      case WeekPattern.odd.rawValue: if odd != true { return false }
      case WeekPattern.even.rawValue: if odd != false { return false }
      default: break
      }
      let grades = lesson.classes.compactMap { classes[$0]?.grade }
      return !gradeHolidays.contains { holiday in grades.contains { holiday.applies(toGrade: $0) } }
    }
    .map { occurrence(of: $0, on: day) }
    .sorted {
      ($0.start?.minutes ?? 0, $0.number, $0.lesson.lesson) < ($1.start?.minutes ?? 0, $1.number, $1.lesson.lesson)
    }
  }

  /// A lesson on a date: its shift's lesson number and bell times, and the names.
  public func occurrence(of lesson: ScheduledLesson, on day: SchoolDate) -> LessonOccurrence {
    let firstClass = lesson.classes.lazy.compactMap { classes[$0] }.first
    let shift =
      firstClass.flatMap { shifts[$0.shift] }
      ?? organisation.shifts.first { $0.periods.contains(lesson.period) }
    let number = shift.map { lesson.period - $0.firstPeriod + 1 } ?? lesson.period
    let bells = shift.flatMap { bellSchedule(of: $0.id, on: day.weekday, grade: firstClass?.grade) }
    let first = bells?.lessons.first { $0.number == number }
    let last = bells?.lessons.first { $0.number == number + max(lesson.duration, 1) - 1 } ?? first
    func name(_ kind: String, _ id: String) -> String { names[kind]?[id] ?? id }
    return LessonOccurrence(
      date: day, lesson: lesson, number: number, shift: shift?.id, start: first?.start, end: last?.end,
      subjectName: name("subject", lesson.subject), classNames: lesson.classes,
      teacherNames: lesson.teachers.map { name("teacher", $0) }, roomNames: lesson.rooms.map { name("room", $0) })
  }

  /// The bell schedule of a shift on a weekday for a grade: one made for that weekday or grade
  /// wins over the shift's general one.
  public func bellSchedule(of shift: ShiftID, on weekday: Weekday, grade: Int?) -> BellSchedule? {
    let candidates = (organisation.bellSchedules ?? []).filter { schedule in
      schedule.shift == shift && (schedule.weekdays?.contains(weekday) ?? true)
        && (schedule.grades.map { grades in grade.map { grades.contains($0) } ?? false } ?? true)
    }
    return candidates.max { specificity($0) < specificity($1) }
  }

  private func specificity(_ schedule: BellSchedule) -> Int {
    (schedule.weekdays == nil ? 0 : 2) + (schedule.grades == nil ? 0 : 1)
  }
}
