import Planner

/// Explains, in sentences a deputy director understands, why a timetable cannot be (or was not)
/// built: counting before the solve (a teacher's lessons against the periods they can teach, a
/// class's lessons against its grid, lessons needing a kind of room against those rooms, a stream
/// whose classes never meet), and after it the lessons left in trouble and what blocks each.
public enum Diagnosis {
  /// Problems that make a timetable impossible, found by counting. Empty when counting finds none
  /// (which does not prove that a timetable exists).
  public static func beforeSolve(_ problem: TimetableProblem) -> [String] {
    var findings: [String] = []
    let days = problem.days.count
    let periods = problem.periodsPerDay
    let dayIndex = Dictionary(problem.days.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
    let classByID = Dictionary(problem.classes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let subjectName = Dictionary(problem.subjects.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    func describe(_ lesson: Lesson) -> String {
      let classes = lesson.classes.compactMap { classByID[$0]?.name }.joined(separator: "+")
      let group = lesson.group == "whole" ? "" : " (\(lesson.group))"
      return "\(classes) \(subjectName[lesson.subject] ?? lesson.subject)\(group)"
    }
    /// Periods a week a lesson takes: half for a lesson of odd or even weeks only.
    func weeklyPeriods(_ lessons: [Lesson]) -> Double {
      lessons.reduce(0) { $0 + Double($1.duration) * ($1.weeks == .every ? 1 : 0.5) }
    }
    // Teachers.
    var lessonsOfTeacher: [TeacherID: [Lesson]] = [:]
    for lesson in problem.lessons { for t in lesson.teachers { lessonsOfTeacher[t, default: []].append(lesson) } }
    for teacher in problem.teachers {
      let lessons = lessonsOfTeacher[teacher.id] ?? []
      guard !lessons.isEmpty else { continue }
      let shifts = Set(lessons.flatMap { $0.classes }.compactMap { classByID[$0] }.flatMap { Array($0.firstPeriod...$0.lastPeriod) })
      let open = days * shifts.count - teacher.unavailable.filter { shifts.contains($0.period) && dayIndex[$0.day] != nil }.count
      let needed = weeklyPeriods(lessons)
      if needed > Double(open) {
        findings.append(
          "Teacher \(teacher.name) has \(format(needed)) lesson periods a week but can teach in only \(open) periods (\(teacher.unavailable.count) of them marked unavailable): move some lessons to another teacher or free some time.")
      }
    }
    // Classes and their student units.
    for schoolClass in problem.classes {
      let shift = schoolClass.lastPeriod - schoolClass.firstPeriod + 1
      let open = days * shift - schoolClass.unavailable.filter { $0.period >= schoolClass.firstPeriod && $0.period <= schoolClass.lastPeriod }.count
      let byDay = days * min(schoolClass.maxLessonsPerDay, shift)
      for unit in schoolClass.units {
        let needed = weeklyPeriods(problem.lessons.filter { $0.students.contains(unit) })
        let unitName = unit == schoolClass.id ? schoolClass.name : "\(schoolClass.name) (group \(unit.split(separator: "/").last ?? ""))"
        if needed > Double(open) {
          findings.append("\(unitName) has \(format(needed)) lesson periods a week but its shift holds only \(open).")
          break
        } else if needed > Double(byDay) {
          findings.append("\(unitName) has \(format(needed)) lesson periods a week but at most \(schoolClass.maxLessonsPerDay) a day over \(days) days allows only \(byDay).")
          break
        }
      }
    }
    // Rooms of a kind: lessons whose choice is the same set of rooms.
    var byRoomSet: [[RoomID]: [Lesson]] = [:]
    for lesson in problem.lessons {
      for requirement in lesson.rooms { byRoomSet[requirement.allowed.sorted(), default: []].append(lesson) }
    }
    let roomByID = Dictionary(problem.rooms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for (rooms, lessons) in byRoomSet.sorted(by: { $0.key.joined() < $1.key.joined() }) {
      // Lessons allowed in a subset of these rooms also use them.
      let users = byRoomSet.filter { Set($0.key).isSubset(of: Set(rooms)) }.flatMap(\.value)
      let needed = weeklyPeriods(users)
      let open = rooms.reduce(0) { $0 + days * periods - (roomByID[$1]?.unavailable.count ?? 0) }
      let shiftPeriods = Set(users.flatMap { $0.classes }.compactMap { classByID[$0] }.flatMap { Array($0.firstPeriod...$0.lastPeriod) })
      let usable = min(open, rooms.count * days * max(shiftPeriods.count, 1))
      if needed > Double(usable) {
        let names = rooms.compactMap { roomByID[$0]?.name }
        findings.append(
          "Lessons that need \(names.count == 1 ? "the room \(names[0])" : "one of the rooms \(names.joined(separator: ", "))") take \(format(needed)) periods a week, but \(names.count == 1 ? "it is" : "they are") free for only \(usable): add a room of that kind or move some lessons (e.g. \(describe(lessons[0]))).")
      }
      if rooms.isEmpty {
        findings.append("\(describe(lessons[0])) needs a room but no room of its kind seats its \(lessons[0].size) students.")
      }
    }
    // Lessons with nowhere to go (streams whose classes never meet, availability).
    for lesson in problem.lessons {
      let classes = lesson.classes.compactMap { classByID[$0] }
      guard !classes.isEmpty else { continue }
      let first = classes.map(\.firstPeriod).max()!
      let last = classes.map(\.lastPeriod).min()!
      if last - first + 1 < lesson.duration {
        findings.append(
          lesson.classes.count > 1
            ? "The stream \(describe(lesson)) cannot meet: its classes study in different parts of the day."
            : "\(describe(lesson)) is \(lesson.duration) periods long but its shift has only \(last - first + 1).")
      }
    }
    return findings
  }

  /// Sentences about the lessons still in trouble after a solve.
  static func afterSolve(state: SearchState) -> [String] {
    let model = state.model
    let problem = model.problem
    let subjectName = Dictionary(problem.subjects.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    func describe(_ lesson: Int) -> String {
      let l = problem.lessons[lesson]
      var classes = model.classesOf[lesson].map { model.classNames[Int($0)] }.joined(separator: "+")
      if classes.isEmpty { classes = l.students.joined(separator: "+") }
      if classes.isEmpty { classes = "lesson \(l.id):" }
      let group = l.group == "whole" || l.group.isEmpty ? "" : " (\(l.group))"
      let teachers = l.teachers.isEmpty ? "" : ", " + model.teachers[lesson].map { problem.teachers[Int($0)].name }.joined(separator: ", ")
      return "\(classes) \(subjectName[l.subject] ?? l.subject)\(group)\(teachers)"
    }
    func when(_ slot: Int) -> String { "\(problem.dayNames[slot / model.periods]) \(slot % model.periods + 1)" }
    var findings: [String] = []
    // Rules of a class's or a teacher's day or week are told with the first lesson that breaks them.
    var told: [SearchState.BrokenRule] = []
    for b in model.blockLessons.indices {
      let lesson = Int(model.blockLessons[b][0])
      let slot = Int(state.start[b])
      if slot < 0 {
        findings.append("\(describe(lesson)) could not be placed: \(model.domain[b].isEmpty ? "no period of its shift is free for all its teachers, classes and rooms" : "every possible period clashes with other lessons").")
        continue
      }
      guard state.isTroubled(b) else { continue }
      var parts: [String] = []
      let others = state.conflictingBlocks(b, at: slot).filter { $0 > b }
      if !others.isEmpty { parts.append("clashes with " + others.map { describe(Int(model.blockLessons[$0][0])) }.joined(separator: "; ")) }
      for l in model.blockLessons[b].map(Int.init) {
        // A lesson held with the first one (at the same time) is named before what it breaks.
        let subject = l == lesson ? "" : describe(l) + " "
        for r in state.chosenRooms[l] where r >= 0 {
          var holders: [Int] = []
          for q in 0..<model.duration[l] where state.load(resource: Int(r), slot: slot + q) > 1 {
            state.collectHolders(resource: Int(r), slot: slot + q, parity: model.parity[l], except: b, into: &holders)
          }
          let later = Array(Set(holders.filter { $0 > b })).sorted()
          guard !later.isEmpty else { continue }
          let room = problem.rooms[Int(r) - model.teacherCount - model.unitCount].name
          parts.append(subject + "shares the room \(room) with " + later.map { describe(Int(model.blockLessons[$0][0])) }.joined(separator: "; "))
        }
        for rule in state.brokenHardRules(lesson: l) {
          switch rule {
          case .classDay, .resourceRule:
            if told.contains(rule) { continue }
            told.append(rule)
          default: break
          }
          // Units of one group of students break their rules alike: the words are told once.
          if let words = explain(rule, lesson: l, state: state, describe: describe, when: when), !parts.contains(subject + words) {
            parts.append(subject + words)
          }
        }
      }
      // A clash is told once, with the first of its lessons.
      guard !parts.isEmpty else { continue }
      findings.append("\(describe(lesson)) at \(when(slot)) \(parts.joined(separator: ", and ")).")
    }
    return findings
  }

  /// The words for a broken hard rule of a lesson, after the lesson and its time: "is fewer than
  /// 2 days from …", "breaks a hard rule of teacher X: …". A rule between lessons is told once,
  /// with the first lesson of each pair; nil when this lesson is not the one to tell it.
  static func explain(
    _ rule: SearchState.BrokenRule, lesson: Int, state: SearchState, describe: (Int) -> String, when: (Int) -> String
  ) -> String? {
    let model = state.model
    let problem = model.problem
    let P = model.periods
    func start(_ l: Int) -> Int { Int(state.start[Int(model.blockOf[l])]) }
    let slot = start(lesson)
    let dayName = problem.dayNames[slot / P]
    func placedOthers(_ lessons: [Int32]) -> [Int] { lessons.map(Int.init).filter { $0 != lesson && start($0) >= 0 } }
    func list(_ lessons: [Int]) -> String { lessons.map { "\(describe($0)) at \(when(start($0)))" }.joined(separator: "; ") }
    /// The later lessons of a pair rule that this one breaks it with, or nil when there are none.
    func pairs(_ lessons: [Int]) -> String? {
      let later = lessons.filter { $0 > lesson }
      return later.isEmpty ? nil : list(later)
    }
    switch rule {
    case .classDay(let c, _, let gapsOrLate, let overMax):
      var what: [String] = []
      if gapsOrLate { what.append("a gap or a late start") }
      if overMax { what.append("more than \(count(model.classMax[c], "lesson"))") }
      let rule = "breaks a hard rule of class \(model.classNames[c])'s day"
      return what.isEmpty ? "\(rule) on \(dayName)" : "\(rule): \(what.joined(separator: " and ")) on \(dayName)"
    case .lessonsPerDay(let g):
      let group = model.dailyGroups[g]
      let sameDay = placedOthers(group.lessons).filter { start($0) / P == slot / P }
      guard sameDay.count + 1 > group.max, sameDay.allSatisfy({ $0 > lesson }) else { return nil }
      return "is one of \(sameDay.count + 1) such lessons on \(dayName), where at most \(group.max) a day are allowed (also \(list(sameDay)))"
    case .groupRule(let g):
      let group = model.groupRules[g]
      let others = placedOthers(group.lessons)
      switch group.kind {
      case .minDays(let least, _):
        guard let near = pairs(others.filter { abs(start($0) / P - slot / P) < least }) else { return nil }
        return "is fewer than \(count(least, "day")) from \(near), which a rule of days between them forbids"
      case .sameStart:
        guard let apart = pairs(others.filter { start($0) != slot }) else { return nil }
        return "must start together with \(apart)"
      case .notOverlapping:
        let end = slot + model.duration[lesson]
        guard let overlapping = pairs(others.filter { start($0) < end && slot < start($0) + model.duration[$0] }) else { return nil }
        return "overlaps \(overlapping), which must not overlap it"
      case .consecutiveIfSameDay:
        let apart = others.filter {
          start($0) / P == slot / P && start($0) != slot + model.duration[lesson] && slot != start($0) + model.duration[$0]
        }
        guard let sameDay = pairs(apart) else { return nil }
        return "is on the same day as \(sameDay) without being next to it"
      case .consecutive:
        // The rule's first lesson must come right before its second.
        guard group.lessons.first.map(Int.init) == lesson, let next = group.lessons.dropFirst().first.map(Int.init), start(next) >= 0 else { return nil }
        return "must come right before \(list([next]))"
      case .grouped:
        guard let rest = pairs(others) else { return nil }
        return "must form one block with \(rest)"
      case .occupyMax(_, let most):
        return "is one of too many lessons of its group in the chosen periods (at most \(most))"
      case .preferredRooms:
        return "is not in one of the rooms it must have"
      }
    case .endsDay:
      return "must end its students' day, but they have lessons after it"
    case .resourceRule(let r, _, let kind):
      let who = r < model.teacherCount ? "teacher \(problem.teachers[r].name)" : "its students"
      let what: String
      switch kind {
      case .maxGapsPerWeek(let n): what = n == 0 ? "a gap in the week" : "more than \(count(n, "gap")) a week"
      case .maxGapsPerDay(let n): what = n == 0 ? "a gap on \(dayName)" : "more than \(count(n, "gap")) on \(dayName)"
      case .earlyBeginnings(let n):
        what = "a day that starts after the second period, or " + (n == 0 ? "one that starts at it" : "more than \(count(n, "day")) that start at it")
      case .maxHoursDaily(let n): what = "more than \(count(n, "lesson")) on \(dayName)"
      case .minHoursDaily(let n, _): what = "fewer than \(count(n, "lesson")) on \(dayName)"
      case .maxHoursContinuously(let n): what = "more than \(count(n, "lesson")) in a row on \(dayName)"
      case .maxDaysPerWeek(let n): what = "more than \(count(n, "working day")) a week"
      case .minDaysPerWeek(let n): what = "fewer than \(count(n, "working day")) a week"
      }
      return "breaks a hard rule of \(who): \(what)"
    }
  }

  /// "1 lesson", "2 lessons".
  static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

  static func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}
