// LocalSearch: emptying the lightest day of a teacher or student unit whose week is over a hard
// maximum of days.

extension LocalSearch {
  /// A teacher or unit of the block whose week is over its hard maximum of days, else one such
  /// resource at random (nil when there is none).
  mutating func resourceOverMaxDays(near block: Int) -> Int? {
    let model = state.model
    func isOver(_ r: Int) -> Bool {
      guard model.hardMaxDays[r] != Int.max else { return false }
      return state.busyDays(r).nonzeroBitCount > model.hardMaxDays[r]
    }
    for l in model.blockLessons[block] {
      for r in model.teachers[Int(l)] + model.units[Int(l)] where isOver(Int(r)) { return Int(r) }
    }
    let over = model.hardMaxDays.indices.filter(isOver)
    return over.isEmpty ? nil : over[random.below(over.count)]
  }

  /// Takes the lessons of a teacher's or unit's lightest day off it when its week is over a hard
  /// maximum of days: each goes to the slot of its other working days where it pays best, alone
  /// or exchanged with the one lesson in its way (which takes its place): one move that empties
  /// the day. Single moves cannot: where a teacher works at least two hours a day (FET's
  /// Vietnamese school Khoi-chieu), one lesson taken off a day of two breaks that rule, as much as
  /// the day cost.
  mutating func emptyLightestDay(around block: Int, temperature: Double) {
    let model = state.model
    guard let r = resourceOverMaxDays(near: block) else { return }
    let busy = state.busyDays(r)
    let lessons = model.lessons(ofResource: r)
    // The lightest day whose lessons can all go to the resource's other working days (a lesson
    // fixed to its day, such as a Monday assembly, keeps the day).
    var moving: [Int] = []
    var least = Int.max
    var ties = 0
    var lightest = -1
    for d in 0..<model.days where busy & (1 << UInt32(d)) != 0 {
      let periods = state.resourceMask(r, d).nonzeroBitCount
      guard periods <= least, let blocks = blocksOff(lessons, day: d, to: busy & ~(1 << UInt32(d))) else { continue }
      ties = periods < least ? 1 : ties + 1
      least = periods
      if random.below(ties) == 0 { (moving, lightest) = (blocks, d) }
    }
    guard !moving.isEmpty else { return }
    let workingDays = busy & ~(1 << UInt32(lightest))
    var done: [Undo] = []
    var delta = 0
    for b in moving {
      guard let best = bestExchange(b, of: r, onDays: workingDays) else { break }
      let trial = apply(best)
      done.append(trial)
      delta += trial.delta
    }
    if done.count == moving.count, accept(delta, temperature) {
      accepted += 1
      return
    }
    for trial in done.reversed() { undo(trial) }
  }

  /// The cheapest move of a block to a slot of the given days: alone to a free slot, or exchanged
  /// with the one unlocked block of its length in the way (not one of the resource's own), which
  /// may take the block's slot.
  private func bestExchange(_ block: Int, of r: Int, onDays days: UInt32) -> [(block: Int, to: Int)]? {
    let model = state.model
    let from = Int(state.start[block])
    var best: [(block: Int, to: Int)]?
    var bestDelta = Int.max
    for s in model.domain[block] where days & (1 << UInt32(model.day(of: Int(s)))) != 0 {
      let conflicts = state.conflictingBlocks(block, at: Int(s))
      var moves = [(block: block, to: Int(s))]
      if let m = conflicts.first {
        guard conflicts.count == 1 || conflicts.allSatisfy({ $0 == m }), !model.locked[m],
          model.blockDuration[m] == model.blockDuration[block], model.allowed[m][from], !holds(m, r)
        else { continue }
        moves.append((m, from))
      }
      let trial = apply(moves)
      undo(trial)
      if trial.delta < bestDelta {
        (bestDelta, best) = (trial.delta, moves)
      }
    }
    return best
  }

  /// Whether a teacher or unit teaches or attends a lesson of a block (its fixed resources hold
  /// its teachers and units).
  private func holds(_ block: Int, _ r: Int) -> Bool {
    let model = state.model
    return model.blockLessons[block].contains { model.fixedResources[Int($0)].contains(Int32(r)) }
  }

  /// The placed blocks of the lessons on a day, when none is locked and each may start on one of
  /// the other days.
  private func blocksOff(_ lessons: [Int32], day: Int, to days: UInt32) -> [Int]? {
    let model = state.model
    var blocks: [Int] = []
    for l in lessons {
      let b = Int(model.blockOf[Int(l)])
      guard state.isPlaced(b), model.day(of: Int(state.start[b])) == day, !blocks.contains(b) else { continue }
      if model.locked[b] || !model.domain[b].contains(where: { days & (1 << UInt32(model.day(of: Int($0)))) != 0 }) {
        return nil
      }
      blocks.append(b)
    }
    return blocks
  }
}
