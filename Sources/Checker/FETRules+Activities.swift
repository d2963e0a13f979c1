import Planner

/// The rules that FET's activity constraints bring (docs/timetable-rules.md): same starting day or
/// period, gaps and days between lessons, order, and lessons held at once in chosen slots. Pair
/// rules count each pair of placed lessons, in the order the rule lists them, as FET does.
extension ConstraintRules {
  /// "5А Алгебра (lesson a1) at Mon 3–4".
  private func described(_ entry: PlacedLesson) -> String {
    "\(wording.lesson(entry.lesson)) (lesson \(entry.lesson.id)) at \(wording.slot(entry.day, entry.start, entry.end))"
  }

  /// The rule's placed lessons on a school day, in the rule's order.
  private func placedOnDays(_ ids: [String]) -> [PlacedLesson] {
    placedLessons(ids).filter { $0.onSchoolDay && schedule.dayIndex[$0.day] != nil }
  }

  private func dayIndex(_ entry: PlacedLesson) -> Int { schedule.dayIndex[entry.day]! }

  /// One finding for each pair (earlier listed first) that `units` finds broken.
  private func pairFindings(
    _ ids: [String], units: (PlacedLesson, PlacedLesson) -> Int, why: (PlacedLesson, PlacedLesson, Int) -> String
  ) -> [Finding] {
    let lessons = placedOnDays(ids)
    var result: [Finding] = []
    for (i, b) in lessons.enumerated() {
      for a in lessons[..<i] {
        let n = units(a, b)
        guard n > 0 else { continue }
        result.append(
          Finding(
            units: n, message: "\(described(a)) and \(described(b)) \(why(a, b, n))",
            lessons: [a.lesson.id, b.lesson.id], day: b.day, period: b.start))
      }
    }
    return result
  }

  // Each pair of placed lessons that start on different days.
  func sameStartingDay(_ ids: [String]) -> [Finding] {
    pairFindings(ids, units: { $0.day != $1.day ? 1 : 0 }) { _, _, _ in "should start on the same day" }
  }

  // Each pair of placed lessons that start at different periods (of any days).
  func sameStartingPeriod(_ ids: [String]) -> [Finding] {
    pairFindings(ids, units: { $0.start != $1.start ? 1 : 0 }) { _, _, _ in "should start at the same period" }
  }

  // Each pair on the same day: the periods by which the free periods between the one that starts
  // first (of two starting together, the one listed later, as FET takes it) and the other fall
  // short of `minGaps`.
  func minGapsBetween(_ ids: [String], minGaps: Int) -> [Finding] {
    pairFindings(
      ids,
      units: { a, b in
        guard a.day == b.day else { return 0 }
        let (early, late) = a.start >= b.start ? (b, a) : (a, b)
        return Swift.max(0, early.end + 1 + minGaps - late.start)
      },
      why: { _, _, n in
        "are on the same day with \(wording.count(n, "free period")) too few between them (at least \(minGaps))"
      })
  }

  // Each pair: the days by which they are more than `maxDays` days apart.
  func maxDaysBetween(_ ids: [String], maxDays: Int) -> [Finding] {
    pairFindings(ids, units: { Swift.max(0, abs(dayIndex($0) - dayIndex($1)) - maxDays) }) { a, b, _ in
      "are \(wording.count(abs(dayIndex(a) - dayIndex(b)), "day")) apart (at most \(maxDays))"
    }
  }

  // One, when both are placed and the first does not end before the second starts (with
  // `ifSameDay`, only when both are on the same day).
  func ordered(_ firstID: String, _ secondID: String, ifSameDay: Bool) -> [Finding] {
    guard firstID != secondID, let first = placedOnDays([firstID]).first, let second = placedOnDays([secondID]).first
    else { return [] }
    let sameDay = first.day == second.day
    let before = sameDay ? first.end < second.start : dayIndex(first) < dayIndex(second)
    guard ifSameDay ? sameDay && !before : !before else { return [] }
    return [
      Finding(
        units: 1,
        message: "\(described(first)) should end before \(described(second)) starts"
          + (ifSameDay ? " on the same day" : ""),
        lessons: [first.lesson.id, second.lesson.id], day: second.day, period: second.start)
    ]
  }

  // One for each of the slots in which more than `max` of the placed lessons are held (any week
  // pattern), as FET counts.
  func maxSimultaneous(_ ids: [String], slots: [TimeSlot], max: Int) -> [Finding] {
    let lessons = placedOnDays(ids)
    return unique(slots).sorted().compactMap { slot in
      let held = lessons.filter { $0.day == slot.day && $0.start <= slot.period && slot.period <= $0.end }
      guard held.count > max else { return nil }
      return Finding(
        units: 1,
        message: "\(wording.count(held.count, "lesson")) of \(wording.lessonSet(lessons.map(\.lesson))) are held at "
          + "\(wording.slot(slot.day, slot.period)) (at most \(max) at once): "
          + wording.list(held.map { "\(wording.lesson($0.lesson)) (lesson \($0.lesson.id))" }),
        lessons: held.map(\.lesson.id), day: slot.day, period: slot.period)
    }
  }

  // The rooms beyond `max` that the placed lessons use together (every room of each; FET counts
  // one violation when there are too many, Sabaq the rooms over: the same timetables pass).
  func occupyMaxRooms(_ ids: [String], max: Int) -> [Finding] {
    let lessons = placedLessons(ids)
    let rooms = unique(lessons.flatMap(\.placement.rooms))
    guard rooms.count > max else { return [] }
    return [
      Finding(
        units: rooms.count - max,
        message: "\(wording.lessonSet(lessons.map(\.lesson))) use \(wording.count(rooms.count, "room")) "
          + "(\(wording.rooms(rooms))); at most \(max) may be used",
        lessons: lessons.map(\.lesson.id), day: nil, period: nil)
    ]
  }

  // One for each pair of the placed lessons on the same day, one right after the other, whose
  // (first) rooms differ.
  func sameRoomIfConsecutive(_ ids: [String]) -> [Finding] {
    let lessons = placedLessons(ids)
    var findings: [Finding] = []
    for (i, a) in lessons.enumerated() {
      for b in lessons[(i + 1)...] where a.day == b.day && (a.end + 1 == b.start || b.end + 1 == a.start) {
        let (roomA, roomB) = (a.placement.rooms.first, b.placement.rooms.first)
        guard roomA != roomB else { continue }
        let (first, second) = a.start < b.start ? (a, b) : (b, a)
        let (inFirst, inSecond) = a.start < b.start ? (roomA, roomB) : (roomB, roomA)
        findings.append(
          Finding(
            units: 1,
            message: "\(named(first)) at \(at(first)) in \(inFirst.map(wording.room) ?? "no room") and "
              + "\(named(second)) right after it in \(inSecond.map(wording.room) ?? "no room") should be in the same room",
            lessons: [first.lesson.id, second.lesson.id], day: second.day, period: second.start))
      }
    }
    return findings
  }
}
