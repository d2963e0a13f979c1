/// How much a constraint matters: a hard one must hold; a soft one costs its weight for each
/// time it is broken. Written `"hard"` or a number in JSON.
public enum ConstraintWeight: Codable, Hashable, Sendable, CustomStringConvertible {
  case hard
  case soft(Int)

  public var isHard: Bool { self == .hard }
  /// The cost of one violation of a soft constraint (0 for a hard one).
  public var softWeight: Int {
    if case .soft(let w) = self { return w }
    return 0
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let text = try? container.decode(String.self) {
      guard text == "hard" else {
        throw DecodingError.dataCorruptedError(
          in: container, debugDescription: "expected \"hard\" or a non-negative number, found \"\(text)\"")
      }
      self = .hard
      return
    }
    let value = try container.decode(Int.self)
    guard value >= 0 else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "expected a non-negative weight, found \(value)")
    }
    self = .soft(value)
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .hard: try container.encode("hard")
    case .soft(let w): try container.encode(w)
    }
  }

  public var description: String {
    switch self {
    case .hard: return "hard"
    case .soft(let w): return "soft \(w)"
    }
  }
}

/// A rule a timetable is judged by, beyond what every timetable must satisfy anyway (each lesson
/// placed once; no teacher, student unit or room in two places; availability; rooms of the
/// required kind; the shift's periods).
public enum ConstraintRule: Codable, Hashable, Sendable {
  /// The class's day has no gaps and (when `startAtFirst`) starts at its shift's first lesson.
  case classCompactDay(class: ClassID, startAtFirst: Bool)
  /// At most `max` lessons a day for the class (each period of a double lesson counts).
  case classMaxLessonsPerDay(class: ClassID, max: Int)
  /// At most `max` of these lessons on one day (a subject once a day).
  case lessonsMaxPerDay(lessons: [String], max: Int)
  /// A double lesson may not span a long break of its class.
  case doublesNotAcrossLongBreak
  /// Soft: gaps (windows) in teachers' days, each gap period costs the weight.
  case teacherGaps
  /// Soft: gaps in the days of student units, each gap period costs the weight.
  case studentGaps
  /// Soft: each lesson on a day the teacher asked to have free.
  case teacherDaysOff(teacher: TeacherID, days: [Weekday])
  /// Soft: each lesson a day over the teacher's wished maximum.
  case teacherMaxLessonsPerDay(teacher: TeacherID, max: Int)
  /// Soft: a subject's lessons spread over the week: each lesson beyond the even share of a day.
  case subjectSpread(lessons: [String])
  /// Soft: each difficult lesson at the first or last period of its class's day.
  case difficultNotFirstLast
  /// Soft: each change of room between two consecutive lessons of a teacher.
  case teacherRoomChanges

  // Rules of the kinds FET files use (docs/timetable-rules.md defines each). A `students` value
  // names a student set of the problem (`studentSets`, or a class id), `nil` meaning all students;
  // a `teacher` value of `nil` means every teacher.

  /// No lesson occupies these slots.
  case breakTimes(slots: [TimeSlot])
  case teacherNotAvailable(teacher: TeacherID, slots: [TimeSlot])
  case studentsNotAvailable(students: String, slots: [TimeSlot])
  case roomNotAvailable(room: RoomID, slots: [TimeSlot])
  /// Each of these lessons starts at one of the slots.
  case preferredStartingTimes(lessons: [String], slots: [TimeSlot])
  /// Every period each of these lessons occupies is one of the slots.
  case preferredTimeSlots(lessons: [String], slots: [TimeSlot])
  /// Any two of these lessons are at least `minDays` days apart; on the same day they must be
  /// consecutive when `consecutiveIfSameDay`.
  case minDaysBetween(lessons: [String], minDays: Int, consecutiveIfSameDay: Bool)
  /// Any two of these lessons held on the same day are consecutive (FET's "consecutive if same
  /// day", which holds whatever the weight of its min-days constraint).
  case consecutiveIfSameDay(lessons: [String])
  /// These lessons start at the same day and period.
  case sameStartingTime(lessons: [String])
  /// No two of these lessons overlap in time.
  case notOverlapping(lessons: [String])
  /// `second` starts on the same day right after `first` ends.
  case consecutive(first: String, second: String)
  /// These lessons (two or three) follow one another on one day, in any order, with no gap.
  case grouped(lessons: [String])
  /// After each of these lessons its students have no more lessons that day.
  case endsStudentsDay(lessons: [String])
  case studentsMaxGapsPerWeek(students: String?, max: Int)
  case studentsMaxGapsPerDay(students: String?, max: Int)
  /// Students start the day at the first period; at most `max` days a week at the second; never later.
  case studentsEarlyMaxBeginningsAtSecondHour(students: String?, max: Int)
  case studentsMaxHoursDaily(students: String?, max: Int)
  case studentsMinHoursDaily(students: String?, min: Int, allowEmptyDays: Bool)
  case studentsMaxHoursContinuously(students: String?, max: Int)
  case teachersMaxGapsPerWeek(teacher: TeacherID?, max: Int)
  case teachersMaxGapsPerDay(teacher: TeacherID?, max: Int)
  case teachersMaxHoursDaily(teacher: TeacherID?, max: Int)
  case teachersMinHoursDaily(teacher: TeacherID?, min: Int, allowEmptyDays: Bool)
  case teachersMaxDaysPerWeek(teacher: TeacherID?, max: Int)
  case teachersMinDaysPerWeek(teacher: TeacherID?, min: Int)
  case teachersMaxHoursContinuously(teacher: TeacherID?, max: Int)
  /// The teacher (nil: each teacher) is busy on at most `max` days in the periods
  /// `startPeriod ..< endPeriod` (FET's interval max days per week; `endPeriod` is
  /// `periodsPerDay + 1` for "the end of the day").
  case teachersIntervalMaxDaysPerWeek(teacher: TeacherID?, startPeriod: Int, endPeriod: Int, max: Int)
  /// Each student unit of the set (nil: every unit) is busy on at most `max` days in the periods
  /// `startPeriod ..< endPeriod`.
  case studentsIntervalMaxDaysPerWeek(students: String?, startPeriod: Int, endPeriod: Int, max: Int)
  /// The teacher (nil: each teacher) has at most `max` periods a day of its lessons among
  /// `lessons` (those with the activity tag `tag`).
  case teachersTagMaxHoursDaily(teacher: TeacherID?, tag: String, lessons: [String], max: Int)
  /// Each student unit of the set has at most `max` periods a day of its lessons among `lessons`
  /// (those with the activity tag `tag`).
  case studentsTagMaxHoursDaily(students: String?, tag: String, lessons: [String], max: Int)
  /// The teacher (nil: each teacher) has at most `max` periods in a row of its lessons among
  /// `lessons` (those with the activity tag `tag`).
  case teachersTagMaxHoursContinuously(teacher: TeacherID?, tag: String, lessons: [String], max: Int)
  /// Each student unit of the set has at most `max` periods in a row of its lessons among
  /// `lessons` (those with the activity tag `tag`).
  case studentsTagMaxHoursContinuously(students: String?, tag: String, lessons: [String], max: Int)
  /// The teacher's day (nil: each teacher's), first to last busy period, spans at most `max`
  /// periods; with `oneDayPlusOne`, one day a week may span `max + 1`.
  case teachersMaxSpanPerDay(teacher: TeacherID?, max: Int, oneDayPlusOne: Bool)
  /// Each student unit's day spans at most `max` periods; with `oneDayPlusOne`, one day a week
  /// may span `max + 1`.
  case studentsMaxSpanPerDay(students: String?, max: Int, oneDayPlusOne: Bool)
  /// Between the teacher's last period of a day and the first of the next school day there are at
  /// least `min` free periods (those after the last and before the first); with `circular`, also
  /// from the last school day to the first.
  case teachersMinRestingHours(teacher: TeacherID?, min: Int, circular: Bool)
  /// The same rest for each student unit of the set.
  case studentsMinRestingHours(students: String?, min: Int, circular: Bool)
  /// Each student unit of the set (nil: every unit) has lessons on at most `max` days a week.
  case studentsMaxDaysPerWeek(students: String?, max: Int)
  /// The teacher (nil: each teacher) changes building (between lessons that follow one another
  /// in the day, rooms without a building left out) at most `max` times a day.
  case teachersMaxBuildingChangesPerDay(teacher: TeacherID?, max: Int)
  /// The teacher changes building at most `max` times a week.
  case teachersMaxBuildingChangesPerWeek(teacher: TeacherID?, max: Int)
  /// Between two lessons of the teacher in different buildings there are at least `min` free
  /// periods.
  case teachersMinGapsBetweenBuildingChanges(teacher: TeacherID?, min: Int)
  /// Each student unit of the set changes building at most `max` times a day.
  case studentsMaxBuildingChangesPerDay(students: String?, max: Int)
  /// Each student unit of the set changes building at most `max` times a week.
  case studentsMaxBuildingChangesPerWeek(students: String?, max: Int)
  /// Between two lessons of a student unit in different buildings there are at least `min` free
  /// periods.
  case studentsMinGapsBetweenBuildingChanges(students: String?, min: Int)
  /// Each student unit of the set (nil: every unit): after a period of one of its lessons among
  /// `first` (tag `firstTag`), the next period of one among `second` (tag `secondTag`) that day
  /// comes at least `min` periods later (FET's min gaps between an ordered pair of activity tags;
  /// other lessons' periods count as gaps, as in FET).
  case studentsMinGapsBetweenTagPair(
    students: String?, firstTag: String, first: [String], secondTag: String, second: [String], min: Int)
  /// The same for the teacher (nil: each teacher).
  case teachersMinGapsBetweenTagPair(
    teacher: TeacherID?, firstTag: String, first: [String], secondTag: String, second: [String], min: Int)
  /// These lessons together occupy at most `max` of the given slots.
  case occupyMaxSlotsFromSelection(lessons: [String], slots: [TimeSlot], max: Int)
  /// Each of these lessons is in one of the rooms (its first room requirement).
  case preferredRooms(lessons: [String], rooms: [RoomID])
  /// These lessons start on the same day (at any period).
  case sameStartingDay(lessons: [String])
  /// These lessons start at the same period (on any day).
  case sameStartingPeriod(lessons: [String])
  /// Any two of these lessons held on the same day have at least `minGaps` free periods between
  /// them (the first ends, then `minGaps` periods pass before the second starts).
  case minGapsBetween(lessons: [String], minGaps: Int)
  /// Any two of these lessons are at most `maxDays` days apart.
  case maxDaysBetween(lessons: [String], maxDays: Int)
  /// `first` ends before `second` starts: on an earlier day, or earlier on the same day. With
  /// `ifSameDay`, only when both are on the same day (on different days in any order).
  case ordered(first: String, second: String, ifSameDay: Bool)
  /// In each of the slots, at most `max` of these lessons are held at once.
  case maxSimultaneous(lessons: [String], slots: [TimeSlot], max: Int)
  /// These lessons together use at most `max` different rooms (a subject's lessons in one lab).
  case occupyMaxRooms(lessons: [String], max: Int)
  /// Two of these lessons held one right after the other on a day are in the same room.
  case sameRoomIfConsecutive(lessons: [String])
}

/// A rule with its weight.
public struct TimetableConstraint: Codable, Hashable, Sendable {
  public var weight: ConstraintWeight
  public var rule: ConstraintRule

  public init(_ rule: ConstraintRule, weight: ConstraintWeight) {
    self.rule = rule
    self.weight = weight
  }
}
