import Planner

/// The rules of FET's interval max days, activity-tag max hours, max span, min resting hours,
/// students max days and building-change kinds (docs/timetable-rules.md), on each teacher or
/// student unit separately.
extension ConstraintRules {
  /// The findings of the rules of this file.
  func resourceFindings(_ rule: ConstraintRule) -> [Finding] {
    switch rule {
    case .teachersIntervalMaxDaysPerWeek(let teacher, let start, let end, let max):
      intervalMaxDaysPerWeek(teachers(teacher), start..<end, max: max)
    case .studentsIntervalMaxDaysPerWeek(let students, let start, let end, let max):
      intervalMaxDaysPerWeek(studentUnits(students), start..<end, max: max)
    case .teachersTagMaxHoursDaily(let teacher, let tag, let lessons, let max):
      tagMaxHours(teachers(teacher), tag: tag, lessons: lessons, max: max, continuously: false)
    case .studentsTagMaxHoursDaily(let students, let tag, let lessons, let max):
      tagMaxHours(studentUnits(students), tag: tag, lessons: lessons, max: max, continuously: false)
    case .teachersTagMaxHoursContinuously(let teacher, let tag, let lessons, let max):
      tagMaxHours(teachers(teacher), tag: tag, lessons: lessons, max: max, continuously: true)
    case .studentsTagMaxHoursContinuously(let students, let tag, let lessons, let max):
      tagMaxHours(studentUnits(students), tag: tag, lessons: lessons, max: max, continuously: true)
    case .teachersMaxSpanPerDay(let teacher, let max, let plusOne):
      maxSpanPerDay(teachers(teacher), max: max, oneDayPlusOne: plusOne)
    case .studentsMaxSpanPerDay(let students, let max, let plusOne):
      maxSpanPerDay(studentUnits(students), max: max, oneDayPlusOne: plusOne)
    case .teachersMinRestingHours(let teacher, let min, let circular):
      minRestingHours(teachers(teacher), min: min, circular: circular)
    case .studentsMinRestingHours(let students, let min, let circular):
      minRestingHours(studentUnits(students), min: min, circular: circular)
    case .studentsMaxDaysPerWeek(let students, let max): studentsMaxDaysPerWeek(studentUnits(students), max: max)
    case .teachersMaxBuildingChangesPerDay(let teacher, let max):
      buildingChanges(teachers(teacher), .perDay(max))
    case .teachersMaxBuildingChangesPerWeek(let teacher, let max):
      buildingChanges(teachers(teacher), .perWeek(max))
    case .teachersMinGapsBetweenBuildingChanges(let teacher, let min):
      buildingChanges(teachers(teacher), .minGaps(min))
    case .studentsMaxBuildingChangesPerDay(let students, let max):
      buildingChanges(studentUnits(students), .perDay(max))
    case .studentsMaxBuildingChangesPerWeek(let students, let max):
      buildingChanges(studentUnits(students), .perWeek(max))
    case .studentsMinGapsBetweenBuildingChanges(let students, let min):
      buildingChanges(studentUnits(students), .minGaps(min))
    case .studentsMinGapsBetweenTagPair(let students, let firstTag, let first, let secondTag, let second, let min):
      tagPairGaps(studentUnits(students), (firstTag, first), (secondTag, second), min: min)
    case .teachersMinGapsBetweenTagPair(let teacher, let firstTag, let first, let secondTag, let second, let min):
      tagPairGaps(teachers(teacher), (firstTag, first), (secondTag, second), min: min)
    default: preconditionFailure("every other rule is judged by findings(_:)")
    }
  }

  // For each resource and day, scanning its periods: a period of a `first` lesson starts a count,
  // each period of no first or second lesson adds one; a period of a `second` lesson with a
  // count below `min` is one unit, and ends the count (a lesson in both counts as first).
  func tagPairGaps(
    _ resources: [Resource], _ first: (tag: String, lessons: [String]), _ second: (tag: String, lessons: [String]),
    min: Int
  ) -> [Finding] {
    let firsts = Set(first.lessons)
    let seconds = Set(second.lessons)
    return resources.flatMap { resource in
      schoolDays.flatMap { day -> [Finding] in
        var tagAt: [Int: (first: Bool, id: String)] = [:]
        for id in lessonsOf(resource, day) where firsts.contains(id) || seconds.contains(id) {
          // A period held by a first lesson stays first (two lessons at once are a clash).
          for p in schedule.placed(id)?.periods ?? [] where tagAt[p]?.first != true {
            tagAt[p] = (firsts.contains(id), id)
          }
        }
        var count = -1
        var last = ""
        var findings: [Finding] = []
        for p in 1...max(problem.periodsPerDay, 1) {
          guard let at = tagAt[p] else {
            if count >= 0 { count += 1 }
            continue
          }
          if at.first {
            count = 0
            last = at.id
            continue
          }
          if count >= 0, count < min {
            let (name, has) = who(resource)
            findings.append(
              Finding(
                units: 1,
                message: "\(name) \(has) \(second.tag) at \(wording.slot(day, p)) \(wording.count(count, "period")) "
                  + "after \(first.tag) (at least \(min))",
                lessons: [last, at.id], day: day, period: p))
          }
          count = -1
        }
        return findings
      }
    }
  }

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

/// What a building-change rule limits.
enum BuildingLimit {
  case perDay(Int), perWeek(Int), minGaps(Int)
}

extension ConstraintRules {
  /// The resource's lessons of a day in order of start, each with the building of its room (the
  /// teacher's room, or a unit's first room); lessons without a room in a building left out.
  func buildingsOf(_ resource: Resource, _ day: Weekday) -> [(entry: PlacedLesson, building: String)] {
    let key = DayKey(name: resource.id, day: day)
    let indices = (resource.kind == .teacher ? schedule.byTeacherDay[key] : schedule.byUnitDay[key]) ?? []
    let buildings = Dictionary(problem.rooms.map { ($0.id, $0.building) }, uniquingKeysWith: { a, _ in a })
    return indices.map { schedule.placed[$0] }.sorted { ($0.start, $0.order) < ($1.start, $1.order) }
      .compactMap { entry in
        let room = resource.kind == .teacher ? room(of: resource.id, in: entry) : entry.placement.rooms.first
        guard let room, let building = buildings[room] ?? nil, !building.isEmpty else { return nil }
        return (entry, building)
      }
  }

  // Per day: the changes of building between following lessons beyond `max`. Per week: their sum
  // beyond `max`. Min gaps: each change with fewer than `min` free periods before it.
  func buildingChanges(_ resources: [Resource], _ limit: BuildingLimit) -> [Finding] {
    resources.flatMap { resource -> [Finding] in
      let (name, has) = who(resource)
      var week: [(day: Weekday, period: Int, ids: [String])] = []
      var findings: [Finding] = []
      for day in schoolDays {
        let sequence = buildingsOf(resource, day)
        let busy = Set(busy(resource, day))
        var changes: [(period: Int, ids: [String])] = []
        for (a, b) in zip(sequence, sequence.dropFirst()) where a.building != b.building {
          changes.append((b.entry.start, [a.entry.lesson.id, b.entry.lesson.id]))
          if case .minGaps(let least) = limit {
            let free =
              a.entry.end + 1 < b.entry.start
              ? (a.entry.end + 1..<b.entry.start).filter { !busy.contains($0) }.count : 0
            if free < least {
              findings.append(
                Finding(
                  units: 1,
                  message: "\(name) \(has) \(wording.count(free, "free period")) to go from \(a.building) to "
                    + "\(b.building) before \(wording.slot(day, b.entry.start)) (at least \(least))",
                  lessons: [a.entry.lesson.id, b.entry.lesson.id], day: day, period: b.entry.start))
            }
          }
        }
        if case .perDay(let most) = limit, changes.count > most {
          findings.append(
            Finding(
              units: changes.count - most,
              message: "\(name) \(has) \(wording.count(changes.count, "change")) of building on \(wording.day(day)) "
                + "(at most \(most))",
              lessons: changes.flatMap(\.ids), day: day))
        }
        week += changes.map { (day, $0.period, $0.ids) }
      }
      if case .perWeek(let most) = limit, week.count > most {
        findings.append(
          Finding(
            units: week.count - most,
            message: "\(name) \(has) \(wording.count(week.count, "change")) of building in the week (at most \(most))",
            lessons: week.flatMap(\.ids)))
      }
      return findings
    }
  }
}
