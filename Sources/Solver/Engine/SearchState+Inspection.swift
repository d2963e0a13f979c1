// SearchState: what the search and the report after a solve ask of a timetable — lessons in
// trouble, lessons too close, the hard rules a lesson breaks, strong soft violations, cost by part.

extension SearchState {
  /// Whether a block is involved in a hard violation: a clash, or a hard rule of its class day.
  func isTroubled(_ block: Int) -> Bool {
    let s = Int(start[block])
    guard s >= 0 else { return true }
    for l in model.blockLessons[block] {
      let lesson = Int(l)
      let parity = model.parity[lesson]
      for q in 0..<model.duration[lesson] {
        for r in model.fixedResources[lesson] {
          for k in 0..<2 where parity & (1 << k) != 0 && occupancy[cell(Int(r), s + q, k)] > 1 { return true }
        }
        for r in chosenRooms[lesson] where r >= 0 {
          for k in 0..<2 where parity & (1 << k) != 0 && occupancy[cell(Int(r), s + q, k)] > 1 { return true }
        }
      }
      for c in model.classesOf[lesson] where classDayCost[Int(c) * D + s / P].hard > 0 { return true }
      for g in model.groupsOfLesson[lesson] where groupCost[Int(g)].hard > 0 { return true }
      for g in model.groupRulesOfLesson[lesson] where ruleCost[Int(g)].hard > 0 { return true }
      if endsDayCost[lesson].hard > 0 { return true }
      if model.hasResourceRules {
        for r in model.teachers[lesson] + model.units[lesson] where !model.resourceRules[Int(r)].isEmpty {
          if resourceDayCost[Int(r) * D + s / P].hard > 0 || resourceWeekCost[Int(r)].hard > 0 { return true }
        }
      }
    }
    return false
  }

  /// The movable placed blocks that a block on a day would be too close to under hard rules of
  /// days between lessons, and how many pairs of lessons would be too close.
  func tooClose(_ block: Int, onDay day: Int) -> (blocks: [Int], pairs: Int) {
    var blocks: [Int] = []
    var pairs = 0
    forEachPartnerApart(of: block) { b, minDays in
      guard !model.locked[b], abs(Int(start[b]) / P - day) < minDays else { return }
      pairs += 1
      if !blocks.contains(b) { blocks.append(b) }
    }
    return (blocks, pairs)
  }

  /// Calls `body` with each other placed block of a hard rule of days between lessons that one of
  /// the block's lessons is in, with the rule's days: once for each such rule and lesson of it.
  func forEachPartnerApart(of block: Int, _ body: (_ partner: Int, _ minDays: Int) -> Void) {
    for l in model.blockLessons[block] {
      for g in model.groupRulesOfLesson[Int(l)] {
        let rule = model.groupRules[Int(g)]
        guard rule.weight.hard, case .minDays(let minDays, _) = rule.kind else { continue }
        for other in rule.lessons {
          let b = Int(model.blockOf[Int(other)])
          if b != block, start[b] >= 0 { body(b, minDays) }
        }
      }
    }
  }

  /// For a block placed on a day: the movable blocks of the lightest other working day of each of
  /// its teachers and units that the day would take over a hard maximum of days, and how many
  /// such resources there are (FET empties a day the same way). A day with a locked lesson is
  /// not emptied.
  func dayToFree(_ block: Int, onDay day: Int) -> (blocks: [Int], resources: Int) {
    var blocks: [Int] = []
    var resources = 0
    for l in model.blockLessons[block] {
      for r in model.teachers[Int(l)] + model.units[Int(l)] {
        let max = model.hardMaxDays[Int(r)]
        guard max != Int.max, resourceMask(Int(r), day) == 0 else { continue }
        let lessons = model.lessons(ofResource: Int(r))
        var byDay = Array(repeating: [Int](), count: D)
        var fixed: UInt32 = 0
        for other in lessons {
          let b = Int(model.blockOf[Int(other)])
          guard b != block, start[b] >= 0 else { continue }
          let d = Int(start[b]) / P
          if model.locked[b] { fixed |= 1 << UInt32(d) }
          if !byDay[d].contains(b) { byDay[d].append(b) }
        }
        guard byDay.filter({ !$0.isEmpty }).count >= max else { continue }
        let lightest = (0..<D).filter { !byDay[$0].isEmpty && fixed & (1 << UInt32($0)) == 0 }
          .min { byDay[$0].count < byDay[$1].count }
        guard let lightest else { continue }
        resources += 1
        for b in byDay[lightest] where !blocks.contains(b) { blocks.append(b) }
      }
    }
    return (blocks, resources)
  }

  /// A hard rule a placed lesson breaks, other than a clash: what the report after a solve names.
  enum BrokenRule: Equatable {
    /// Its class's day on `day`: a gap or a late start under a compact-day rule, or more lessons
    /// than the class may have a day.
    case classDay(class: Int, day: Int, gapsOrLateStart: Bool, overMax: Bool)
    /// More lessons of its daily group (lessons of one subject, at most so many a day) on a day.
    case lessonsPerDay(group: Int)
    /// A rule on a group of lessons: days between them, the same start, not overlapping and the like.
    case groupRule(Int)
    /// It should end its students' day and does not.
    case endsDay
    /// A hard rule on one of its teachers (a resource below `teacherCount`) or student units, on
    /// the lesson's day (nil for a rule on the week).
    case resourceRule(resource: Int, day: Int?, ResourceRule.Kind)
  }

  /// The hard rules other than clashes that a placed lesson breaks (empty when it is not placed).
  func brokenHardRules(lesson: Int) -> [BrokenRule] {
    let s = Int(start[Int(model.blockOf[lesson])])
    guard s >= 0 else { return [] }
    let day = s / P
    var result: [BrokenRule] = []
    for c in model.classesOf[lesson].map(Int.init) where classDayCost[c * D + day].hard > 0 {
      let mask = classMask(c, day)
      let gapsOrLate = model.compactWeight[c].hard && compactUnits(c, mask) > 0
      let overMax = model.classMaxWeight[c].hard && mask.nonzeroBitCount > model.classMax[c]
      result.append(.classDay(class: c, day: day, gapsOrLateStart: gapsOrLate, overMax: overMax))
    }
    for g in model.groupsOfLesson[lesson] where groupCost[Int(g)].hard > 0 {
      result.append(.lessonsPerDay(group: Int(g)))
    }
    for g in model.groupRulesOfLesson[lesson] where ruleCost[Int(g)].hard > 0 && !model.groupRules[Int(g)].implied {
      result.append(.groupRule(Int(g)))
    }
    if endsDayCost[lesson].hard > 0 { result.append(.endsDay) }
    for r in (model.teachers[lesson] + model.units[lesson]).map(Int.init) {
      let excused = (0..<D).map { model.excused[r * D + $0] }
      let masks = (0..<D).map { resourceMask(r, $0) }
      for rule in model.resourceRules[r] where rule.weight.hard {
        let units =
          rule.isWeekly
          ? rule.weekUnits(masks: masks, excused: excused, busyAtAll: true)
          : rule.dayUnits(mask: masks[day], excused: excused[day])
        if units > 0 { result.append(.resourceRule(resource: r, day: rule.isWeekly ? nil : day, rule.kind)) }
      }
    }
    return result
  }

  /// Violations of soft rules of at least a weight (FET's near-hard 95% rules): lesson-group
  /// rules, rules on teachers and units, and ends of days.
  func strongSoftViolations(minimumWeight: Int) -> Int {
    var count = 0
    for (g, rule) in model.groupRules.enumerated() where !rule.weight.hard && rule.weight.soft >= minimumWeight {
      count += computeRule(g).soft / max(rule.weight.soft, 1)
    }
    for r in 0..<(model.teacherCount + model.unitCount) {
      for rule in model.resourceRules[r] where !rule.weight.hard && rule.weight.soft >= minimumWeight {
        if rule.usesMasks && rule.isWeekly {
          count += rule.weekUnits(masks: (0..<D).map { resourceMask(r, $0) }, excused: [], busyAtAll: true)
        } else if rule.isWeekly {
          count += rule.weekUnits(weekStats[r], busyAtAll: true)
        } else {
          for d in 0..<D { count += rule.dayUnits(mask: resourceMask(r, d), excused: model.excused[r * D + d]) }
        }
      }
    }
    for l in 0..<model.lessonIDs.count
    where !model.endsDayWeight[l].hard && model.endsDayWeight[l].soft >= minimumWeight {
      count += computeEndsDay(l).soft > 0 ? 1 : 0
    }
    return count
  }

  /// Whether a teacher's weekly rules (days, gaps in the week) are broken as hard rules.
  func teacherWeekInTrouble(_ t: Int) -> Bool { resourceWeekCost[t].hard > 0 }

  /// Cost by part, for debugging the search: class days, teacher days, unit days, groups, spreads,
  /// clashes, teachers' and units' rules a day and a week, and rules on lessons by kind.
  func breakdown() -> [String: Cost] {
    var parts: [String: Cost] = [:]
    for c in 0..<model.classCount { for d in 0..<D { parts["classDay", default: .zero] += computeClassDay(c, d) } }
    for t in 0..<model.teacherCount {
      for d in 0..<D {
        let mask = resourceMask(t, d)
        parts["teacherGaps", default: .zero].soft += SearchState.gaps(mask) * model.teacherGapWeight
        let wish = model.teacherMax[t]
        if wish.weight > 0 {
          parts["teacherMax", default: .zero].soft += max(0, mask.nonzeroBitCount - wish.max) * wish.weight
        }
        parts["teacherDay", default: .zero] += computeTeacherDay(t, d)
      }
    }
    for u in 0..<model.unitCount { for d in 0..<D { parts["unitDay", default: .zero] += computeUnitDay(u, d) } }
    for g in model.dailyGroups.indices { parts["group", default: .zero] += computeGroup(g) }
    for g in model.spreadGroups.indices { parts["spread", default: .zero] += computeSpread(g) }
    parts["clash", default: .zero].hard += clashes
    for r in model.dailyResourceRules.indices {
      for d in 0..<D { parts["resourceDay", default: .zero] += computeResourceDay(r, d) }
    }
    for r in model.weeklyResourceRules.indices { parts["resourceWeek", default: .zero] += computeResourceWeek(r) }
    for g in model.groupRules.indices {
      let kind = String(describing: model.groupRules[g].kind).prefix { $0 != "(" }
      parts["rule.\(kind)", default: .zero] += computeRule(g)
    }
    return parts
  }
}
