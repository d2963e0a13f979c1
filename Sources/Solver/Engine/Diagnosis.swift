import Planner

/// Explains, in sentences a deputy director understands, why a timetable was not built: after a
/// solve, the lessons left in trouble and what blocks each. (What counting alone finds before a
/// solve is the Planner's: `DemandCapacity.issues(in:)`.)
public enum Diagnosis {
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
      let teachers =
        l.teachers.isEmpty
        ? "" : ", " + model.teachers[lesson].map { problem.teachers[Int($0)].name }.joined(separator: ", ")
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
        findings.append(
          "\(describe(lesson)) could not be placed: \(model.domain[b].isEmpty ? "no period of its shift is free for all its teachers, classes and rooms" : "every possible period clashes with other lessons")."
        )
        continue
      }
      guard state.isTroubled(b) else { continue }
      var parts: [String] = []
      let others = state.conflictingBlocks(b, at: slot).filter { $0 > b }
      if !others.isEmpty {
        parts.append("clashes with " + others.map { describe(Int(model.blockLessons[$0][0])) }.joined(separator: "; "))
      }
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
          parts.append(
            subject + "shares the room \(room) with "
              + later.map { describe(Int(model.blockLessons[$0][0])) }.joined(separator: "; "))
        }
        for rule in state.brokenHardRules(lesson: l) {
          switch rule {
          case .classDay, .resourceRule:
            if told.contains(rule) { continue }
            told.append(rule)
          default: break
          }
          // Units of one group of students break their rules alike: the words are told once.
          if let words = explain(rule, lesson: l, state: state, describe: describe, when: when),
            !parts.contains(subject + words)
          {
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
    func list(_ lessons: [Int]) -> String {
      lessons.map { "\(describe($0)) at \(when(start($0)))" }.joined(separator: "; ")
    }
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
      return
        "is one of \(sameDay.count + 1) such lessons on \(dayName), where at most \(group.max) a day are allowed (also \(list(sameDay)))"
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
        guard let overlapping = pairs(others.filter { start($0) < end && slot < start($0) + model.duration[$0] }) else {
          return nil
        }
        return "overlaps \(overlapping), which must not overlap it"
      case .consecutiveIfSameDay:
        let apart = others.filter {
          start($0) / P == slot / P && start($0) != slot + model.duration[lesson]
            && slot != start($0) + model.duration[$0]
        }
        guard let sameDay = pairs(apart) else { return nil }
        return "is on the same day as \(sameDay) without being next to it"
      case .consecutive:
        // The rule's first lesson must come right before its second.
        guard group.lessons.first.map(Int.init) == lesson, let next = group.lessons.dropFirst().first.map(Int.init),
          start(next) >= 0
        else { return nil }
        return "must come right before \(list([next]))"
      case .grouped:
        guard let rest = pairs(others) else { return nil }
        return "must form one block with \(rest)"
      case .occupyMax(_, let most):
        return "is one of too many lessons of its group in the chosen periods (at most \(most))"
      case .preferredRooms:
        return "is not in one of the rooms it must have"
      case .sameDay, .samePeriod, .minGaps, .maxDays, .ordered, .maxSimultaneous, .maxRooms, .sameRoomIfConsecutive:
        return activityRuleWords(
          group, lesson: lesson, slot: slot, others: others, duration: model.duration, periods: P, start: start,
          pairs: pairs, list: list)
      case .tagMaxDaily(let most):
        return "is one of too many lessons of one activity tag on its day (at most \(count(most, "period")))"
      case .tagMaxContinuously(let most):
        return "is one of too many lessons of one activity tag in a row (at most \(count(most, "period")))"
      case .tagPairGaps(_, let least):
        return "follows a lesson of the tag it must come \(count(least, "period")) after too closely"
      case .buildings(_, _, .perDay(let most)):
        return "changes building too often on its day (at most \(count(most, "change")))"
      case .buildings(_, _, .perWeek(let most)):
        return "changes building too often in the week (at most \(count(most, "change")))"
      case .buildings(_, _, .minGaps(let least)):
        return "comes after a change of building with fewer than \(count(least, "free period")) before it"
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
        what =
          "a day that starts after the second period, or "
          + (n == 0 ? "one that starts at it" : "more than \(count(n, "day")) that start at it")
      case .maxHoursDaily(let n): what = "more than \(count(n, "lesson")) on \(dayName)"
      case .minHoursDaily(let n, _): what = "fewer than \(count(n, "lesson")) on \(dayName)"
      case .maxHoursContinuously(let n): what = "more than \(count(n, "lesson")) in a row on \(dayName)"
      case .maxDaysPerWeek(let n): what = "more than \(count(n, "working day")) a week"
      case .minDaysPerWeek(let n): what = "fewer than \(count(n, "working day")) a week"
      case .intervalMaxDays(_, let n): what = "lessons in the limited periods on more than \(count(n, "day")) a week"
      case .maxSpan(let n, let plusOne):
        what = "a day spanning more than \(count(n, "period"))" + (plusOne ? " (one day \(n + 1))" : "")
      case .minRestingHours(let n, _, _): what = "fewer than \(count(n, "free period")) between two days"
      }
      return "breaks a hard rule of \(who): \(what)"
    }
  }

  /// The words for a broken hard rule of FET's activity constraints, as `explain` tells them.
  static func activityRuleWords(
    _ group: GroupRule, lesson: Int, slot: Int, others: [Int], duration: [Int], periods P: Int, start: (Int) -> Int,
    pairs: ([Int]) -> String?, list: ([Int]) -> String
  ) -> String? {
    switch group.kind {
    case .sameDay:
      guard let apart = pairs(others.filter { start($0) / P != slot / P }) else { return nil }
      return "must start on the same day as \(apart)"
    case .samePeriod:
      guard let apart = pairs(others.filter { start($0) % P != slot % P }) else { return nil }
      return "must start at the same period as \(apart)"
    case .minGaps(let least):
      let near = others.filter {
        start($0) / P == slot / P
          && (start($0) < slot + duration[lesson] + least && slot < start($0) + duration[$0] + least)
      }
      guard let close = pairs(near) else { return nil }
      return "is fewer than \(count(least, "free period")) from \(close) on its day"
    case .maxDays(let most):
      guard let far = pairs(others.filter { abs(start($0) / P - slot / P) > most }) else { return nil }
      return "is more than \(count(most, "day")) from \(far), which a rule of days between them forbids"
    case .ordered:
      guard group.lessons.first.map(Int.init) == lesson, let next = group.lessons.dropFirst().first.map(Int.init),
        start(next) >= 0
      else { return nil }
      return "must end before \(list([next])) starts"
    case .maxSimultaneous(_, let most):
      return "is one of more than \(count(most, "lesson")) of its group held at once in the chosen periods"
    case .maxRooms(let most):
      return "is one of lessons that use more than \(count(most, "room")) between them"
    case .sameRoomIfConsecutive:
      return "is right before or after a lesson of its group in another room"
    default:
      return nil
    }
  }

  /// "1 lesson", "2 lessons".
  static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
