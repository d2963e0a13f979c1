import Foundation

/// Improves a complete timetable by simulated annealing over three kinds of move: a block to
/// another slot, two blocks of a class exchanging their slots, and a Kempe chain that swaps the
/// lessons of two slots which share resources (it keeps every resource's count of lessons per
/// slot, so a compact class day stays compact). Hard violations weigh far more than soft cost;
/// the best state seen is kept.
struct LocalSearch {
  let state: SearchState
  var random: SeededGenerator
  /// Weight of one hard violation against the soft cost.
  var hardWeight = 1000
  var best: SearchState.Snapshot
  private(set) var moves = 0
  private(set) var accepted = 0

  init(state: SearchState, seed: UInt64) {
    self.state = state
    random = SeededGenerator(seed: seed)
    best = state.snapshot()
  }

  /// Runs `steps` move trials with the temperature falling from `startTemperature` to
  /// `endTemperature` (in scalar cost units). Returns early when `stop` says so or when there is
  /// nothing left to improve.
  mutating func anneal(steps: Int, startTemperature: Double, endTemperature: Double, stop: () -> Bool) {
    let model = state.model
    let movable = (0..<model.blockLessons.count).filter { !model.locked[$0] && model.domain[$0].count > 1 }
    guard !movable.isEmpty else { return }
    var troubled: [Int] = []
    var troubledAge = 1_000_000
    let ratio = endTemperature / max(startTemperature, 1e-9)
    for step in 0..<steps {
      if step & 255 == 0 {
        if stop() { return }
        if state.cost.hard == 0 && state.cost.soft == 0 { return }
      }
      let temperature = startTemperature * pow(ratio, Double(step) / Double(max(steps - 1, 1)))
      if state.cost.hard > 0, troubledAge > 200 {
        troubled = movable.filter { state.isTroubled($0) }
        troubledAge = 0
      }
      troubledAge = min(troubledAge + 1, 1_000_000)
      let block: Int
      if state.cost.hard > 0, !troubled.isEmpty, random.below(10) < 7 {
        block = troubled[random.below(troubled.count)]
      } else {
        block = movable[random.below(movable.count)]
      }
      let kind = random.below(10)
      if kind < 4 {
        tryMove(block, temperature: temperature)
      } else if kind < 8 {
        trySwap(block, temperature: temperature)
      } else {
        tryKempe(block, temperature: temperature)
      }
      moves += 1
      if state.cost < best.cost { best = state.snapshot() }
    }
  }

  private mutating func accept(_ delta: Int, _ temperature: Double) -> Bool {
    if delta <= 0 { return true }
    return random.unit() < exp(-Double(delta) / max(temperature, 1e-9))
  }

  private mutating func tryMove(_ block: Int, temperature: Double) {
    let domain = state.model.domain[block]
    let current = state.start[block]
    // The better of two random slots.
    var target = -1
    var bestDelta = Int.max
    for _ in 0..<2 {
      let slot = Int(domain[random.below(domain.count)])
      if Int32(slot) == current { continue }
      let delta = state.delta(moving: block, to: slot).scalar(hardWeight: hardWeight)
      if delta < bestDelta {
        bestDelta = delta
        target = slot
      }
    }
    guard target >= 0, accept(bestDelta, temperature) else { return }
    state.move(block, to: target)
    accepted += 1
  }

  /// Two blocks that share a class (or a teacher) exchange their slots.
  private mutating func trySwap(_ block: Int, temperature: Double) {
    let model = state.model
    let lesson = Int(model.blockLessons[block][0])
    let pool: [Int32]
    if let c = model.classesOf[lesson].first, random.below(4) != 0 {
      pool = model.classLessons[Int(c)]
    } else if let t = model.teachers[lesson].first {
      pool = model.teacherLessons[Int(t)]
    } else {
      return
    }
    guard pool.count > 1 else { return }
    let other = Int(model.blockOf[Int(pool[random.below(pool.count)])])
    guard other != block, !model.locked[other] else { return }
    let s1 = Int(state.start[block])
    let s2 = Int(state.start[other])
    guard s1 >= 0, s2 >= 0, s1 != s2, model.allowed[block][s2], model.allowed[other][s1] else { return }
    exchange([block], [other], from: s1, to: s2, temperature: temperature)
  }

  /// Moves `a` from s1 to s2 and `b` from s2 to s1 as one move, undone unless accepted.
  private mutating func exchange(_ a: [Int], _ b: [Int], from s1: Int, to s2: Int, temperature: Double) {
    let before = state.cost.scalar(hardWeight: hardWeight)
    let rooms = (a + b).map { block in state.model.blockLessons[block].map { state.chosenRooms[Int($0)] } }
    for block in a + b { state.remove(block) }
    for block in a { state.place(block, at: s2) }
    for block in b { state.place(block, at: s1) }
    let delta = state.cost.scalar(hardWeight: hardWeight) - before
    if accept(delta, temperature) {
      accepted += 1
      return
    }
    for block in a + b { state.remove(block) }
    for (k, block) in (a + b).enumerated() {
      for (m, l) in state.model.blockLessons[block].enumerated() {
        for (choice, room) in rooms[k][m].enumerated() where state.chosenRooms[Int(l)][choice] != room {
          state.setRoom(lesson: Int(l), choice: choice, room: room)
        }
      }
    }
    for block in a { state.placeKeepingRooms(block, at: s1) }
    for block in b { state.placeKeepingRooms(block, at: s2) }
  }

  /// Swaps the chain of lessons linked by shared resources between the block's slot and another.
  private mutating func tryKempe(_ block: Int, temperature: Double) {
    let model = state.model
    guard model.blockDuration[block] == 1 else { return trySwap(block, temperature: temperature) }
    let s1 = Int(state.start[block])
    guard s1 >= 0 else { return }
    let domain = model.domain[block]
    let s2 = Int(domain[random.below(domain.count)])
    guard s2 != s1 else { return }
    var toS2 = [block]
    var toS1: [Int] = []
    var frontier = [block]
    var fromFirst = true
    while !frontier.isEmpty {
      var next: [Int] = []
      let target = fromFirst ? s2 : s1
      for b in frontier {
        for c in state.conflictingBlocks(b, at: target) where !toS2.contains(c) && !toS1.contains(c) {
          guard !model.locked[c], model.blockDuration[c] == 1, model.allowed[c][fromFirst ? s1 : s2] else { return }
          if fromFirst { toS1.append(c) } else { toS2.append(c) }
          next.append(c)
        }
      }
      if toS1.count + toS2.count > 24 { return }
      frontier = next
      fromFirst.toggle()
    }
    for b in toS2 where !model.allowed[b][s2] { return }
    exchange(toS2, toS1, from: s1, to: s2, temperature: temperature)
  }
}
