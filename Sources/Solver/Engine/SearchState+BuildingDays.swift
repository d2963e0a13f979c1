// SearchState: the rules on a teacher's or unit's buildings, priced day by day. Each day's
// changes of building depend on that day's lessons only, so a move prices again the days it
// touches and sums the week from what each day last came to.

extension SearchState {
  /// A building rule's value on one day: for a daily maximum the changes beyond it, for a weekly
  /// maximum the changes, for free periods between changes the changes with too few.
  func buildingDayValue(_ g: Int, day d: Int) -> Int32 {
    let rule = model.groupRules[g]
    guard case .buildings(let resource, let buildingOfRoom, let limit) = rule.kind else { return 0 }
    let r = Int(resource)
    // Each lesson of the day as one integer, slot × lessons + lesson, so that sorting integers
    // orders them by slot, then lesson; its building noted by lesson.
    let L = model.lessonIDs.count
    if scratchBuildingOf.count != L { scratchBuildingOf = Array(repeating: -1, count: L) }
    scratchBuildings.removeAll(keepingCapacity: true)
    let first = d * P
    for l in rule.lessons {
      let slot = Int(start[Int(model.blockOf[Int(l)])])
      guard slot >= first, slot < first + P, let building = building(of: Int(l), resource: r, buildingOfRoom) else {
        continue
      }
      scratchBuildings.append(slot * L + Int(l))
      scratchBuildingOf[Int(l)] = building
    }
    guard scratchBuildings.count > 1 else { return 0 }
    scratchBuildings.sort()
    var changes = 0
    var tooClose = 0
    for k in 1..<scratchBuildings.count {
      let a = (slot: scratchBuildings[k - 1] / L, lesson: scratchBuildings[k - 1] % L)
      let b = (slot: scratchBuildings[k] / L, lesson: scratchBuildings[k] % L)
      guard scratchBuildingOf[a.lesson] != scratchBuildingOf[b.lesson] else { continue }
      changes += 1
      guard case .minGaps(let least) = limit else { continue }
      let end = a.slot % P + model.duration[a.lesson]
      let start = b.slot % P
      guard end < start else {
        if least > 0 { tooClose += 1 }
        continue
      }
      let between = (UInt32(1) << UInt32(start) - 1) & ~(UInt32(1) << UInt32(end) - 1)
      if (between & ~resourceMask(r, d)).nonzeroBitCount < least { tooClose += 1 }
    }
    switch limit {
    case .perDay(let most): return Int32(max(0, changes - most))
    case .perWeek: return Int32(changes)
    case .minGaps: return Int32(tooClose)
    }
  }

  /// A building rule's units from its days' values.
  func buildingUnits(_ limit: GroupRule.BuildingRuleLimit, days: some Collection<Int32>) -> Int {
    let total = days.reduce(0) { $0 + Int($1) }
    if case .perWeek(let most) = limit { return max(0, total - most) }
    return total
  }

  /// Prices a building rule again on one day, from the values its other days last came to.
  func computeBuildingRule(_ g: Int, day d: Int) -> Cost {
    let rule = model.groupRules[g]
    guard case .buildings(_, _, let limit) = rule.kind else { return computeRule(g) }
    let row = Int(buildingRow[g]) * D
    let value = buildingDayValue(g, day: d)
    if trial { journal.append(.buildingDay(row + d, buildingDays[row + d])) }
    buildingDays[row + d] = value
    return weighted(buildingUnits(limit, days: buildingDays[row..<(row + D)]), rule.weight)
  }

  /// Where each group rule's days are kept in `buildingDays`: its row, -1 for a rule on anything
  /// but buildings.
  static func buildingRuleRows(_ model: TimetableModel) -> [Int32] {
    var next: Int32 = 0
    return model.groupRules.map { rule in
      guard case .buildings = rule.kind else { return -1 }
      next += 1
      return next - 1
    }
  }
}
