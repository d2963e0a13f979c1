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
    guard current >= 0, state.tooClose(block, onDay: model.day(of: current)).pairs > 0 else { return nil }
    // The days each other lesson of the block's hard rules of days between rules out.
    var closed: UInt32 = 0
    state.forEachPartnerApart(of: block) { b, minDays in
      let day = model.day(of: Int(state.start[b]))
      for d in max(0, day - minDays + 1)..<min(model.days, day + minDays) { closed |= 1 << UInt32(d) }
    }
    let open = model.domain[block].filter { closed & (1 << UInt32(model.day(of: Int($0)))) == 0 }
    guard !open.isEmpty else { return nil }
    let slot = Int(open[random.below(open.count)])
    return state.conflictingBlocks(block, at: slot).contains { model.locked[$0] } ? nil : slot
  }
}
