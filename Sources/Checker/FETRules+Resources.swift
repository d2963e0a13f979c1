import Planner

/// The rules of FET's interval max days, activity-tag max hours, max span and min resting hours
/// kinds (docs/timetable-rules.md), on each teacher or student unit separately.
extension ConstraintRules {
  // For each student unit, the days with lessons beyond `max`.
  func studentsMaxDaysPerWeek(_ units: [Resource], max: Int) -> [Finding] {
    units.compactMap { resource in
      let days = schoolDays.filter { !busy(resource, $0).isEmpty }
      guard days.count > max else { return nil }
      let (name, has) = who(resource)
      return Finding(
        units: days.count - max,
        message: "\(name) \(has) lessons on \(wording.count(days.count, "day")) (at most \(max)): "
          + wording.list(days.map(wording.day)),
        lessons: days.flatMap { lessonsOf(resource, $0) })
    }
  }

  // For each resource, the days on which it is busy in `interval` beyond `max`.
  func intervalMaxDaysPerWeek(_ resources: [Resource], _ interval: Range<Int>, max: Int) -> [Finding] {
    resources.compactMap { resource in
      let days = schoolDays.filter { busy(resource, $0).contains(where: interval.contains) }
      guard days.count > max else { return nil }
      let (name, has) = who(resource)
      let last = Swift.max(interval.lowerBound, interval.upperBound - 1)
      let periods = (last == interval.lowerBound ? "period " : "periods ") + wording.periods(interval.lowerBound, last)
      return Finding(
        units: days.count - max,
        message: "\(name) \(has) lessons in \(periods) on \(wording.count(days.count, "day")) (at most \(max)): "
          + wording.list(days.map(wording.day)),
        lessons: days.flatMap { day in
          lessonIDs(lessonsOf(resource, day), within: interval.lowerBound...last)
        })
    }
  }

  // For each resource and day, the periods of its lessons among `lessons` beyond `max` (daily),
  // or for each unbroken run of such periods, the periods beyond `max` (continuously).
  func tagMaxHours(_ resources: [Resource], tag: String, lessons: [String], max: Int, continuously: Bool) -> [Finding] {
    let tagged = Set(lessons)
    return resources.flatMap { resource in
      schoolDays.flatMap { day -> [Finding] in
        let ids = lessonsOf(resource, day).filter(tagged.contains)
        let periods = Set(ids.flatMap { schedule.placed($0)?.periods ?? [] }).sorted()
        let (name, has) = who(resource)
        guard continuously else {
          guard periods.count > max else { return [] }
          return [
            Finding(
              units: periods.count - max,
              message: "\(name) \(has) \(wording.count(periods.count, "period")) of \(tag) lessons on "
                + "\(wording.day(day)) (at most \(max))",
              lessons: ids, day: day)
          ]
        }
        return runs(of: periods).filter { $0.count > max }.map { run in
          Finding(
            units: run.count - max,
            message: "\(name) \(has) \(run.count) periods of \(tag) lessons in a row at "
              + "\(wording.slot(day, run.lowerBound, run.upperBound)) (at most \(max))",
            lessons: lessonIDs(ids, within: run), day: day, period: run.lowerBound)
        }
      }
    }
  }

  // For each resource and day, the periods from its first to its last busy period beyond `max`;
  // with `oneDayPlusOne`, the first day that spans exactly `max + 1` counts nothing.
  func maxSpanPerDay(_ resources: [Resource], max: Int, oneDayPlusOne: Bool) -> [Finding] {
    resources.flatMap { resource in
      var excepted = !oneDayPlusOne
      return schoolDays.compactMap { day -> Finding? in
        let busy = busy(resource, day)
        guard let first = busy.first, let last = busy.last, last - first + 1 > max else { return nil }
        let span = last - first + 1
        if !excepted, span == max + 1 {
          excepted = true
          return nil
        }
        let (name, has) = who(resource)
        let allowance = oneDayPlusOne ? ", one day \(max + 1)" : ""
        return Finding(
          units: span - max,
          message: "\(name) \(has) a day spanning \(span) periods at \(wording.slot(day, first, last)) "
            + "(at most \(max)\(allowance))",
          lessons: lessonsOf(resource, day), day: day, period: first)
      }
    }
  }

  // For each resource and each two following school days both with lessons (and the last and
  // first day with `circular`), the free periods after the first day's last lesson and before
  // the second day's first lesson short of `min`.
  func minRestingHours(_ resources: [Resource], min: Int, circular: Bool) -> [Finding] {
    let days = schoolDays
    guard days.count > 1 else { return [] }
    let pairs = (0..<(days.count - 1)).map { (days[$0], days[$0 + 1]) } + (circular ? [(days.last!, days[0])] : [])
    let P = problem.periodsPerDay
    return resources.flatMap { resource in
      pairs.compactMap { (day, next) -> Finding? in
        guard let last = busy(resource, day).last, let first = busy(resource, next).first else { return nil }
        let rest = Swift.max(0, P - last) + Swift.max(0, first - 1)
        guard rest < min else { return nil }
        let (name, has) = who(resource)
        return Finding(
          units: min - rest,
          message: "\(name) \(has) \(wording.count(rest, "free period")) between \(wording.slot(day, last)) "
            + "and \(wording.slot(next, first)) (at least \(min))",
          lessons: lessonsOf(resource, day) + lessonsOf(resource, next), day: day, period: last)
      }
    }
  }
}
