// SearchState: breakout weights, the extra hard units that persistent violations cost the
// search (never the true cost).

extension SearchState {
  /// Makes every clash and broken group rule of the timetable as it is cost one hard unit more
  /// from now on (breakout): violations the search keeps coming back to grow dearer than those
  /// around them, and it leaves the basin they hold it in. With `dayRules`, so do the broken hard
  /// rules of each class day and of each teacher's and unit's day and week (gaps, hours a day,
  /// days a week).
  func raiseBreakoutWeights(dayRules: Bool = false) {
    for index in occupancy.indices where occupancy[index] >= 2 {
      cellExtra[index] += 1
      penalty += Int(occupancy[index]) - 1
    }
    penalty += Self.raise(&ruleExtra, where: ruleCost)
    if endsDayDistance { penalty += Self.raise(&endsDayExtra, where: endsDayCost) }
    guard dayRules else { return }
    penalty += Self.raise(&classDayExtra, where: classDayCost)
    penalty += Self.raise(&resourceDayExtra, where: resourceDayCost)
    penalty += Self.raise(&resourceWeekExtra, where: resourceWeekCost)
  }

  /// Raises by one the weight of each cost with hard units; returns the penalty that adds.
  private static func raise(_ extra: inout [Int32], where costs: [Cost]) -> Int {
    var added = 0
    for index in costs.indices where costs[index].hard > 0 {
      extra[index] += 1
      added += costs[index].hard
    }
    return added
  }

  /// Back to every violation costing its hard units alone (and each implied rule its units).
  func clearBreakoutWeights() {
    for index in cellExtra.indices { cellExtra[index] = 0 }
    for g in ruleExtra.indices { ruleExtra[g] = 0 }
    for index in classDayExtra.indices { classDayExtra[index] = 0 }
    for index in resourceDayExtra.indices { resourceDayExtra[index] = 0 }
    for r in resourceWeekExtra.indices { resourceWeekExtra[r] = 0 }
    for l in endsDayExtra.indices { endsDayExtra[l] = 0 }
    // What implied rules show the search stays, and how far days run past lessons that must end them.
    penalty = 0
    for g in ruleCost.indices where model.groupRules[g].implied { penalty += ruleCost[g].hard }
    for l in endsDayBeyond.indices { penalty += Int(endsDayBeyond[l]) }
  }
}
