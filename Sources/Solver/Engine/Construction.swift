/// Builds a first complete timetable: blocks in order of difficulty, each at its cheapest slot;
/// when every slot clashes, the block takes the slot whose occupants are cheapest to move and
/// they go back to the queue (FET's idea of placing with eviction), with a growing price on
/// evicting the same block again so that the search does not cycle.
struct Construction {
  let state: SearchState
  var random: SeededGenerator
  let shouldStop: () -> Bool

  mutating func run() {
    let model = state.model
    let hardWeight = 100
    var order = (0..<model.blockLessons.count).filter { !state.isPlaced($0) }
    let teacherLoad = model.teacherLessons.map(\.count)
    func difficulty(_ b: Int) -> (Int, Int, Int, Int) {
      let lessons = model.blockLessons[b].map(Int.init)
      let busiest = lessons.flatMap { model.teachers[$0] }.map { teacherLoad[Int($0)] }.max() ?? 0
      let resources = lessons.reduce(0) { $0 + model.fixedResources[$1].count + model.roomChoices[$1].count }
      return (model.locked[b] ? 0 : 1, model.domain[b].count * 4 - resources - model.blockDuration[b] * 3, -busiest, b)
    }
    order.sort { difficulty($0) < difficulty($1) }
    var queue = order
    var head = 0
    var evictions = Array(repeating: 0, count: model.blockLessons.count)
    var steps = 0
    let budget = model.blockLessons.count * 30
    while head < queue.count {
      if steps % 64 == 0, shouldStop() { return }
      steps += 1
      let block = queue[head]
      head += 1
      if state.isPlaced(block) { continue }
      let allowEviction = steps < budget
      var bestScore = Int.max
      var bestSlot = -1
      var bestConflicts: [Int] = []
      var ties = 0
      for s in model.domain[block] {
        let slot = Int(s)
        let conflicts = state.conflictingBlocks(block, at: slot)
        if conflicts.contains(where: { model.locked[$0] }) { continue }
        if !allowEviction && !conflicts.isEmpty && bestSlot >= 0 && bestConflicts.isEmpty { continue }
        let delta = state.delta(moving: block, to: slot)
        var score: Int
        if conflicts.isEmpty || !allowEviction {
          score = delta.scalar(hardWeight: hardWeight)
        } else {
          // Evicting frees the resources: price the eviction instead of the clash.
          score = (delta.hard - state.lastClashDelta) * hardWeight + delta.soft
          for c in conflicts { score += hardWeight * (4 + 3 * evictions[c]) }
        }
        if score < bestScore {
          bestScore = score
          bestSlot = slot
          bestConflicts = conflicts
          ties = 1
        } else if score == bestScore {
          ties += 1
          if random.below(ties) == 0 {
            bestSlot = slot
            bestConflicts = conflicts
          }
        }
      }
      guard bestSlot >= 0 else { continue }  // nowhere at all: left unplaced for the diagnosis
      if allowEviction {
        for c in bestConflicts {
          state.remove(c)
          evictions[c] += 1
          queue.append(c)
        }
      }
      state.place(block, at: bestSlot)
    }
  }
}
