import Planner

/// The rules every timetable must satisfy, whatever the constraints: one small function per rule
/// of docs/timetable-rules.md, each returning its violations with a sentence.
struct HardRules {
  let schedule: Schedule
  let wording: Wording
  var problem: TimetableProblem { schedule.problem }

  /// The violations of all of them.
  func violations() -> [HardViolation] {
    unplaced() + unknownLessons() + placedTwice() + outsideGrid() + outsideShift() + teacherUnavailable()
      + classUnavailable() + roomUnavailable() + clashes() + roomCount() + roomNotAllowed() + partnerSlot()
  }

  // Every lesson of the demand is placed: one violation per lesson with no placement.
  func unplaced() -> [HardViolation] {
    problem.lessons.enumerated().compactMap { i, lesson in
      guard schedule.lessonOrder[lesson.id] == i, schedule.placedIndex[i] == nil else { return nil }
      return HardViolation(
        kind: "unplaced", count: 1, message: "\(wording.lesson(lesson)) (lesson \(lesson.id)) is not placed",
        lessons: [lesson.id])
    }
  }

  // A placement names a lesson of the demand.
  func unknownLessons() -> [HardViolation] {
    schedule.unknown.map { placement in
      HardViolation(
        kind: "unknown-lesson", count: 1,
        message:
          "The timetable places lesson \"\(placement.lesson)\" at \(wording.slot(placement.day, placement.period)), "
          + "but the lesson demand has no such lesson",
        lessons: [placement.lesson], day: placement.day, period: placement.period)
    }
  }

  // A lesson is placed once: the first placement is judged, each further one is a violation.
  func placedTwice() -> [HardViolation] {
    schedule.repeated.map { first, placement in
      let judged = schedule.placed[first]
      return HardViolation(
        kind: "placed-twice", count: 1,
        message: "\(wording.lesson(judged.lesson)) (lesson \(judged.lesson.id)) is placed again at "
          + "\(wording.slot(placement.day, placement.period)); it is already at \(wording.slot(judged.day, judged.start))",
        lessons: [judged.lesson.id], day: placement.day, period: placement.period)
    }
  }

  // The day is a school day and every occupied period is within 1…periodsPerDay.
  func outsideGrid() -> [HardViolation] {
    schedule.placed.compactMap { entry in
      let what = wording.lesson(entry.lesson)
      let reason: String
      if !entry.onSchoolDay {
        reason = "\(what) is placed on \(wording.day(entry.day)), which is not a school day"
      } else if entry.start < 1 {
        reason = "\(what) is placed at \(wording.slot(entry.day, entry.start, entry.end)), before period 1"
      } else if entry.end > problem.periodsPerDay {
        reason =
          "\(what) is placed at \(wording.slot(entry.day, entry.start, entry.end)), past period "
          + "\(problem.periodsPerDay), the last of the day"
      } else {
        return nil
      }
      return HardViolation(
        kind: "outside-grid", count: 1, message: reason, lessons: [entry.lesson.id], day: entry.day, period: entry.start
      )
    }
  }

  // Every occupied period is within the shift of every class of the lesson.
  func outsideShift() -> [HardViolation] {
    let classes = Dictionary(problem.classes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    return schedule.placed.compactMap { entry in
      let outside = unique(entry.lesson.classes).compactMap { classes[$0] }.filter { schoolClass in
        entry.periods.contains { $0 < schoolClass.firstPeriod || $0 > schoolClass.lastPeriod }
      }
      guard let first = outside.first else { return nil }
      return HardViolation(
        kind: "outside-shift", count: 1,
        message: "\(wording.lesson(entry.lesson)) at \(wording.slot(entry.day, entry.start, entry.end)) is outside "
          + "the shift of \(wording.schoolClass(first.id)) (periods \(wording.periods(first.firstPeriod, first.lastPeriod)))",
        lessons: [entry.lesson.id], day: entry.day, period: entry.start)
    }
  }

  // No occupied period is an unavailable slot of a teacher: one violation per lesson and slot.
  func teacherUnavailable() -> [HardViolation] {
    let unavailable = slotSets(problem.teachers.map { ($0.id, $0.unavailable) })
    return perLessonSlot(kind: "teacher-unavailable", who: { unique($0.lesson.teachers) }, unavailable: unavailable) {
      entry, teachers, slot in
      let verb = teachers.count == 1 ? "is" : "are"
      let teach = teachers.count == 1 ? "teaches" : "teach"
      return
        "\(wording.teachers(teachers)) \(verb) not available at \(slot) but \(teach) \(wording.lesson(entry.lesson))"
    }
  }

  // No occupied period is an unavailable slot of a class of the lesson.
  func classUnavailable() -> [HardViolation] {
    let unavailable = slotSets(problem.classes.map { ($0.id, $0.unavailable) })
    return perLessonSlot(kind: "class-unavailable", who: { unique($0.lesson.classes) }, unavailable: unavailable) {
      entry, classes, slot in
      let verb = classes.count == 1 ? "is" : "are"
      return "\(wording.lesson(entry.lesson)) is at \(slot), when \(wording.classes(classes)) \(verb) not available"
    }
  }

  // No occupied period is an unavailable slot of a room the placement uses.
  func roomUnavailable() -> [HardViolation] {
    let unavailable = slotSets(problem.rooms.map { ($0.id, $0.unavailable) })
    return perLessonSlot(
      kind: "room-unavailable", who: { unique($0.placement.rooms.filter { !$0.isEmpty }) }, unavailable: unavailable
    ) {
      entry, rooms, slot in
      let what = rooms.count == 1 ? "the room is" : "the rooms are"
      return "\(wording.lesson(entry.lesson)) is in \(wording.rooms(rooms)) at \(slot), when \(what) not available"
    }
  }

  private func slotSets(_ items: [(String, [TimeSlot])]) -> [String: Set<TimeSlot>] {
    var sets: [String: Set<TimeSlot>] = [:]
    for (id, slots) in items { sets[id, default: []].formUnion(slots) }
    return sets
  }

  private func perLessonSlot(
    kind: String, who: (PlacedLesson) -> [String], unavailable: [String: Set<TimeSlot>],
    message: (PlacedLesson, [String], String) -> String
  ) -> [HardViolation] {
    var result: [HardViolation] = []
    for entry in schedule.placed {
      let ids = who(entry)
      for period in entry.periods {
        let slot = TimeSlot(day: entry.day, period: period)
        let blocked = ids.filter { unavailable[$0]?.contains(slot) ?? false }
        guard !blocked.isEmpty else { continue }
        result.append(
          HardViolation(
            kind: kind, count: 1, message: message(entry, blocked, wording.slot(entry.day, period)),
            lessons: [entry.lesson.id], day: entry.day, period: period))
      }
    }
    return result
  }

  // Two lessons that meet share no teacher, no student unit and no room. Pairs are looked for only
  // among the lessons of one slot; a pair is reported once (at the first slot where they meet),
  // for each teacher or room they share.
  func clashes() -> [HardViolation] {
    var result: [HardViolation] = []
    var seenTeacher: Set<PairKey> = []
    var seenStudents: Set<PairKey> = []
    var seenRoom: Set<PairKey> = []
    for slot in schedule.bySlot.keys.sorted() {
      let here = schedule.bySlot[slot]!
      guard here.count > 1 else { continue }
      let when = wording.slot(slot.day, slot.period)
      for (teacher, pair) in pairs(in: here, sharing: { unique($0.lesson.teachers) })
      where seenTeacher.insert(PairKey(pair, teacher)).inserted {
        let (a, b) = (schedule.placed[pair.0], schedule.placed[pair.1])
        result.append(
          HardViolation(
            kind: "teacher-clash", count: 1,
            message:
              "\(wording.teacher(teacher)) has \(wording.lesson(a.lesson)) and \(wording.lesson(b.lesson)) at \(when)",
            lessons: [a.lesson.id, b.lesson.id], day: slot.day, period: slot.period))
      }
      for (_, pair) in pairs(in: here, sharing: { unique($0.lesson.students) })
      where seenStudents.insert(PairKey(pair, "")).inserted {
        let (a, b) = (schedule.placed[pair.0], schedule.placed[pair.1])
        let shared = a.lesson.students.filter(Set(b.lesson.students).contains)
        result.append(
          HardViolation(
            kind: "student-clash", count: 1,
            message: "Students of \(wording.units(unique(shared))) have \(wording.lesson(a.lesson)) and "
              + "\(wording.lesson(b.lesson)) at \(when)",
            lessons: [a.lesson.id, b.lesson.id], day: slot.day, period: slot.period))
      }
      for (room, pair) in pairs(in: here, sharing: { unique($0.placement.rooms.filter { !$0.isEmpty }) })
      where seenRoom.insert(PairKey(pair, room)).inserted {
        let (a, b) = (schedule.placed[pair.0], schedule.placed[pair.1])
        result.append(
          HardViolation(
            kind: "room-clash", count: 1,
            message:
              "\(wording.room(room)) is used by \(wording.lesson(a.lesson)) and \(wording.lesson(b.lesson)) at \(when)",
            lessons: [a.lesson.id, b.lesson.id], day: slot.day, period: slot.period))
      }
    }
    return result
  }

  /// The pairs of lessons of one slot that meet and share a resource, with the resource; the
  /// lesson listed first in the demand comes first.
  private func pairs(in here: [Int], sharing resources: (PlacedLesson) -> [String]) -> [(String, (Int, Int))] {
    var holders: [String: [Int]] = [:]
    var order: [String] = []
    for p in here {
      for resource in resources(schedule.placed[p]) {
        if holders[resource] == nil { order.append(resource) }
        holders[resource, default: []].append(p)
      }
    }
    var result: [(String, (Int, Int))] = []
    for resource in order.sorted() {
      let list = holders[resource]!.sorted { schedule.placed[$0].order < schedule.placed[$1].order }
      guard list.count > 1 else { continue }
      for i in 0..<list.count {
        for j in (i + 1)..<list.count
        where weeksMeet(schedule.placed[list[i]].lesson.weeks, schedule.placed[list[j]].lesson.weeks) {
          result.append((resource, (list[i], list[j])))
        }
      }
    }
    return result
  }

  // A placement gives exactly one room per room requirement, all different.
  func roomCount() -> [HardViolation] {
    schedule.placed.compactMap { entry in
      let needed = entry.lesson.rooms.count
      let given = entry.placement.rooms
      let what = wording.lesson(entry.lesson)
      let message: String
      if given.count != needed {
        let rooms = needed == 1 ? "1 room" : "\(needed) rooms"
        message =
          "\(what) at \(wording.slot(entry.day, entry.start, entry.end)) needs \(rooms) but is given \(given.count)"
          + (given.isEmpty ? "" : " (\(given.map { wording.room($0) }.joined(separator: ", ")))")
      } else if let twice = given.first(where: { room in !room.isEmpty && given.filter { $0 == room }.count > 1 }) {
        message = "\(what) at \(wording.slot(entry.day, entry.start, entry.end)) is given \(wording.room(twice)) twice"
      } else {
        return nil
      }
      return HardViolation(
        kind: "room-count", count: 1, message: message, lessons: [entry.lesson.id], day: entry.day, period: entry.start)
    }
  }

  // The i-th room is in the i-th requirement's allowed list: one violation per placement and room.
  func roomNotAllowed() -> [HardViolation] {
    var result: [HardViolation] = []
    for entry in schedule.placed {
      // An optional requirement may go without its room (an empty room id).
      for (room, requirement) in zip(entry.placement.rooms, entry.lesson.rooms)
      where !requirement.allowed.contains(room) && !(room.isEmpty && requirement.isOptional) {
        let allowed = requirement.allowed.prefix(3).map { wording.room($0) }.joined(separator: ", ")
        let more = requirement.allowed.count > 3 ? " …" : ""
        let choice = requirement.allowed.isEmpty ? "no room is allowed" : "allowed: \(allowed)\(more)"
        result.append(
          HardViolation(
            kind: "room-not-allowed", count: 1,
            message: "\(wording.lesson(entry.lesson)) at \(wording.slot(entry.day, entry.start, entry.end)) is in "
              + "\(wording.room(room)), which it may not use (\(choice))",
            lessons: [entry.lesson.id], day: entry.day, period: entry.start))
      }
    }
    return result
  }

  // A lesson with a partner starts on the same day and period as its partner: one per pair.
  func partnerSlot() -> [HardViolation] {
    var result: [HardViolation] = []
    var seen: Set<PairKey> = []
    for entry in schedule.placed {
      guard let partnerID = entry.lesson.partner, let partner = schedule.placed(partnerID),
        partner.order != entry.order,
        partner.day != entry.day || partner.start != entry.start,
        seen.insert(PairKey((min(entry.order, partner.order), max(entry.order, partner.order)), "")).inserted
      else { continue }
      result.append(
        HardViolation(
          kind: "partner-slot", count: 1,
          message: "\(wording.lesson(entry.lesson)) (\(entry.lesson.weeks.rawValue) weeks) starts at "
            + "\(wording.slot(entry.day, entry.start)) but its partner \(wording.lesson(partner.lesson)) "
            + "(\(partner.lesson.weeks.rawValue) weeks) starts at \(wording.slot(partner.day, partner.start)); "
            + "they must share a slot",
          lessons: [entry.lesson.id, partner.lesson.id], day: entry.day, period: entry.start))
    }
    return result
  }
}

/// A pair of placed lessons and the resource they share ("" for student units, counted per pair).
struct PairKey: Hashable {
  let a: Int
  let b: Int
  let resource: String

  init(_ pair: (Int, Int), _ resource: String) {
    a = pair.0
    b = pair.1
    self.resource = resource
  }
}
