/// The range of every number of an organisation, as a school would write it, checked before
/// anything computes with them: a class of a million pupils, a shift starting at period 10^10 or a
/// split into 100,000 groups is a typo, and left through it would overflow a sum, allocate
/// gigabytes or run for hours. `docs/instance-format.md` lists the ranges and why.
///
/// `InstanceFile` refuses a file with a number out of range (every command), and
/// `OrganisationValidator` reports them first for organisations from elsewhere (a FET import, the
/// store).
public enum NumberRanges {
  /// Pupils of a class, boys or girls: a class has at most some hundreds of pupils.
  public static let pupils = 0...500
  /// Periods of a school day: the solver keeps a class's or teacher's day as a 32-bit set.
  public static let schoolDayPeriods = 1...32
  /// Lessons of one shift a day: a school shift has up to 8–10; a university's day of hourly
  /// periods (FET files have 21 and 22) up to 24.
  public static let lessonsPerDay = 1...24
  /// Seats of a room: a hall seats some hundreds; FET writes 30,000 for a room of any size.
  public static let roomCapacity = 0...100_000
  /// Lessons a day of a teacher or class (at most a whole shift).
  public static let lessonsADay = 1...24
  /// Lessons of a subject in a year: 34–36 weeks of at most 40 lessons.
  public static let annualHours = 0...2_000
  /// Study weeks of a year (with a reserve for a long year).
  public static let studyWeeks = 1...60
  /// Lessons of a subject in one week (a distribution override).
  public static let weeklyLessons = 0...100
  /// The sanitary difficulty scale of a subject (and the threshold of a difficult one).
  public static let difficulty = 0...100
  /// Weights of the soft rules: they multiply counts of violations, so they stay small.
  public static let softWeight = 0...1_000
  /// Students of a FET student set or the size of a group: a year group of a big school.
  public static let setSize = 0...100_000

  /// Every number out of its range, with its JSON path.
  public static func issues(in org: Organisation) -> [PlanningIssue] {
    var check = RangeCheck()
    let o = InstancePath.organisation
    checkShifts(org, &check)
    for (i, c) in org.classes.enumerated() {
      check.value(c.boys, NumberRanges.pupils, "\(o).classes[\(i)].boys", "boys in a class")
      check.value(c.girls, NumberRanges.pupils, "\(o).classes[\(i)].girls", "girls in a class")
      check.optional(c.maxLessonsPerDay, lessonsADay, "\(o).classes[\(i)].maxLessonsPerDay", "lessons a day")
      check.slots(c.unavailable, "\(o).classes[\(i)].unavailable")
    }
    for (i, room) in org.rooms.enumerated() {
      check.value(room.capacity, roomCapacity, "\(o).rooms[\(i)].capacity", "seats in a room")
      check.slots(room.unavailable, "\(o).rooms[\(i)].unavailable")
    }
    for (i, teacher) in org.teachers.enumerated() {
      check.optional(teacher.maxLessonsPerDay, lessonsADay, "\(o).teachers[\(i)].maxLessonsPerDay", "lessons a day")
      check.slots(teacher.unavailable, "\(o).teachers[\(i)].unavailable")
    }
    for (i, subject) in org.subjects.enumerated() {
      check.optional(subject.difficulty, difficulty, "\(o).subjects[\(i)].difficulty", "a difficulty")
    }
    checkPlan(org, &check)
    checkRules(org, &check)
    return check.issues
  }

  /// The first period and the lessons of each shift, and the school day they make.
  private static func checkShifts(_ org: Organisation, _ check: inout RangeCheck) {
    for (i, shift) in org.shifts.enumerated() {
      let path = "\(InstancePath.organisation).shifts[\(i)]"
      let first = check.value(shift.firstPeriod, schoolDayPeriods, "\(path).firstPeriod", "a first period")
      let lessons = check.value(shift.lessonsPerDay, lessonsPerDay, "\(path).lessonsPerDay", "lessons a day")
      if first, lessons, shift.firstPeriod + shift.lessonsPerDay - 1 > schoolDayPeriods.upperBound {
        check.issues.append(
          .error(
            "out-of-range", at: "\(path).lessonsPerDay",
            "the shift ends at period \(shift.firstPeriod + shift.lessonsPerDay - 1) of the school day; a school day has at most \(schoolDayPeriods.upperBound) periods"
          ))
      }
      for (k, after) in (shift.longBreaksAfter ?? []).enumerated() {
        check.value(after, lessonsPerDay, "\(path).longBreaksAfter[\(k)]", "a lesson number")
      }
    }
    // The bells' lesson numbers are lessons of a shift (the checks of the bells count periods
    // with them).
    for (i, schedule) in (org.bellSchedules ?? []).enumerated() {
      for (k, lesson) in schedule.lessons.enumerated() {
        check.value(
          lesson.number, lessonsPerDay, "\(InstancePath.organisation).bellSchedules[\(i)].lessons[\(k)].number",
          "a lesson number")
      }
    }
  }

  /// Curricula, assignments, streams and distribution overrides.
  private static func checkPlan(_ org: Organisation, _ check: inout RangeCheck) {
    let o = InstancePath.organisation
    for (i, curriculum) in org.workingCurricula.enumerated() {
      for (k, entry) in curriculum.entries.enumerated() {
        check.optional(
          entry.annualHours, annualHours, "\(o).workingCurricula[\(i)].entries[\(k)].annualHours", "lessons a year")
      }
    }
    let students = Dictionary(
      org.classes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for (i, a) in org.assignments.enumerated() {
      guard let count = a.groupCount else { continue }
      let path = "\(o).assignments[\(i)].groupCount"
      // A class of n pupils splits into at most n groups (n individual lessons).
      guard let c = students[a.class], pupils.contains(c.boys), pupils.contains(c.girls) else {
        check.value(count, 1...pupils.upperBound, path, "groups")
        continue
      }
      let most = max(c.boys + c.girls, 1)
      if count > most {
        check.issues.append(
          .error(
            "too-many-groups", at: path,
            "expected at most \(most) groups (the class \(c.name) has \(c.boys + c.girls) pupils), found \(count)"))
      } else if count < 1 {
        check.value(count, 1...most, path, "groups")
      }
    }
    for (i, stream) in (org.streams ?? []).enumerated() {
      for (k, group) in stream.groups.enumerated() {
        check.optional(group.size, setSize, "\(o).streams[\(i)].groups[\(k)].size", "pupils in a group")
      }
    }
    for (i, change) in (org.distributionOverrides ?? []).enumerated() {
      check.value(change.week, studyWeeks, "\(o).distributionOverrides[\(i)].week", "a study week")
      check.value(change.lessons, weeklyLessons, "\(o).distributionOverrides[\(i)].lessons", "lessons in a week")
    }
    for (i, set) in (org.studentSets ?? []).enumerated() {
      check.optional(set.students, setSize, "\(o).studentSets[\(i)].students", "students")
    }
    for (i, activity) in (org.activities ?? []).enumerated() {
      check.value(activity.duration, 1...schoolDayPeriods.upperBound, "\(o).activities[\(i)].duration", "periods")
      check.optional(activity.size, setSize, "\(o).activities[\(i)].size", "students")
    }
  }

  /// The timetable rules: lessons a day by grade, the difficulty threshold, the soft weights.
  private static func checkRules(_ org: Organisation, _ check: inout RangeCheck) {
    guard let rules = org.rules else { return }
    let path = "\(InstancePath.organisation).rules"
    for grade in (rules.maxLessonsPerDayByGrade ?? [:]).keys.sorted() {
      check.value(
        rules.maxLessonsPerDayByGrade![grade]!, lessonsADay, "\(path).maxLessonsPerDayByGrade.\(grade)",
        "lessons a day")
    }
    check.optional(rules.difficultyThreshold, difficulty, "\(path).difficultyThreshold", "a difficulty")
    guard let w = rules.weights else { return }
    let weights: [(String, Int?)] = [
      ("teacherGaps", w.teacherGaps), ("teacherDaysOff", w.teacherDaysOff),
      ("teacherMaxLessonsPerDay", w.teacherMaxLessonsPerDay), ("subjectSpread", w.subjectSpread),
      ("difficultFirstLast", w.difficultFirstLast), ("teacherRoomChanges", w.teacherRoomChanges),
      ("studentGaps", w.studentGaps),
    ]
    for (name, value) in weights {
      check.optional(value, softWeight, "\(path).weights.\(name)", "a weight")
    }
  }
}

/// The out-of-range numbers found so far.
struct RangeCheck {
  var issues: [PlanningIssue] = []

  /// Whether `value` is in `range`; an error naming the path and the range when not.
  @discardableResult
  mutating func value(_ value: Int, _ range: ClosedRange<Int>, _ path: String, _ what: String) -> Bool {
    if range.contains(value) { return true }
    issues.append(
      .error(
        "out-of-range", at: path, "expected \(what) from \(range.lowerBound) to \(range.upperBound), found \(value)"))
    return false
  }

  mutating func optional(_ value: Int?, _ range: ClosedRange<Int>, _ path: String, _ what: String) {
    if let value { self.value(value, range, path, what) }
  }

  /// The periods of places in the grid (a day of at most 32 periods).
  mutating func slots(_ slots: [TimeSlot]?, _ path: String) {
    for (i, slot) in (slots ?? []).enumerated() {
      value(slot.period, NumberRanges.schoolDayPeriods, "\(path)[\(i)].period", "a period")
    }
  }
}
