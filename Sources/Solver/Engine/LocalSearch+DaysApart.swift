// LocalSearch: a lesson too close to another under a hard rule of days between, sent to a day
// far enough from every other lesson of its rules.

extension LocalSearch {
  /// For a block too close to another lesson under a hard rule of days between lessons: a slot of
  /// its domain, at random, on a day at least the rules' days from each of their other placed
  /// lessons, where no locked block is in the way. Nil when the block is not too close, or when
  /// no such day is open to it.
  mutating func slotApart(for block: Int) -> Int? {
    let model = state.model
    let current = Int(state.start[block])
    guard current >= 0 else { return nil }
    // The days each other lesson of the block's hard rules of days between rules out, and whether
    // a movable one is too close now (as `SearchState.tooClose` counts), in one walk.
    var closed: UInt32 = 0
    var tooClose = false
    state.forEachPartnerApart(of: block) { b, minDays in
      let day = model.day(of: Int(state.start[b]))
      if !model.locked[b], abs(day - model.day(of: current)) < minDays { tooClose = true }
      for d in max(0, day - minDays + 1)..<min(model.days, day + minDays) { closed |= 1 << UInt32(d) }
    }
    guard tooClose else { return nil }
    let open = model.domain[block].filter { closed & (1 << UInt32(model.day(of: Int($0)))) == 0 }
    guard !open.isEmpty else { return nil }
    let slot = Int(open[random.below(open.count)])
    return state.conflictingBlocks(block, at: slot).contains { model.locked[$0] } ? nil : slot
  }
}
