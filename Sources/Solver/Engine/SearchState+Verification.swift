// SearchState: every cost and penalty recomputed from scratch, to check the incremental upkeep
// (tests) and for the perturbation cost of a re-solve.

extension SearchState {
  /// Recomputes every cost from scratch (for checks in tests and after bulk changes).
  func recomputedCost() -> Cost {
    var total = Cost(hard: unplacedWeight * unplaced + clashes, soft: 0)
    for c in 0..<model.classCount { for d in 0..<D { total += computeClassDay(c, d) } }
    for t in 0..<model.teacherCount { for d in 0..<D { total += computeTeacherDay(t, d) } }
    if model.studentGapWeight > 0 { for u in 0..<model.unitCount { for d in 0..<D { total += computeUnitDay(u, d) } } }
    for g in model.dailyGroups.indices { total += computeGroup(g) }
    for g in model.spreadGroups.indices { total += computeSpread(g) }
    for g in model.groupRules.indices where !model.groupRules[g].implied { total += computeRule(g) }
    for r in 0..<(model.teacherCount + model.unitCount) where !model.resourceRules[r].isEmpty {
      for d in 0..<D { total += computeResourceDay(r, d) }
      total += computeResourceWeekFromMasks(r)
    }
    for l in 0..<model.lessonIDs.count where !model.endsDayWeight[l].isOff { total += computeEndsDay(l) }
    for b in start.indices where start[b] >= 0 {
      for l in model.blockLessons[b] where !model.startPenalty[Int(l)].isEmpty {
        total.soft += Int(model.startPenalty[Int(l)][Int(start[b])])
      }
    }
    total.soft += perturbationCostNow
    return total
  }

  /// The breakout weights' extra units and the implied rules' units, counted afresh (for tests
  /// of `penalty`).
  func recomputedPenalty() -> Int {
    var total = 0
    for index in occupancy.indices where occupancy[index] >= 2 {
      total += Int(cellExtra[index]) * (Int(occupancy[index]) - 1)
    }
    for g in model.groupRules.indices {
      let implied = model.groupRules[g].implied ? 1 : 0
      total += (Int(ruleExtra[g]) + implied) * computeRule(g).hard
    }
    for c in 0..<model.classCount {
      for d in 0..<D { total += Int(classDayExtra[c * D + d]) * computeClassDay(c, d).hard }
    }
    for r in 0..<(model.teacherCount + model.unitCount) where !model.resourceRules[r].isEmpty {
      for d in 0..<D { total += Int(resourceDayExtra[r * D + d]) * computeResourceDay(r, d).hard }
      total += Int(resourceWeekExtra[r]) * computeResourceWeekFromMasks(r).hard
    }
    for l in 0..<model.lessonIDs.count where !model.endsDayWeight[l].isOff {
      let after = periodsAfter(l)
      let violation = endsDayViolation(l, periodsAfter: after)
      total += Int(endsDayExtra[l]) * violation.hard + endsDayDistanceUnits(violation, periodsAfter: after)
    }
    return total
  }

  /// The shadow of the maximum of days, counted afresh (for tests of `shadow`).
  func recomputedShadow() -> Int {
    var total = 0
    for r in model.hardMaxDays.indices where model.hardMaxDays[r] != Int.max { total += computeDaysShadow(r) }
    return total
  }

  /// The weekly rules' cost computed from the masks (for checks of the running sums).
  func computeResourceWeekFromMasks(_ r: Int) -> Cost {
    let rules = model.weeklyResourceRules[r]
    guard !rules.isEmpty else { return .zero }
    let masks = (0..<D).map { resourceMask(r, $0) }
    let excused = (0..<D).map { model.excused[r * D + $0] }
    let lessons = model.lessons(ofResource: r)
    var total = Cost.zero
    for rule in rules {
      total += weighted(rule.weekUnits(masks: masks, excused: excused, busyAtAll: !lessons.isEmpty), rule.weight)
    }
    return total
  }

  var perturbationCostNow: Int {
    guard let previousStart else { return 0 }
    return start.indices.filter { start[$0] >= 0 && previousStart[$0] >= 0 && start[$0] != previousStart[$0] }.count
      * perturbationWeight
  }
}
