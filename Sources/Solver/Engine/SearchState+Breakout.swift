// SearchState: breakout weights, the extra hard units that persistent violations cost the
// search (never the true cost).

extension SearchState {
  /// Makes every clash and broken group rule of the timetable as it is cost one hard unit more
  /// from now on (breakout): violations the search keeps coming back to grow dearer than those
  /// around them, and it leaves the basin they hold it in.
  func raiseBreakoutWeights() {
    for index in occupancy.indices where occupancy[index] >= 2 {
      cellExtra[index] += 1
      penalty += Int(occupancy[index]) - 1
    }
    for g in ruleCost.indices where ruleCost[g].hard > 0 {
      ruleExtra[g] += 1
      penalty += ruleCost[g].hard
    }
  }

  /// Back to every violation costing its hard units alone.
  func clearBreakoutWeights() {
    for index in cellExtra.indices { cellExtra[index] = 0 }
    for g in ruleExtra.indices { ruleExtra[g] = 0 }
    penalty = 0
  }
}
