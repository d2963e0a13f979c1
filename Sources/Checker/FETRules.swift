import Planner

/// The periods that the gap and early-beginning rules of FET kinds do not hold against a teacher
/// or a student unit: the slots of hard `breakTimes` rules, and of the hard not-available rules
/// of the resource (`teacherNotAvailable` of the teacher, `studentsNotAvailable` of any set that
/// contains the unit).
struct Excused {
  let breaks: Set<TimeSlot>
  let teachers: [TeacherID: Set<TimeSlot>]
  let units: [String: Set<TimeSlot>]

  init(problem: TimetableProblem) {
    var breaks: Set<TimeSlot> = []
    var teachers: [TeacherID: Set<TimeSlot>] = [:]
    var units: [String: Set<TimeSlot>] = [:]
    for constraint in problem.constraints where constraint.weight.isHard {
      switch constraint.rule {
      case .breakTimes(let slots): breaks.formUnion(slots)
      case .teacherNotAvailable(let teacher, let slots): teachers[teacher, default: []].formUnion(slots)
      case .studentsNotAvailable(let students, let slots):
        for unit in unique(problem.units(of: students)) { units[unit, default: []].formUnion(slots) }
      default: break
      }
    }
    self.breaks = breaks
    self.teachers = teachers
    self.units = units
  }

  /// Whether the slot is excused for the resource.
  func contains(_ slot: TimeSlot, for resource: Resource) -> Bool {
    if breaks.contains(slot) { return true }
    switch resource.kind {
    case .teacher: return teachers[resource.id]?.contains(slot) ?? false
    case .unit: return units[resource.id]?.contains(slot) ?? false
    }
  }
}

/// A teacher or a student unit, as the rules of FET kinds judge each separately.
struct Resource {
  enum Kind { case teacher, unit }
  let kind: Kind
  let id: String
}

/// The rules of the kinds FET files use (docs/timetable-rules.md, "Rules of the kinds FET files
/// use"): one small function per rule, the teacher and student variants sharing one.
extension ConstraintRules {
  // MARK: Resources

  /// The student units of a set, each once (`problem.units(of:)`).
  func studentUnits(_ students: String?) -> [Resource] {
    unique(problem.units(of: students)).map { Resource(kind: .unit, id: $0) }
  }

  /// The teacher, or every teacher for `nil`; with `withLessons`, only those teaching a lesson.
  func teachers(_ teacher: TeacherID?, withLessons: Bool = false) -> [Resource] {
    (teacher.map { [$0] } ?? allTeachers).filter { !withLessons || teaching.contains($0) }
      .map { Resource(kind: .teacher, id: $0) }
  }

  /// "Students of 5А" or "Teacher Иванов Сергей Петрович", with the verb that goes with it.
  func who(_ resource: Resource) -> (name: String, has: String) {
    switch resource.kind {
    case .teacher: (wording.teacher(resource.id), "has")
    case .unit: ("Students of \(wording.unit(resource.id))", "have")
    }
  }

  /// The busy periods of the resource on a day, ascending.
  func busy(_ resource: Resource, _ day: Weekday) -> [Int] {
    let key = DayKey(name: resource.id, day: day)
    return (resource.kind == .teacher ? schedule.teacherBusy[key] : schedule.unitBusy[key]) ?? []
  }

  /// The ids of the resource's lessons on a day, in demand order.
  func lessonsOf(_ resource: Resource, _ day: Weekday) -> [String] {
    let key = DayKey(name: resource.id, day: day)
    let lessons = (resource.kind == .teacher ? schedule.byTeacherDay[key] : schedule.byUnitDay[key]) ?? []
    return lessons.map { schedule.placed[$0] }.sorted { $0.order < $1.order }.map(\.lesson.id)
  }

  /// The periods strictly between the first and last busy period of the day that are neither
  /// busy nor excused.
  private func gaps(_ resource: Resource, _ day: Weekday) -> [Int] {
    let busy = busy(resource, day)
    guard let first = busy.first, let last = busy.last, last - first + 1 > busy.count else { return [] }
    let occupied = Set(busy)
    return (first...last).filter {
      !occupied.contains($0) && !excused.contains(TimeSlot(day: day, period: $0), for: resource)
    }
  }

  var schoolDays: [Weekday] { unique(problem.days) }

  /// "5А Алгебра (lesson a1)".
  func named(_ entry: PlacedLesson) -> String { "\(wording.lesson(entry.lesson)) (lesson \(entry.lesson.id))" }

  /// "Mon 3–4", the periods a placement spans.
  func at(_ entry: PlacedLesson) -> String { wording.slot(entry.day, entry.start, entry.end) }

  // MARK: Slots no lesson may take

  /// One finding per lesson and occupied in-grid period among the slots that `applies` to the lesson.
  private func perLessonSlot(
    _ slots: [TimeSlot], applies: (PlacedLesson) -> Bool, message: (PlacedLesson, String) -> String
  ) -> [Finding] {
    unique(slots).sorted().flatMap { slot in
      (schedule.bySlot[slot] ?? []).map { schedule.placed[$0] }.filter(applies).map { entry in
        Finding(
          units: 1, message: message(entry, wording.slot(slot.day, slot.period)), lessons: [entry.lesson.id],
          day: slot.day, period: slot.period)
      }
    }
  }

  // Each lesson and each period it occupies that is one of the break slots.
  func breakTimes(_ slots: [TimeSlot]) -> [Finding] {
    perLessonSlot(slots, applies: { _ in true }) { entry, slot in
      "\(wording.lesson(entry.lesson)) is at \(slot), which is a break"
    }
  }

  // Each lesson of the teacher and each period it occupies in the slots.
  func teacherNotAvailable(_ teacher: TeacherID, slots: [TimeSlot]) -> [Finding] {
    perLessonSlot(slots, applies: { $0.lesson.teachers.contains(teacher) }) { entry, slot in
      "\(wording.teacher(teacher)) is not available at \(slot) but teaches \(wording.lesson(entry.lesson))"
    }
  }

  // Each lesson that takes a unit of the set and each period it occupies in the slots.
  func studentsNotAvailable(_ students: String, slots: [TimeSlot]) -> [Finding] {
    let units = Set(problem.units(of: students))
    return perLessonSlot(slots, applies: { $0.lesson.students.contains(where: units.contains) }) { entry, slot in
      "Students of \(wording.studentSet(students)) are not available at \(slot) but have \(wording.lesson(entry.lesson))"
    }
  }

  // Each lesson placed in the room and each period it occupies in the slots.
  func roomNotAvailable(_ room: RoomID, slots: [TimeSlot]) -> [Finding] {
    perLessonSlot(slots, applies: { $0.placement.rooms.contains(room) }) { entry, slot in
      "\(wording.lesson(entry.lesson)) is in \(wording.room(room)) at \(slot), when the room is not available"
    }
  }

  // MARK: Times of lessons

  // Each placed lesson whose day and start period are not one of the slots.
  func preferredStartingTimes(_ ids: [String], slots: [TimeSlot]) -> [Finding] {
    let allowed = Set(slots)
    return placedLessons(ids).filter { !allowed.contains(TimeSlot(day: $0.day, period: $0.start)) }.map { entry in
      Finding(
        units: 1,
        message: "\(named(entry)) starts at \(wording.slot(entry.day, entry.start)), which is not one of its "
          + "preferred starting times",
        lessons: [entry.lesson.id], day: entry.day, period: entry.start)
    }
  }

  // Each placed lesson that occupies a period (of start…end on its day) not among the slots.
  func preferredTimeSlots(_ ids: [String], slots: [TimeSlot]) -> [Finding] {
    let allowed = Set(slots)
    return placedLessons(ids).compactMap { entry in
      let outsides = (entry.start...entry.end).filter { !allowed.contains(TimeSlot(day: entry.day, period: $0)) }
      guard let outside = outsides.first else { return nil }
      return Finding(
        units: 1,
        message: "\(named(entry)) at \(at(entry)) occupies \(wording.slot(entry.day, outside)), which is not one of "
          + "its preferred time slots",
        lessons: [entry.lesson.id], day: entry.day, period: entry.start)
    }
  }

  // Each pair of placed lessons fewer than `minDays` days apart (by index in the problem's days);
  // with `consecutiveIfSameDay`, one more for such a pair on the same day that is not back to back.
  func minDaysBetween(_ ids: [String], minDays: Int, consecutiveIfSameDay: Bool) -> [Finding] {
    let lessons = placedLessons(ids).filter { schedule.dayIndex[$0.day] != nil }
    var result: [Finding] = []
    for (i, a) in lessons.enumerated() {
      for b in lessons[(i + 1)...] {
        let apart = abs(schedule.dayIndex[a.day]! - schedule.dayIndex[b.day]!)
        guard apart < minDays else { continue }
        let split = consecutiveIfSameDay && apart == 0 && a.end + 1 != b.start && b.end + 1 != a.start
        result.append(
          Finding(
            units: split ? 2 : 1,
            message: "\(named(a)) at \(at(a)) and \(named(b)) at \(at(b)) are \(wording.count(apart, "day")) apart "
              + "(at least \(minDays))" + (split ? ", and not one right after the other on that day" : ""),
            lessons: [a.lesson.id, b.lesson.id], day: b.day, period: b.start))
      }
    }
    return result
  }

  // Each placed lesson that does not start at the day and period of the first placed one.
  func sameStartingTime(_ ids: [String]) -> [Finding] {
    let lessons = placedLessons(ids)
    guard let first = lessons.first else { return [] }
    return lessons.dropFirst().filter { $0.day != first.day || $0.start != first.start }.map { entry in
      Finding(
        units: 1,
        message: "\(named(entry)) starts at \(wording.slot(entry.day, entry.start)), not with \(named(first)) at "
          + "\(wording.slot(first.day, first.start))",
        lessons: [first.lesson.id, entry.lesson.id], day: entry.day, period: entry.start)
    }
  }

  // Each pair of placed lessons on the same day that are not one right after the other.
  func consecutiveIfSameDay(_ ids: [String]) -> [Finding] {
    let lessons = placedLessons(ids)
    var result: [Finding] = []
    for (i, a) in lessons.enumerated() {
      for b in lessons[(i + 1)...] where a.day == b.day && a.end + 1 != b.start && b.end + 1 != a.start {
        result.append(
          Finding(
            units: 1,
            message:
              "\(named(a)) at \(at(a)) and \(named(b)) at \(at(b)) are on the same day but not one right after the other",
            lessons: [a.lesson.id, b.lesson.id], day: a.day, period: min(a.start, b.start)))
      }
    }
    return result
  }

  // Each pair of placed lessons that occupy a common period of the same day (any week pattern).
  func notOverlapping(_ ids: [String]) -> [Finding] {
    let lessons = placedLessons(ids)
    var result: [Finding] = []
    for (i, a) in lessons.enumerated() {
      for b in lessons[(i + 1)...] where a.day == b.day && a.start <= b.end && b.start <= a.end {
        result.append(
          Finding(
            units: 1, message: "\(named(a)) at \(at(a)) and \(named(b)) at \(at(b)) overlap",
            lessons: [a.lesson.id, b.lesson.id], day: a.day, period: max(a.start, b.start)))
      }
    }
    return result
  }

  // One, when both are placed and the second does not start on the same day right after the first ends.
  func consecutive(_ firstID: String, _ secondID: String) -> [Finding] {
    guard let first = schedule.placed(firstID), let second = schedule.placed(secondID),
      second.day != first.day || second.start != first.end + 1
    else { return [] }
    return [
      Finding(
        units: 1,
        message: "\(named(second)) at \(at(second)) does not come right after \(named(first)) at \(at(first))",
        lessons: [first.lesson.id, second.lesson.id], day: second.day, period: second.start)
    ]
  }

  // One, when all are placed and they do not take one unbroken run of periods of one day without
  // overlap (ids not in the demand are left out).
  func grouped(_ ids: [String]) -> [Finding] {
    let known = unique(ids).filter { schedule.lessonOrder[$0] != nil }
    let lessons = placedLessons(known).sorted { ($0.start, $0.order) < ($1.start, $1.order) }
    guard lessons.count == known.count, let first = lessons.first else { return [] }
    let together =
      lessons.allSatisfy { $0.day == first.day }
      && zip(lessons, lessons.dropFirst()).allSatisfy { $0.end + 1 == $1.start }
    guard !together else { return [] }
    let placed = lessons.sorted { $0.order < $1.order }
    return [
      Finding(
        units: 1,
        message: placed.map { "\(named($0)) at \(at($0))" }.joined(separator: ", ")
          + " are not one unbroken block of one day",
        lessons: placed.map(\.lesson.id))
    ]
  }

  // Each placed lesson after whose last period one of its student units has another lesson that day.
  func endsStudentsDay(_ ids: [String]) -> [Finding] {
    placedLessons(ids).compactMap { entry in
      guard entry.onSchoolDay else { return nil }
      for unit in unique(entry.lesson.students) {
        let key = DayKey(name: unit, day: entry.day)
        guard let last = schedule.unitBusy[key]?.last, last > entry.end else { continue }
        let after = (schedule.byUnitDay[key] ?? []).map { schedule.placed[$0] }.filter { $0.end > entry.end }
        let later = after.min { ($0.start, $0.order) < ($1.start, $1.order) }!
        return Finding(
          units: 1,
          message: "\(wording.lesson(entry.lesson)) at \(at(entry)) should end the day of students of "
            + "\(wording.unit(unit)), but they have \(wording.lesson(later.lesson)) at \(at(later))",
          lessons: [entry.lesson.id, later.lesson.id], day: entry.day, period: entry.start)
      }
      return nil
    }
  }

  // MARK: Days of students and teachers

  // For each resource, the gaps of the week beyond `max`.
  func maxGapsPerWeek(_ resources: [Resource], max: Int) -> [Finding] {
    resources.compactMap { resource in
      let days = schoolDays.map { ($0, gaps(resource, $0)) }
      let total = days.reduce(0) { $0 + $1.1.count }
      guard total > max else { return nil }
      let (name, has) = who(resource)
      return Finding(
        units: total - max, message: "\(name) \(has) \(wording.count(total, "gap")) in the week (at most \(max))",
        lessons: days.filter { !$0.1.isEmpty }.flatMap { lessonsOf(resource, $0.0) })
    }
  }

  // For each resource and day, the gaps beyond `max`.
  func maxGapsPerDay(_ resources: [Resource], max: Int) -> [Finding] {
    resources.flatMap { resource in
      schoolDays.compactMap { day in
        let gaps = gaps(resource, day)
        guard gaps.count > max else { return nil }
        let (name, has) = who(resource)
        return Finding(
          units: gaps.count - max,
          message: "\(name) \(has) \(wording.count(gaps.count, "gap")) on \(wording.day(day)) (at most \(max) a day): "
            + "period\(gaps.count == 1 ? "" : "s") \(wording.list(gaps.map(String.init)))",
          lessons: lessonsOf(resource, day), day: day, period: gaps.first)
      }
    }
  }

  // For each unit: with f the first period of the day not excused for it, each day whose first
  // busy period is after f + 1; and each day beyond `max` a week whose first busy period is f + 1.
  func studentsEarlyMaxBeginningsAtSecondHour(_ students: String?, max: Int) -> [Finding] {
    guard problem.periodsPerDay > 0 else { return [] }
    var result: [Finding] = []
    for resource in studentUnits(students) {
      let name = who(resource).name
      var second: [(day: Weekday, lessons: [String])] = []
      for day in schoolDays {
        guard let start = busy(resource, day).first,
          let f = (1...problem.periodsPerDay).first(where: {
            !excused.contains(TimeSlot(day: day, period: $0), for: resource)
          })
        else { continue }
        if start == f + 1 {
          second.append((day, lessonsOf(resource, day)))
        } else if start > f + 1 {
          result.append(
            Finding(
              units: 1,
              message: "\(name) begin at period \(start) on \(wording.day(day)) (at period \(f + 1) at the latest)",
              lessons: lessonsOf(resource, day), day: day, period: start))
        }
      }
      guard second.count > max else { continue }
      result.append(
        Finding(
          units: second.count - max,
          message:
            "\(name) begin at the second period on \(wording.count(second.count, "day")) (at most \(max) a week): "
            + wording.list(second.map { wording.day($0.day) }),
          lessons: second.flatMap(\.lessons)))
    }
    return result
  }

  // For each resource and day, busy periods beyond `max`.
  func maxHoursDaily(_ resources: [Resource], max: Int) -> [Finding] {
    resources.flatMap { resource in
      schoolDays.compactMap { day in
        let busy = busy(resource, day)
        guard busy.count > max else { return nil }
        let (name, has) = who(resource)
        return Finding(
          units: busy.count - max,
          message:
            "\(name) \(has) \(wording.count(busy.count, "lesson")) on \(wording.day(day)) (at most \(max) a day)",
          lessons: lessonsOf(resource, day), day: day)
      }
    }
  }

  // For each resource and day with lessons, periods short of `min`; a day without lessons counts
  // `min` unless `allowEmptyDays`.
  func minHoursDaily(_ resources: [Resource], min: Int, allowEmptyDays: Bool) -> [Finding] {
    resources.flatMap { resource in
      schoolDays.compactMap { day in
        let busy = busy(resource, day)
        guard busy.count < min, !busy.isEmpty || !allowEmptyDays else { return nil }
        let (name, has) = who(resource)
        let what = busy.isEmpty ? "no lessons" : wording.count(busy.count, "lesson")
        return Finding(
          units: min - busy.count,
          message: "\(name) \(has) \(what) on \(wording.day(day)) (at least \(min) a day"
            + (busy.isEmpty ? ", and a free day is not allowed)" : ")"),
          lessons: lessonsOf(resource, day), day: day)
      }
    }
  }

  // For each resource, day and unbroken run of busy periods, the periods beyond `max`.
  func maxHoursContinuously(_ resources: [Resource], max: Int) -> [Finding] {
    resources.flatMap { resource in
      schoolDays.flatMap { day in
        runs(of: busy(resource, day)).filter { $0.count > max }.map { run in
          let (name, has) = who(resource)
          return Finding(
            units: run.count - max,
            message: "\(name) \(has) \(run.count) lessons in a row at "
              + "\(wording.slot(day, run.lowerBound, run.upperBound)) (at most \(max))",
            lessons: lessonIDs(lessonsOf(resource, day), within: run), day: day, period: run.lowerBound)
        }
      }
    }
  }

  /// The lesson ids among these that occupy a period of the run.
  func lessonIDs(_ ids: [String], within run: ClosedRange<Int>) -> [String] {
    ids.filter { id in schedule.placed(id)?.periods.contains(where: run.contains) ?? false }
  }

  /// The school days on which the teacher has lessons.
  private func workingDays(_ resource: Resource) -> [Weekday] { schoolDays.filter { !busy(resource, $0).isEmpty } }

  // For each teacher, the days with lessons beyond `max`.
  func teachersMaxDaysPerWeek(_ teacher: TeacherID?, max: Int) -> [Finding] {
    teachers(teacher).compactMap { resource in
      let days = workingDays(resource)
      guard days.count > max else { return nil }
      return Finding(
        units: days.count - max,
        message: "\(wording.teacher(resource.id)) works \(wording.count(days.count, "day")) (at most \(max)): "
          + wording.list(days.map(wording.day)),
        lessons: days.flatMap { lessonsOf(resource, $0) })
    }
  }

  // For each teacher with lessons, the days with lessons short of `min`.
  func teachersMinDaysPerWeek(_ teacher: TeacherID?, min: Int) -> [Finding] {
    teachers(teacher, withLessons: true).compactMap { resource in
      let days = workingDays(resource)
      guard days.count < min else { return nil }
      return Finding(
        units: min - days.count,
        message: "\(wording.teacher(resource.id)) works \(wording.count(days.count, "day")) (at least \(min))",
        lessons: days.flatMap { lessonsOf(resource, $0) })
    }
  }

  // MARK: Slots and rooms of lesson sets

  // The number of the given slots occupied (start…end of each) by any of the lessons, beyond `max`.
  func occupyMaxSlotsFromSelection(_ ids: [String], slots: [TimeSlot], max: Int) -> [Finding] {
    let selected = Set(slots)
    let lessons = placedLessons(ids)
    var taken: Set<TimeSlot> = []
    var holders: [String] = []
    for entry in lessons {
      let mine = (entry.start...entry.end).map { TimeSlot(day: entry.day, period: $0) }.filter(selected.contains)
      if !mine.isEmpty { holders.append(entry.lesson.id) }
      taken.formUnion(mine)
    }
    guard taken.count > max else { return [] }
    return [
      Finding(
        units: taken.count - max,
        message: "\(wording.lessonSet(lessons.map(\.lesson))) takes \(taken.count) of the selected slots "
          + "(at most \(max)): \(wording.slots(taken.sorted()))",
        lessons: holders)
    ]
  }

  // Each placed lesson whose first room is not one of the rooms (or that has no room).
  func preferredRooms(_ ids: [String], rooms: [RoomID]) -> [Finding] {
    let preferred = Set(rooms)
    let listed = unique(rooms)
    let wanted =
      listed.isEmpty
      ? "a preferred room, but none is given"
      : listed.count == 1 ? wording.room(listed[0]) : "one of \(wording.rooms(listed))"
    return placedLessons(ids).compactMap { entry in
      let room = entry.placement.rooms.first
      if let room, preferred.contains(room) { return nil }
      let actual = room.map { "is in \(wording.room($0))" } ?? "has no room"
      return Finding(
        units: 1, message: "\(named(entry)) at \(at(entry)) \(actual); it should be in \(wanted)",
        lessons: [entry.lesson.id], day: entry.day, period: entry.start)
    }
  }
}
