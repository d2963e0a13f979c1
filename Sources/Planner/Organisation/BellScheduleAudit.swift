/// A moment one shift's lesson must wait for: the lesson of another shift that used a room before
/// it in the day has to end first (plus the changeover gap).
public struct RoomHandover: Hashable, Sendable, Codable {
  /// The earlier lesson: its shift and lesson number.
  public var fromShift: ShiftID
  public var fromLesson: Int
  /// The later lesson that needs one of the same rooms.
  public var toShift: ShiftID
  public var toLesson: Int

  public init(fromShift: ShiftID, fromLesson: Int, toShift: ShiftID, toLesson: Int) {
    self.fromShift = fromShift
    self.fromLesson = fromLesson
    self.toShift = toShift
    self.toLesson = toLesson
  }

  /// Without a timetable: the following shift's first lesson waits for the last lesson of the shift
  /// it follows.
  public static func defaults(for organisation: Organisation) -> [RoomHandover] {
    (organisation.bellRules ?? []).compactMap { rules in
      guard let previous = rules.follows, let shift = organisation.shift(previous) else { return nil }
      return RoomHandover(fromShift: previous, fromLesson: shift.lessonsPerDay, toShift: rules.shift, toLesson: 1)
    }
  }

  /// From a timetable: for every room and every lesson of one shift in it, the latest earlier
  /// lesson of another shift in the same room (by school-day period).
  public static func from(problem: TimetableProblem, timetable: Timetable) -> [RoomHandover] {
    let lessons = Dictionary(problem.lessons.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let classes = Dictionary(problem.classes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    // Room → (period, shift, lesson number) uses.
    var uses: [RoomID: [(period: Int, shift: ShiftID, lesson: Int)]] = [:]
    for placement in timetable.placements {
      guard let lesson = lessons[placement.lesson], let schoolClass = lesson.classes.first.flatMap({ classes[$0] })
      else { continue }
      for room in placement.rooms {
        for q in 0..<lesson.duration {
          let period = placement.period + q
          uses[room, default: []].append((period, schoolClass.shift, period - schoolClass.firstPeriod + 1))
        }
      }
    }
    var result = Set<RoomHandover>()
    for (_, list) in uses {
      for use in list {
        // The latest earlier use of the room by another shift.
        let earlier = list.filter { $0.period < use.period && $0.shift != use.shift }.max { $0.period < $1.period }
        if let earlier {
          result.insert(
            RoomHandover(fromShift: earlier.shift, fromLesson: earlier.lesson, toShift: use.shift, toLesson: use.lesson)
          )
        }
      }
    }
    return result.sorted {
      ($0.toShift, $0.toLesson, $0.fromShift, $0.fromLesson) < ($1.toShift, $1.toLesson, $1.fromShift, $1.fromLesson)
    }
  }
}

/// Checks a bell schedule against its shift's bell rules: the number and length of lessons, the
/// breaks, the long breaks and where they are, the start and the latest end, and the changeover
/// from the shift before.
public enum BellScheduleAudit {
  /// The organisation's current bell schedules that have bell rules to be checked against (of the
  /// shifts given, or all), each with its problems (none: it follows the rules).
  public static func audits(
    of organisation: Organisation, shifts: [ShiftID]? = nil, handovers: [RoomHandover]? = nil
  ) -> [(schedule: BellSchedule, problems: [String])] {
    (organisation.bellSchedules ?? []).filter { schedule in
      (shifts?.contains(schedule.shift) ?? true)
        && organisation.bellRules?.contains(where: { $0.shift == schedule.shift }) == true
    }.map { ($0, problems(of: $0, organisation: organisation, handovers: handovers)) }
  }

  public static func problems(
    of schedule: BellSchedule, organisation: Organisation, handovers: [RoomHandover]? = nil
  ) -> [String] {
    guard let shift = organisation.shift(schedule.shift) else { return ["there is no shift \"\(schedule.shift)\""] }
    guard let rules = organisation.bellRules?.first(where: { $0.shift == schedule.shift }) else {
      return ["\(shift.name) has no bell rules to check against"]
    }
    var problems: [String] = []
    let lessons = schedule.lessons
    if lessons.count != shift.lessonsPerDay {
      problems.append("\(shift.name) has \(shift.lessonsPerDay) lessons a day but the schedule \(lessons.count)")
    }
    let grades =
      schedule.grades ?? Array(Set(organisation.classes.filter { $0.shift == shift.id }.map(\.grade))).sorted()
    let lengths = Set(grades.map { rules.minutes(forGrade: $0) })
    for lesson in lessons where !lengths.contains(lesson.minutes) {
      problems.append(
        "lesson \(lesson.number) lasts \(lesson.minutes) minutes; lessons of grades \(grades.map(String.init).joined(separator: ", ")) last \(lengths.sorted().map(String.init).joined(separator: " or "))"
      )
    }
    var longBreaks: [Int] = []
    for (a, b) in zip(lessons, lessons.dropFirst()) {
      let pause = b.start.minutes - a.end.minutes
      if pause < rules.minimumBreak {
        problems.append(
          "the break after lesson \(a.number) is \(pause) minutes; at least \(rules.minimumBreak) are needed")
      }
      if pause >= rules.longBreakMinutes { longBreaks.append(a.number) }
    }
    if longBreaks.count < rules.longBreaks {
      problems.append(
        "\(rules.longBreaks) long break\(rules.longBreaks == 1 ? "" : "s") of \(rules.longBreakMinutes) minutes are needed, the schedule has \(longBreaks.count)"
      )
    }
    let misplaced = longBreaks.filter { !rules.longBreakAfter.contains($0) }
    if longBreaks.count - misplaced.count < rules.longBreaks, !misplaced.isEmpty {
      problems.append(
        "a long break comes after lesson \(misplaced.map(String.init).joined(separator: ", ")); long breaks go after lesson \(rules.longBreakAfter.map(String.init).joined(separator: ", "))"
      )
    }
    if let first = lessons.first {
      if rules.follows == nil, first.start != rules.start {
        problems.append("the first lesson starts at \(first.start), the rules say \(rules.start)")
      } else if first.start < rules.start {
        problems.append("the first lesson starts at \(first.start), before \(rules.start)")
      }
    }
    if let latest = rules.latestEnd, let last = lessons.last, last.end > latest {
      problems.append("the last lesson ends at \(last.end), after \(latest)")
    }
    // The changeover from the shift before.
    let gap = rules.gapAfterPreviousShift ?? 0
    for handover in handovers ?? RoomHandover.defaults(for: organisation) where handover.toShift == shift.id {
      guard let later = lessons.first(where: { $0.number == handover.toLesson }) else { continue }
      let earlierSchedules = (organisation.bellSchedules ?? []).filter { $0.shift == handover.fromShift }
      for earlier in earlierSchedules {
        guard let before = earlier.lessons.first(where: { $0.number == handover.fromLesson }) else { continue }
        if later.start.minutes < before.end.minutes + gap {
          let name = organisation.shift(handover.fromShift)?.name ?? handover.fromShift
          problems.append(
            "lesson \(later.number) starts at \(later.start), but lesson \(before.number) of \(name) leaves its room at \(before.end) and \(gap) minutes are needed between the shifts"
          )
        }
      }
    }
    return problems
  }
}

extension Organisation {
  /// The organisation with `schedules` in place of the bell schedules of their shifts (the
  /// schedules of other shifts stay).
  public func replacingBellSchedules(with schedules: [BellSchedule]) -> Organisation {
    var changed = self
    let shifts = Set(schedules.map(\.shift))
    changed.bellSchedules = (bellSchedules ?? []).filter { !shifts.contains($0.shift) } + schedules
    return changed
  }
}
