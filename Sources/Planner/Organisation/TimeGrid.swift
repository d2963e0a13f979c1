/// A place in the weekly grid: a school day and a period of that day.
///
/// Periods are numbered across the whole school day from 1, so that the two shifts of a
/// building share one numbering: with a second shift whose `firstPeriod` is 7, its first
/// lesson is period 7. In a one-shift school the period is the lesson number.
public struct TimeSlot: Codable, Hashable, Sendable, Comparable, CustomStringConvertible {
  public var day: Weekday
  public var period: Int

  public init(day: Weekday, period: Int) {
    self.day = day
    self.period = period
  }

  public static func < (a: TimeSlot, b: TimeSlot) -> Bool {
    (a.day.index, a.period) < (b.day.index, b.period)
  }

  public var description: String { "\(day.shortName) \(period)" }
}

/// A shift (ауысым / смена): classes study in one shift; shifts of a building follow one
/// another (or overlap by a few periods) in the day.
public struct Shift: Codable, Hashable, Sendable, Identifiable {
  public var id: ShiftID
  public var name: String
  /// The school-day period of the shift's first lesson (1 for the first shift).
  public var firstPeriod: Int
  /// How many lessons a day the shift can hold.
  public var lessonsPerDay: Int
  /// Lesson numbers after which a long break (for meals) comes; a double lesson may not
  /// span one when the rules say so.
  public var longBreaksAfter: [Int]?
  /// How the lessons are called when not by number ("08:00–08:45" in a FET file).
  public var periodNames: [String]?

  public init(
    id: ShiftID, name: String, firstPeriod: Int = 1, lessonsPerDay: Int, longBreaksAfter: [Int]? = nil,
    periodNames: [String]? = nil
  ) {
    self.id = id
    self.name = name
    self.firstPeriod = firstPeriod
    self.lessonsPerDay = lessonsPerDay
    self.longBreaksAfter = longBreaksAfter
    self.periodNames = periodNames
  }

  /// The school-day periods of this shift's lessons.
  public var periods: ClosedRange<Int> { firstPeriod...(firstPeriod + lessonsPerDay - 1) }

  /// The school-day period of a lesson number of this shift.
  public func period(ofLesson number: Int) -> Int { firstPeriod + number - 1 }
}

/// One line of a bell schedule: lesson number, start and end.
public struct BellLesson: Codable, Hashable, Sendable {
  public var number: Int
  public var start: ClockTime
  public var end: ClockTime

  public init(number: Int, start: ClockTime, end: ClockTime) {
    self.number = number
    self.start = start
    self.end = end
  }

  public var minutes: Int { end.minutes - start.minutes }
}

/// A bell schedule (қоңыраулар кестесі / расписание звонков) of a shift: when each lesson
/// starts and ends. A school may keep a different one for some weekdays (a shortened Saturday).
public struct BellSchedule: Codable, Hashable, Sendable {
  public var shift: ShiftID
  /// The weekdays it is for; `nil` for every school day without a schedule of its own.
  public var weekdays: [Weekday]?
  /// The grades it is for when lessons differ in length by grade (35 minutes in the first grade);
  /// `nil` for every grade of the shift.
  public var grades: [Int]?
  public var lessons: [BellLesson]

  public init(shift: ShiftID, weekdays: [Weekday]? = nil, grades: [Int]? = nil, lessons: [BellLesson]) {
    self.shift = shift
    self.weekdays = weekdays
    self.grades = grades
    self.lessons = lessons
  }
}

/// Lessons of some grades and how long they are ("1": 35 minutes, "2–11": 45 minutes).
public struct LessonLength: Codable, Hashable, Sendable {
  public var grades: [Int]
  public var minutes: Int

  public init(grades: [Int], minutes: Int) {
    self.grades = grades
    self.minutes = minutes
  }
}

/// The rules a shift's bell schedule follows, from which Sabaq computes it: when the first lesson
/// starts, how long lessons are (by grade band), the shortest break, how many long breaks (for
/// meals) there are, where they may go and how long they are, and when the day must end. A second
/// shift in the same building starts after the first has left the rooms it needs, plus a gap.
public struct BellRules: Codable, Hashable, Sendable {
  public var shift: ShiftID
  /// The first lesson's start; for a shift that follows another, the earliest it may start.
  public var start: ClockTime
  public var lessonLengths: [LessonLength]
  public var minimumBreak: Int
  /// Breaks longer than this cost in the schedule's quality (the day is not stretched for nothing).
  public var preferredBreak: Int?
  public var longBreaks: Int
  public var longBreakMinutes: Int
  /// Lesson numbers after which a long break may come.
  public var longBreakAfter: [Int]
  /// The end of the last lesson at the latest.
  public var latestEnd: ClockTime?
  /// The shift this one follows in the same building, and the minutes between them (airing,
  /// cleaning) once the first has left the rooms the second needs.
  public var follows: ShiftID?
  public var gapAfterPreviousShift: Int?

  public init(
    shift: ShiftID, start: ClockTime, lessonLengths: [LessonLength], minimumBreak: Int = 10, preferredBreak: Int? = nil,
    longBreaks: Int = 1, longBreakMinutes: Int = 20, longBreakAfter: [Int] = [2, 3, 4], latestEnd: ClockTime? = nil,
    follows: ShiftID? = nil, gapAfterPreviousShift: Int? = nil
  ) {
    self.shift = shift
    self.start = start
    self.lessonLengths = lessonLengths
    self.minimumBreak = minimumBreak
    self.preferredBreak = preferredBreak
    self.longBreaks = longBreaks
    self.longBreakMinutes = longBreakMinutes
    self.longBreakAfter = longBreakAfter
    self.latestEnd = latestEnd
    self.follows = follows
    self.gapAfterPreviousShift = gapAfterPreviousShift
  }

  /// The length of lessons of a grade (45 minutes when no band lists it).
  public func minutes(forGrade grade: Int) -> Int {
    lessonLengths.first { $0.grades.contains(grade) }?.minutes ?? 45
  }
}
