import Planner

/// One unit-counted breach of a constraint rule, before its weight makes it hard or soft.
struct Finding {
  var units: Int
  var message: String
  var lessons: [String]
  var day: Weekday?
  var period: Int?
}

extension ConstraintRule {
  /// The kind a hard constraint's violations are reported under ("class-compact-day" …).
  var hardKind: String {
    switch self {
    case .classCompactDay: "class-compact-day"
    case .classMaxLessonsPerDay: "class-max-lessons-per-day"
    case .lessonsMaxPerDay: "lessons-max-per-day"
    case .doublesNotAcrossLongBreak: "double-across-long-break"
    case .teacherGaps: "teacher-gaps"
    case .studentGaps: "student-gaps"
    case .teacherDaysOff: "teacher-days-off"
    case .teacherMaxLessonsPerDay: "teacher-max-lessons-per-day"
    case .subjectSpread: "subject-spread"
    case .difficultNotFirstLast: "difficult-first-last"
    case .teacherRoomChanges: "teacher-room-changes"
    case .breakTimes: "break-times"
    case .teacherNotAvailable: "teacher-not-available"
    case .studentsNotAvailable: "students-not-available"
    case .roomNotAvailable: "room-not-available"
    case .preferredStartingTimes: "preferred-starting-times"
    case .preferredTimeSlots: "preferred-time-slots"
    case .minDaysBetween: "min-days-between"
    case .sameStartingTime: "same-starting-time"
    case .consecutiveIfSameDay: "consecutive-if-same-day"
    case .notOverlapping: "not-overlapping"
    case .consecutive: "consecutive"
    case .grouped: "grouped"
    case .endsStudentsDay: "ends-students-day"
    case .studentsMaxGapsPerWeek: "students-max-gaps-per-week"
    case .studentsMaxGapsPerDay: "students-max-gaps-per-day"
    case .studentsEarlyMaxBeginningsAtSecondHour: "students-early-max-beginnings-at-second-hour"
    case .studentsMaxHoursDaily: "students-max-hours-daily"
    case .studentsMinHoursDaily: "students-min-hours-daily"
    case .studentsMaxHoursContinuously: "students-max-hours-continuously"
    case .teachersMaxGapsPerWeek: "teachers-max-gaps-per-week"
    case .teachersMaxGapsPerDay: "teachers-max-gaps-per-day"
    case .teachersMaxHoursDaily: "teachers-max-hours-daily"
    case .teachersMinHoursDaily: "teachers-min-hours-daily"
    case .teachersMaxDaysPerWeek: "teachers-max-days-per-week"
    case .teachersMinDaysPerWeek: "teachers-min-days-per-week"
    case .teachersMaxHoursContinuously: "teachers-max-hours-continuously"
    case .teachersIntervalMaxDaysPerWeek: "teachers-interval-max-days-per-week"
    case .studentsIntervalMaxDaysPerWeek: "students-interval-max-days-per-week"
    case .teachersTagMaxHoursDaily: "teachers-tag-max-hours-daily"
    case .studentsTagMaxHoursDaily: "students-tag-max-hours-daily"
    case .teachersTagMaxHoursContinuously: "teachers-tag-max-hours-continuously"
    case .studentsTagMaxHoursContinuously: "students-tag-max-hours-continuously"
    case .teachersMaxSpanPerDay: "teachers-max-span-per-day"
    case .studentsMaxSpanPerDay: "students-max-span-per-day"
    case .teachersMinRestingHours: "teachers-min-resting-hours"
    case .studentsMinRestingHours: "students-min-resting-hours"
    case .studentsMaxDaysPerWeek: "students-max-days-per-week"
    case .teachersMaxBuildingChangesPerDay: "teachers-max-building-changes-per-day"
    case .teachersMaxBuildingChangesPerWeek: "teachers-max-building-changes-per-week"
    case .teachersMinGapsBetweenBuildingChanges: "teachers-min-gaps-between-building-changes"
    case .studentsMaxBuildingChangesPerDay: "students-max-building-changes-per-day"
    case .studentsMaxBuildingChangesPerWeek: "students-max-building-changes-per-week"
    case .studentsMinGapsBetweenBuildingChanges: "students-min-gaps-between-building-changes"
    case .studentsMinGapsBetweenTagPair: "students-min-gaps-between-tag-pair"
    case .teachersMinGapsBetweenTagPair: "teachers-min-gaps-between-tag-pair"
    case .occupyMaxSlotsFromSelection: "occupy-max-slots-from-selection"
    case .preferredRooms: "preferred-rooms"
    case .sameStartingDay: "same-starting-day"
    case .sameStartingPeriod: "same-starting-period"
    case .minGapsBetween: "min-gaps-between"
    case .maxDaysBetween: "max-days-between"
    case .ordered(_, _, let ifSameDay): ifSameDay ? "ordered-if-same-day" : "ordered"
    case .maxSimultaneous: "max-simultaneous"
    case .occupyMaxRooms: "occupy-max-rooms"
    case .sameRoomIfConsecutive: "same-room-if-consecutive"
    }
  }

  /// The kind a soft constraint's cost is reported under: the case name ("teacherGaps" …).
  var softKind: String {
    switch self {
    case .classCompactDay: "classCompactDay"
    case .classMaxLessonsPerDay: "classMaxLessonsPerDay"
    case .lessonsMaxPerDay: "lessonsMaxPerDay"
    case .doublesNotAcrossLongBreak: "doublesNotAcrossLongBreak"
    case .teacherGaps: "teacherGaps"
    case .studentGaps: "studentGaps"
    case .teacherDaysOff: "teacherDaysOff"
    case .teacherMaxLessonsPerDay: "teacherMaxLessonsPerDay"
    case .subjectSpread: "subjectSpread"
    case .difficultNotFirstLast: "difficultNotFirstLast"
    case .teacherRoomChanges: "teacherRoomChanges"
    case .breakTimes: "breakTimes"
    case .teacherNotAvailable: "teacherNotAvailable"
    case .studentsNotAvailable: "studentsNotAvailable"
    case .roomNotAvailable: "roomNotAvailable"
    case .preferredStartingTimes: "preferredStartingTimes"
    case .preferredTimeSlots: "preferredTimeSlots"
    case .minDaysBetween: "minDaysBetween"
    case .sameStartingTime: "sameStartingTime"
    case .consecutiveIfSameDay: "consecutiveIfSameDay"
    case .notOverlapping: "notOverlapping"
    case .consecutive: "consecutive"
    case .grouped: "grouped"
    case .endsStudentsDay: "endsStudentsDay"
    case .studentsMaxGapsPerWeek: "studentsMaxGapsPerWeek"
    case .studentsMaxGapsPerDay: "studentsMaxGapsPerDay"
    case .studentsEarlyMaxBeginningsAtSecondHour: "studentsEarlyMaxBeginningsAtSecondHour"
    case .studentsMaxHoursDaily: "studentsMaxHoursDaily"
    case .studentsMinHoursDaily: "studentsMinHoursDaily"
    case .studentsMaxHoursContinuously: "studentsMaxHoursContinuously"
    case .teachersMaxGapsPerWeek: "teachersMaxGapsPerWeek"
    case .teachersMaxGapsPerDay: "teachersMaxGapsPerDay"
    case .teachersMaxHoursDaily: "teachersMaxHoursDaily"
    case .teachersMinHoursDaily: "teachersMinHoursDaily"
    case .teachersMaxDaysPerWeek: "teachersMaxDaysPerWeek"
    case .teachersMinDaysPerWeek: "teachersMinDaysPerWeek"
    case .teachersMaxHoursContinuously: "teachersMaxHoursContinuously"
    case .teachersIntervalMaxDaysPerWeek: "teachersIntervalMaxDaysPerWeek"
    case .studentsIntervalMaxDaysPerWeek: "studentsIntervalMaxDaysPerWeek"
    case .teachersTagMaxHoursDaily: "teachersTagMaxHoursDaily"
    case .studentsTagMaxHoursDaily: "studentsTagMaxHoursDaily"
    case .teachersTagMaxHoursContinuously: "teachersTagMaxHoursContinuously"
    case .studentsTagMaxHoursContinuously: "studentsTagMaxHoursContinuously"
    case .teachersMaxSpanPerDay: "teachersMaxSpanPerDay"
    case .studentsMaxSpanPerDay: "studentsMaxSpanPerDay"
    case .teachersMinRestingHours: "teachersMinRestingHours"
    case .studentsMinRestingHours: "studentsMinRestingHours"
    case .studentsMaxDaysPerWeek: "studentsMaxDaysPerWeek"
    case .teachersMaxBuildingChangesPerDay: "teachersMaxBuildingChangesPerDay"
    case .teachersMaxBuildingChangesPerWeek: "teachersMaxBuildingChangesPerWeek"
    case .teachersMinGapsBetweenBuildingChanges: "teachersMinGapsBetweenBuildingChanges"
    case .studentsMaxBuildingChangesPerDay: "studentsMaxBuildingChangesPerDay"
    case .studentsMaxBuildingChangesPerWeek: "studentsMaxBuildingChangesPerWeek"
    case .studentsMinGapsBetweenBuildingChanges: "studentsMinGapsBetweenBuildingChanges"
    case .studentsMinGapsBetweenTagPair: "studentsMinGapsBetweenTagPair"
    case .teachersMinGapsBetweenTagPair: "teachersMinGapsBetweenTagPair"
    case .occupyMaxSlotsFromSelection: "occupyMaxSlotsFromSelection"
    case .preferredRooms: "preferredRooms"
    case .sameStartingDay: "sameStartingDay"
    case .sameStartingPeriod: "sameStartingPeriod"
    case .minGapsBetween: "minGapsBetween"
    case .maxDaysBetween: "maxDaysBetween"
    case .ordered: "ordered"
    case .maxSimultaneous: "maxSimultaneous"
    case .occupyMaxRooms: "occupyMaxRooms"
    case .sameRoomIfConsecutive: "sameRoomIfConsecutive"
    }
  }
}

/// The constraint rules of `problem.constraints`: one small function per rule, each counting
/// units of violation as docs/timetable-rules.md defines them.
struct ConstraintRules {
  let schedule: Schedule
  let wording: Wording
  /// The periods the gap and early-beginning rules of FET kinds excuse.
  let excused: Excused
  /// Every teacher of the problem and of its lessons, and those who teach a lesson of the demand.
  let allTeachers: [TeacherID]
  let teaching: Set<TeacherID>
  var problem: TimetableProblem { schedule.problem }

  init(schedule: Schedule, wording: Wording) {
    self.schedule = schedule
    self.wording = wording
    excused = Excused(problem: schedule.problem)
    let teaching = schedule.problem.lessons.flatMap(\.teachers)
    allTeachers = unique(schedule.problem.teachers.map(\.id) + teaching)
    self.teaching = Set(teaching)
  }

  /// The findings of one rule.
  func findings(_ rule: ConstraintRule) -> [Finding] {
    switch rule {
    case .classCompactDay(let schoolClass, let startAtFirst): classCompactDay(schoolClass, startAtFirst: startAtFirst)
    case .classMaxLessonsPerDay(let schoolClass, let max): classMaxLessonsPerDay(schoolClass, max: max)
    case .lessonsMaxPerDay(let lessons, let max): lessonsMaxPerDay(lessons, max: max)
    case .doublesNotAcrossLongBreak: doublesNotAcrossLongBreak()
    case .teacherGaps: teacherGaps()
    case .studentGaps: studentGaps()
    case .teacherDaysOff(let teacher, let days): teacherDaysOff(teacher, days: days)
    case .teacherMaxLessonsPerDay(let teacher, let max): teacherMaxLessonsPerDay(teacher, max: max)
    case .subjectSpread(let lessons): subjectSpread(lessons)
    case .difficultNotFirstLast: difficultNotFirstLast()
    case .teacherRoomChanges: teacherRoomChanges()
    case .breakTimes(let slots): breakTimes(slots)
    case .teacherNotAvailable(let teacher, let slots): teacherNotAvailable(teacher, slots: slots)
    case .studentsNotAvailable(let students, let slots): studentsNotAvailable(students, slots: slots)
    case .roomNotAvailable(let room, let slots): roomNotAvailable(room, slots: slots)
    case .preferredStartingTimes(let lessons, let slots): preferredStartingTimes(lessons, slots: slots)
    case .preferredTimeSlots(let lessons, let slots): preferredTimeSlots(lessons, slots: slots)
    case .minDaysBetween(let lessons, let minDays, let consecutiveIfSameDay):
      minDaysBetween(lessons, minDays: minDays, consecutiveIfSameDay: consecutiveIfSameDay)
    case .sameStartingTime(let lessons): sameStartingTime(lessons)
    case .consecutiveIfSameDay(let lessons): consecutiveIfSameDay(lessons)
    case .notOverlapping(let lessons): notOverlapping(lessons)
    case .consecutive(let first, let second): consecutive(first, second)
    case .grouped(let lessons): grouped(lessons)
    case .endsStudentsDay(let lessons): endsStudentsDay(lessons)
    case .studentsMaxGapsPerWeek(let students, let max): maxGapsPerWeek(studentUnits(students), max: max)
    case .studentsMaxGapsPerDay(let students, let max): maxGapsPerDay(studentUnits(students), max: max)
    case .studentsEarlyMaxBeginningsAtSecondHour(let students, let max):
      studentsEarlyMaxBeginningsAtSecondHour(students, max: max)
    case .studentsMaxHoursDaily(let students, let max): maxHoursDaily(studentUnits(students), max: max)
    case .studentsMinHoursDaily(let students, let min, let allowEmptyDays):
      minHoursDaily(studentUnits(students), min: min, allowEmptyDays: allowEmptyDays)
    case .studentsMaxHoursContinuously(let students, let max):
      maxHoursContinuously(studentUnits(students), max: max)
    case .teachersMaxGapsPerWeek(let teacher, let max): maxGapsPerWeek(teachers(teacher), max: max)
    case .teachersMaxGapsPerDay(let teacher, let max): maxGapsPerDay(teachers(teacher), max: max)
    case .teachersMaxHoursDaily(let teacher, let max): maxHoursDaily(teachers(teacher), max: max)
    case .teachersMinHoursDaily(let teacher, let min, let allowEmptyDays):
      minHoursDaily(teachers(teacher, withLessons: true), min: min, allowEmptyDays: allowEmptyDays)
    case .teachersMaxDaysPerWeek(let teacher, let max): teachersMaxDaysPerWeek(teacher, max: max)
    case .teachersMinDaysPerWeek(let teacher, let min): teachersMinDaysPerWeek(teacher, min: min)
    case .teachersMaxHoursContinuously(let teacher, let max): maxHoursContinuously(teachers(teacher), max: max)
    case .teachersIntervalMaxDaysPerWeek, .studentsIntervalMaxDaysPerWeek, .teachersTagMaxHoursDaily,
      .studentsTagMaxHoursDaily, .teachersTagMaxHoursContinuously, .studentsTagMaxHoursContinuously,
      .teachersMaxSpanPerDay, .studentsMaxSpanPerDay, .teachersMinRestingHours, .studentsMinRestingHours,
      .studentsMaxDaysPerWeek, .teachersMaxBuildingChangesPerDay, .teachersMaxBuildingChangesPerWeek,
      .teachersMinGapsBetweenBuildingChanges, .studentsMaxBuildingChangesPerDay, .studentsMaxBuildingChangesPerWeek,
      .studentsMinGapsBetweenBuildingChanges, .studentsMinGapsBetweenTagPair, .teachersMinGapsBetweenTagPair:
      resourceFindings(rule)
    case .occupyMaxSlotsFromSelection(let lessons, let slots, let max):
      occupyMaxSlotsFromSelection(lessons, slots: slots, max: max)
    case .preferredRooms(let lessons, let rooms): preferredRooms(lessons, rooms: rooms)
    case .sameStartingDay(let lessons): sameStartingDay(lessons)
    case .sameStartingPeriod(let lessons): sameStartingPeriod(lessons)
    case .minGapsBetween(let lessons, let minGaps): minGapsBetween(lessons, minGaps: minGaps)
    case .maxDaysBetween(let lessons, let maxDays): maxDaysBetween(lessons, maxDays: maxDays)
    case .ordered(let first, let second, let ifSameDay): ordered(first, second, ifSameDay: ifSameDay)
    case .maxSimultaneous(let lessons, let slots, let max): maxSimultaneous(lessons, slots: slots, max: max)
    case .occupyMaxRooms(let lessons, let max): occupyMaxRooms(lessons, max: max)
    case .sameRoomIfConsecutive(let lessons): sameRoomIfConsecutive(lessons)
    }
  }

  private func schoolClass(_ id: ClassID) -> ProblemClass? { problem.classes.first { $0.id == id } }

  /// The placed lessons of the rule's lesson ids, ignoring ids not in the demand and repeats.
  func placedLessons(_ ids: [String]) -> [PlacedLesson] {
    unique(ids).compactMap { schedule.placed($0) }
  }

  // The class's day has no gap between its first and last occupied period (any group, any week
  // pattern) and, with startAtFirst, starts at the shift's first period.
  func classCompactDay(_ id: ClassID, startAtFirst: Bool) -> [Finding] {
    guard let schoolClass = schoolClass(id) else { return [] }
    var result: [Finding] = []
    for day in unique(problem.days) {
      let lessons = schedule.byClassDay[DayKey(name: id, day: day)] ?? []
      let occupied = schedule.occupied(lessons)
      guard let first = occupied.first else { continue }
      if startAtFirst, first > schoolClass.firstPeriod {
        result.append(
          Finding(
            units: first - schoolClass.firstPeriod,
            message: "\(wording.schoolClass(id)) starts at period \(first) on \(wording.day(day)) instead of period "
              + "\(schoolClass.firstPeriod)",
            lessons: lessonIDs(lessons, at: first), day: day, period: first))
      }
      result += gaps(in: occupied, lessons: lessons, day: day, who: wording.schoolClass(id))
    }
    return result
  }

  // At most `max` occupied periods of the class a day.
  func classMaxLessonsPerDay(_ id: ClassID, max: Int) -> [Finding] {
    guard schoolClass(id) != nil else { return [] }
    return unique(problem.days).compactMap { day in
      let lessons = schedule.byClassDay[DayKey(name: id, day: day)] ?? []
      let occupied = schedule.occupied(lessons)
      guard occupied.count > max else { return nil }
      return Finding(
        units: occupied.count - max,
        message:
          "\(wording.schoolClass(id)) has \(occupied.count) lessons on \(wording.day(day)) (at most \(max) a day)",
        lessons: lessons.map { schedule.placed[$0].lesson.id }, day: day)
    }
  }

  // At most `max` of these lessons a day, in odd and in even weeks each (an every-week lesson
  // counts in both).
  func lessonsMaxPerDay(_ ids: [String], max: Int) -> [Finding] {
    let lessons = placedLessons(ids)
    var result: [Finding] = []
    for day in unique(problem.days) {
      let held = lessons.filter { $0.onSchoolDay && $0.day == day }
      let odd = held.filter { $0.lesson.weeks != .even }.count
      let even = held.filter { $0.lesson.weeks != .odd }.count
      let units = Swift.max(0, odd - max) + Swift.max(0, even - max)
      guard units > 0 else { continue }
      let times: String
      if odd == even {
        times = "\(odd) times on \(wording.day(day))"
      } else {
        let parts = [(odd, "odd"), (even, "even")].filter { $0.0 > max }.map { "\($0.0) times in \($0.1) weeks" }
        times = parts.joined(separator: " and ") + " on \(wording.day(day))"
      }
      result.append(
        Finding(
          units: units,
          message: "\(wording.lessonSet(lessons.map(\.lesson))) is held \(times) (at most \(max) a day)",
          lessons: held.map(\.lesson.id), day: day))
    }
    return result
  }

  // A lesson longer than one period does not span a long break of one of its classes.
  func doublesNotAcrossLongBreak() -> [Finding] {
    let classes = Dictionary(problem.classes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    return schedule.placed.compactMap { entry in
      guard entry.duration > 1, entry.onSchoolDay else { return nil }
      for id in unique(entry.lesson.classes) {
        guard let schoolClass = classes[id],
          let breakAfter = schoolClass.longBreaksAfter.sorted().first(where: { entry.start <= $0 && $0 < entry.end })
        else { continue }
        return Finding(
          units: 1,
          message:
            "\(wording.lesson(entry.lesson)) at \(wording.slot(entry.day, entry.start, entry.end)) spans the long "
            + "break after period \(breakAfter) of \(wording.schoolClass(id))",
          lessons: [entry.lesson.id], day: entry.day, period: entry.start)
      }
      return nil
    }
  }

  // Each free period between a teacher's first and last occupied period of a day.
  func teacherGaps() -> [Finding] {
    schedule.byTeacherDay.keys.sorted().flatMap { key in
      let lessons = schedule.byTeacherDay[key]!
      return gaps(in: schedule.occupied(lessons), lessons: lessons, day: key.day, who: wording.teacher(key.name))
    }
  }

  // Each free period between a student unit's first and last occupied period of a day.
  func studentGaps() -> [Finding] {
    schedule.byUnitDay.keys.sorted().flatMap { key in
      let lessons = schedule.byUnitDay[key]!
      return gaps(in: schedule.occupied(lessons), lessons: lessons, day: key.day, who: wording.unit(key.name))
    }
  }

  // Each lesson of the teacher on a day they asked to have free.
  func teacherDaysOff(_ teacher: TeacherID, days: [Weekday]) -> [Finding] {
    unique(days).flatMap { day in
      (schedule.byTeacherDay[DayKey(name: teacher, day: day)] ?? []).map { p in
        let entry = schedule.placed[p]
        return Finding(
          units: 1,
          message: "\(wording.teacher(teacher)) has \(wording.lesson(entry.lesson)) at "
            + "\(wording.slot(entry.day, entry.start, entry.end)), on a day off they asked for",
          lessons: [entry.lesson.id], day: day, period: entry.start)
      }
    }
  }

  // Each occupied period of the teacher beyond `max` a day.
  func teacherMaxLessonsPerDay(_ teacher: TeacherID, max: Int) -> [Finding] {
    unique(problem.days).compactMap { day in
      let lessons = schedule.byTeacherDay[DayKey(name: teacher, day: day)] ?? []
      let occupied = schedule.occupied(lessons)
      guard occupied.count > max else { return nil }
      return Finding(
        units: occupied.count - max,
        message:
          "\(wording.teacher(teacher)) has \(occupied.count) lessons on \(wording.day(day)) (at most \(max) a day)",
        lessons: lessons.map { schedule.placed[$0].lesson.id }, day: day)
    }
  }

  // With n of these lessons held in odd weeks and D school days: min(n, D) minus the number of
  // days they are held on.
  func subjectSpread(_ ids: [String]) -> [Finding] {
    let lessons = placedLessons(ids)
    let odd = lessons.filter { $0.onSchoolDay && $0.lesson.weeks != .even }
    let days = Set(odd.map(\.day)).count
    let best = min(odd.count, Set(problem.days).count)
    guard best > days else { return [] }
    return [
      Finding(
        units: best - days,
        message: "\(wording.lessonSet(lessons.map(\.lesson))) is held on \(days) \(days == 1 ? "day" : "days"); "
          + "its \(odd.count) lessons could be on \(best) different days",
        lessons: odd.map(\.lesson.id))
    ]
  }

  // Each difficult lesson at the first or last occupied period of one of its classes' day (at
  // most one unit per lesson and class).
  func difficultNotFirstLast() -> [Finding] {
    var result: [Finding] = []
    for entry in schedule.placed where entry.lesson.difficult == true && !entry.periods.isEmpty {
      for id in unique(entry.lesson.classes) {
        let occupied = schedule.occupied(schedule.byClassDay[DayKey(name: id, day: entry.day)] ?? [])
        guard let first = occupied.first, let last = occupied.last else { continue }
        let isFirst = entry.periods.contains(first)
        let isLast = entry.periods.contains(last)
        guard isFirst || isLast else { continue }
        let which = isFirst && isLast ? "only" : isFirst ? "first" : "last"
        result.append(
          Finding(
            units: 1,
            message: "\(wording.lesson(entry.lesson)) at \(wording.slot(entry.day, entry.start, entry.end)) is the "
              + "\(which) lesson of \(wording.schoolClass(id)) that day",
            lessons: [entry.lesson.id], day: entry.day, period: entry.start))
      }
    }
    return result
  }

  // For each teacher and day, with their lessons in order of start, each next lesson in a
  // different room than the one before. A lesson with no room for the teacher is left out.
  func teacherRoomChanges() -> [Finding] {
    var result: [Finding] = []
    for key in schedule.byTeacherDay.keys.sorted() {
      let day = schedule.byTeacherDay[key]!.map { schedule.placed[$0] }.sorted {
        ($0.start, $0.order) < ($1.start, $1.order)
      }
      var previous: (entry: PlacedLesson, room: RoomID)?
      for entry in day {
        guard let room = room(of: key.name, in: entry) else { continue }
        if let previous, previous.room != room {
          result.append(
            Finding(
              units: 1,
              message:
                "\(wording.teacher(key.name)) moves from \(wording.room(previous.room)) to \(wording.room(room)) "
                + "for \(wording.lesson(entry.lesson)) at \(wording.slot(entry.day, entry.start, entry.end))",
              lessons: [previous.entry.lesson.id, entry.lesson.id], day: entry.day, period: entry.start))
        }
        previous = (entry, room)
      }
    }
    return result
  }

  /// The room of teacher *i* of a lesson: its *i*-th room, or its only room.
  func room(of teacher: TeacherID, in entry: PlacedLesson) -> RoomID? {
    let rooms = entry.placement.rooms
    // An empty id is an optional room the lesson went without.
    if rooms.count == 1 { return rooms[0].isEmpty ? nil : rooms[0] }
    guard let i = entry.lesson.teachers.firstIndex(of: teacher), i < rooms.count, !rooms[i].isEmpty else { return nil }
    return rooms[i]
  }

  /// One finding per run of free periods between the first and last occupied period of a day,
  /// counting its periods: "5А has a gap at Wed 4 (lessons at 1–3 and 5–6)".
  private func gaps(in occupied: [Int], lessons: [Int], day: Weekday, who: String) -> [Finding] {
    let busy = runs(of: occupied)
    guard busy.count > 1 else { return [] }
    return (1..<busy.count).map { i in
      let (before, after) = (busy[i - 1], busy[i])
      let gap = (before.upperBound + 1)...(after.lowerBound - 1)
      return Finding(
        units: gap.count,
        message: "\(who) has a gap at \(wording.slot(day, gap.lowerBound, gap.upperBound)) "
          + "(lessons at \(wording.runs([before, after])))",
        lessons: lessonIDs(lessons, at: before.upperBound) + lessonIDs(lessons, at: after.lowerBound),
        day: day, period: gap.lowerBound)
    }
  }

  /// The ids of those placed lessons that occupy a period, in demand order.
  private func lessonIDs(_ lessons: [Int], at period: Int) -> [String] {
    lessons.map { schedule.placed[$0] }.filter { $0.periods.contains(period) }.sorted { $0.order < $1.order }
      .map(\.lesson.id)
  }
}
