// The constructive start: blocks in order of difficulty, each at its cheapest slot, with eviction.
import Foundation

/// Builds a first complete timetable: blocks in order of difficulty, each at its cheapest slot;
/// when every slot clashes, the block takes the slot whose occupants are cheapest to move and
/// they go back to the queue (FET's idea of placing with eviction), with a growing price on
/// evicting the same block again so that the search does not cycle.
struct Construction {
  let state: SearchState
  var random: SeededGenerator
  let shouldStop: () -> Bool
  let parameters: SearchParameters

  init(
    state: SearchState, random: SeededGenerator, shouldStop: @escaping () -> Bool,
    parameters: SearchParameters = SearchParameters()
  ) {
    self.state = state
    self.random = random
    self.shouldStop = shouldStop
    self.parameters = parameters
  }

  /// Places every unplaced block; with eviction for up to `budget` placements (without one, as
  /// long as `EvictionBudget` allows), then at the cheapest slot.
  mutating func run(budget evictionBudget: Int? = nil) {
    let model = state.model
    var queue = difficultyOrder()
    var head = 0
    var evictions = Array(repeating: 0, count: model.blockLessons.count)
    var steps = 0
    var budget = EvictionBudget(
      blocks: model.blockLessons.count, given: evictionBudget, tuning: parameters.construction)
    // The blocks in the way of the slot being priced (one list for every slot and step).
    var conflicts: [Int] = []
    while head < queue.count {
      if steps % 64 == 0, shouldStop() { return }
      steps += 1
      let block = queue[head]
      head += 1
      if state.isPlaced(block) { continue }
      let allowEviction = budget.allows(step: steps, hard: state.cost.hard)
      // Nowhere at all: left unplaced for the diagnosis.
      guard
        let best = cheapestSlot(
          for: block, allowEviction: allowEviction, evictions: evictions, conflicts: &conflicts)
      else { continue }
      if allowEviction {
        for c in best.conflicts {
          state.remove(c)
          evictions[c] += 1
          queue.append(c)
        }
      }
      state.place(block, at: best.slot)
    }
  }

  /// The cheapest slot for a block and the placed blocks it moves out of the way there (none
  /// without eviction); nil when the block has no slot at all.
  private mutating func cheapestSlot(
    for block: Int, allowEviction: Bool, evictions: [Int], conflicts: inout [Int]
  ) -> Cheapest? {
    let model = state.model
    let tuning = parameters.construction
    let hardWeight = tuning.clashWeight
    // Breaking a rule costs more than moving lessons out of the way (which are placed again).
    let ruleWeight = tuning.ruleWeight
    let evictionPrice = { (blocks: [Int]) in
      blocks.reduce(0) { $0 + hardWeight * (tuning.evictionBase + tuning.evictionGrowth * evictions[$1]) }
    }
    var best = Cheapest()
    var shortlist = Shortlist(capacity: allowEviction ? tuning.evictingSlotsPricedWhole : 0)
    // Lessons too close under a rule of days between lessons (for blocks at least
    // `SearchParameters.Construction.closeWidth` wide), and the lessons of a day to empty under
    // a hard maximum of days, are moved out of the way too, as FET does: by day, worked out once.
    let width = model.blockLessons[block].reduce(0) { $0 + model.fixedResources[Int($1)].count }
    let close = allowEviction && tuning.evictTooClose && width >= tuning.closeWidth
    let emptying = allowEviction && tuning.emptyDayOverMaxDays && model.hasHardMaxDays
    var outOfTheWay: [(blocks: [Int], avoided: Int)?] = Array(
      repeating: nil, count: close || emptying ? model.days : 0)
    for s in model.domain[block] {
      let slot = Int(s)
      state.conflictingBlocks(block, at: slot, into: &conflicts)
      if conflicts.contains(where: { model.locked[$0] }) { continue }
      // The rule violations those evictions avoid (pairs too close, days over a maximum).
      var avoided = 0
      if !outOfTheWay.isEmpty {
        let day = slot / model.periods
        if outOfTheWay[day] == nil {
          outOfTheWay[day] = movedAside(block, onDay: day, close: close, emptying: emptying)
        }
        avoided = outOfTheWay[day]!.avoided
        for b in outOfTheWay[day]!.blocks where !conflicts.contains(b) { conflicts.append(b) }
      }
      if !allowEviction && !conflicts.isEmpty && best.slot >= 0 && best.conflicts.isEmpty { continue }
      let delta = state.delta(moving: block, to: slot)
      let rules = delta.hard - state.lastClashDelta
      if !allowEviction {
        best.consider(slot, score: delta.scalar(hardWeight: hardWeight), conflicts: conflicts, random: &random)
      } else if conflicts.isEmpty {
        let score = rules * ruleWeight + state.lastClashDelta * hardWeight + delta.soft
        best.consider(slot, score: score, conflicts: [], random: &random)
      } else {
        // Evicting frees the resources: price the eviction instead of the clash.
        let score = (rules - avoided) * ruleWeight + delta.soft + evictionPrice(conflicts)
        if shortlist.capacity == 0 {
          best.consider(slot, score: score, conflicts: conflicts, random: &random)
        } else {
          shortlist.add(slot, score: score, conflicts: conflicts)
        }
      }
    }
    // The cheapest slots with evictions, priced again with the evicted blocks taken out: the
    // rules their removal breaks or mends count too; the lessons it leaves unplaced do not
    // (they are placed again).
    for candidate in shortlist.entries {
      let delta = state.delta(moving: block, to: candidate.slot, evicting: candidate.conflicts)
      let evictedLessons = candidate.conflicts.reduce(0) { $0 + model.blockLessons[$1].count }
      let rules = delta.hard - state.lastClashDelta - state.unplacedWeight * evictedLessons
      let score = rules * ruleWeight + delta.soft + evictionPrice(candidate.conflicts)
      best.consider(candidate.slot, score: score, conflicts: candidate.conflicts, random: &random)
    }
    return best.slot >= 0 ? best : nil
  }

  /// The cheapest slot seen so far and the blocks to move out of its way; ties broken at random.
  struct Cheapest {
    private(set) var score = Int.max
    private(set) var slot = -1
    private(set) var conflicts: [Int] = []
    private var ties = 0

    mutating func consider(_ slot: Int, score: Int, conflicts: [Int], random: inout SeededGenerator) {
      if score < self.score {
        (self.score, self.slot, self.conflicts, ties) = (score, slot, conflicts, 1)
      } else if score == self.score {
        ties += 1
        if random.below(ties) == 0 { (self.slot, self.conflicts) = (slot, conflicts) }
      }
    }
  }

  /// The `capacity` cheapest slots with evictions by their first price (the first of equals kept).
  struct Shortlist {
    let capacity: Int
    private(set) var entries: [(slot: Int, score: Int, conflicts: [Int])] = []

    init(capacity: Int) { self.capacity = capacity }

    mutating func add(_ slot: Int, score: Int, conflicts: [Int]) {
      if entries.count < capacity {
        entries.append((slot, score, conflicts))
        return
      }
      var worst = 0
      for k in entries.indices where entries[k].score > entries[worst].score { worst = k }
      if score < entries[worst].score { entries[worst] = (slot, score, conflicts) }
    }
  }

  /// How long a construction may evict: a given number of placements (ruin and recreate), or for a
  /// first construction `evictionBudgetPerBlock` per block and, while it still makes progress,
  /// `evictionBudgetAfterProgress` per block after each new least hard cost (lessons left
  /// unplaced, rules broken), up to `evictionBudgetMostPerBlock` per block in all.
  struct EvictionBudget {
    let budget: Int
    let afterProgress: Int
    let ceiling: Int
    private var leastHard = Int.max
    private var lastProgress = 0

    init(blocks: Int, given: Int?, tuning: SearchParameters.Construction) {
      budget = given ?? blocks * tuning.evictionBudgetPerBlock
      afterProgress = given == nil ? blocks * tuning.evictionBudgetAfterProgress : 0
      ceiling = max(budget, given == nil ? blocks * tuning.evictionBudgetMostPerBlock : 0)
    }

    /// Whether the placement of this step may evict, the timetable's hard cost being this.
    mutating func allows(step: Int, hard: Int) -> Bool {
      if hard < leastHard {
        leastHard = hard
        lastProgress = step
      }
      return step < min(ceiling, max(budget, lastProgress + afterProgress))
    }
  }

  /// The placed blocks a block on a day moves out of the way besides those it clashes with, and
  /// the hard rule violations that avoids: lessons too close under days-between rules, and the
  /// lightest other day of each teacher and unit the day would take over a hard maximum of days.
  private func movedAside(_ block: Int, onDay day: Int, close: Bool, emptying: Bool) -> (blocks: [Int], avoided: Int) {
    var blocks: [Int] = []
    var avoided = 0
    if close {
      let tooClose = state.tooClose(block, onDay: day)
      (blocks, avoided) = (tooClose.blocks, tooClose.pairs)
    }
    if emptying {
      let free = state.dayToFree(block, onDay: day)
      avoided += free.resources
      for b in free.blocks where !blocks.contains(b) { blocks.append(b) }
    }
    return (blocks, avoided)
  }

  /// The unplaced blocks, most difficult first: locked ones, then those of the fullest teachers'
  /// weeks, the fewest slots for their resources and length, the busiest teachers.
  private func difficultyOrder() -> [Int] {
    let model = state.model
    var order = (0..<model.blockLessons.count).filter { !state.isPlaced($0) }
    let teacherLoad = model.teacherLessons.map(\.count)
    // How full a teacher's possible week is: periods of lessons over the periods they may work
    // (a teacher limited to 3 days of 5 periods with 15 lessons is full).
    let tightness: [Double] = (0..<model.teacherCount).map { t in
      let periods = model.teacherLessons[t].reduce(0) { $0 + model.duration[Int($1)] }
      let open = max(1, min(model.days, model.hardMaxDays[t]) * model.periods)
      return Double(periods) / Double(open)
    }
    var difficultyKey: [Int: (Int, Int, Int, Int, Int)] = [:]
    for b in order {
      let lessons = model.blockLessons[b].map(Int.init)
      let busiest = lessons.flatMap { model.teachers[$0] }.map { teacherLoad[Int($0)] }.max() ?? 0
      let tightest = lessons.flatMap { model.teachers[$0] }.map { tightness[Int($0)] }.max() ?? 0
      let resources = lessons.reduce(0) { $0 + model.fixedResources[$1].count + model.roomChoices[$1].count }
      difficultyKey[b] = (
        model.locked[b] ? 0 : 1, -Int(tightest * 20),
        model.domain[b].count * 4 - resources - model.blockDuration[b] * 3,
        -busiest, b
      )
    }
    order.sort { difficultyKey[$0]! < difficultyKey[$1]! }
    return order
  }
}
