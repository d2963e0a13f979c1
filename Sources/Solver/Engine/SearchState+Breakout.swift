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
    for g in ruleCost.indices where ruleCost[g].hard > 0 {
      ruleExtra[g] += 1
      penalty += ruleCost[g].hard
    }
    guard dayRules else { return }
    for index in classDayCost.indices where classDayCost[index].hard > 0 {
      classDayExtra[index] += 1
      penalty += classDayCost[index].hard
    }
    for index in resourceDayCost.indices where resourceDayCost[index].hard > 0 {
      resourceDayExtra[index] += 1
      penalty += resourceDayCost[index].hard
    }
    for r in resourceWeekCost.indices where resourceWeekCost[r].hard > 0 {
      resourceWeekExtra[r] += 1
      penalty += resourceWeekCost[r].hard
    }
  }

  /// Back to every violation costing its hard units alone (and each implied rule its units).
  func clearBreakoutWeights() {
    for index in cellExtra.indices { cellExtra[index] = 0 }
    for g in ruleExtra.indices { ruleExtra[g] = 0 }
    for index in classDayExtra.indices { classDayExtra[index] = 0 }
    for index in resourceDayExtra.indices { resourceDayExtra[index] = 0 }
    for r in resourceWeekExtra.indices { resourceWeekExtra[r] = 0 }
    // What implied rules show the search stays.
    penalty = 0
    for g in ruleCost.indices where model.groupRules[g].implied { penalty += ruleCost[g].hard }
  }
}
