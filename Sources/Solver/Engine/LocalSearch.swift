// Simulated annealing over eight kinds of move (MoveKind), chosen by how well each has paid lately.
import Foundation
import Logging

/// Improves a complete timetable by simulated annealing over eight kinds of move: a block to
/// another slot; two blocks of a class or teacher exchanging their slots; a Kempe chain that swaps
/// the lessons of two time windows which share resources (it keeps every resource's count of
/// lessons per slot, so a compact class day stays compact); ruin and recreate around a lesson in
/// trouble; the best exchange for a lesson in trouble, with a tabu list; a shift of a lesson to
/// the end of another day with the last lesson of its day into its place; the best Kempe chain
/// for a lesson in trouble; and the lessons of a teacher's day over a hard maximum of days moved
/// to its other days. Each kind is chosen as often as it has improved lately for the work it
/// took. Hard violations weigh far more than soft cost, and violations that persist grow dearer
/// still (breakout weights, for the search's choices only); the best state seen is kept by the
/// true cost.
struct LocalSearch {
  let state: SearchState
  var random: SeededGenerator
  let parameters: SearchParameters
  /// Where the rates of the kinds of move go every `rateHalvingSteps` steps (debug level).
  let logger: Logger?
  /// Weight of one hard violation against the soft cost.
  var hardWeight: Int
  var best: SearchState.Snapshot
  private(set) var moves = 0
  var accepted = 0
  /// Recent work (blocks placed and removed) and improvements of each kind of move, indexed by
  /// `MoveKind.rawValue`.
  private var tried: [Double] = Array(repeating: 40, count: MoveKind.allCases.count)
  private var succeeded: [Double] = Array(repeating: 1, count: MoveKind.allCases.count)
  /// Recent tries of each kind, to know what one try costs.
  private var tries: [Double] = Array(repeating: 10, count: MoveKind.allCases.count)
  /// The prior weight of each kind (`SearchParameters.Moves.baseWeights`).
  private let base: [Double]
  private var kinds: Int { MoveKind.allCases.count }
  /// Steps between looks at the hard violations; when they have not fallen since the last look,
  /// the breakout weights rise (see `SearchState.raiseBreakoutWeights`). 0: never.
  var breakoutEvery: Int
  /// Whether the breakout weights rise on the rules of days and weeks too.
  var breakoutOnDayRules: Bool
  /// A block may not return to a slot it left recently: step until which (block, slot) is tabu.
  private var tabu: [Int: Int] = [:]

  init(state: SearchState, seed: UInt64, parameters: SearchParameters = SearchParameters(), logger: Logger? = nil) {
    self.state = state
    random = SeededGenerator(seed: seed)
    self.parameters = parameters
    self.logger = logger
    hardWeight = parameters.annealing.initialHardWeight
    breakoutEvery = parameters.annealing.breakoutEvery
    breakoutOnDayRules = parameters.annealing.breakoutOnDayRules
    precondition(parameters.moves.baseWeights.count == MoveKind.allCases.count, "one base weight per kind of move")
    base = parameters.moves.baseWeights
    best = state.snapshot()
  }

  /// Runs `steps` move trials with the temperature falling from `startTemperature` to
  /// `endTemperature` (in scalar cost units). Returns early when `stop` says so, when there is
  /// nothing left to improve, or, with `untilFeasible`, at the first state without hard violations
  /// (a repair has done its work there; the rest of the round at a repair's temperature would
  /// only wander).
  mutating func anneal(
    steps: Int, startTemperature: Double, endTemperature: Double, untilFeasible: Bool = false, stop: () -> Bool
  ) {
    let model = state.model
    let movable = (0..<model.blockLessons.count).filter { !model.locked[$0] && model.domain[$0].count > 1 }
    guard !movable.isEmpty else { return }
    let moveParameters = parameters.moves
    var troubled: [Int] = []
    var troubledAge = moveParameters.troubledAgeCap
    var lastHard = Int.max
    let ratio = endTemperature / max(startTemperature, 1e-9)
    for step in 0..<steps {
      if step & 255 == 0 {
        if stop() { return }
        if state.cost.hard == 0 && state.cost.soft == 0 { return }
      }
      let temperature = startTemperature * pow(ratio, Double(step) / Double(max(steps - 1, 1)))
      if state.cost.hard > 0, troubledAge > moveParameters.troubledRefreshSteps {
        troubled = movable.filter { state.isTroubled($0) }
        troubledAge = 0
      }
      troubledAge = min(troubledAge + 1, moveParameters.troubledAgeCap)
      let block: Int
      if state.cost.hard > 0, !troubled.isEmpty, random.below(10) < moveParameters.troubledPickTenths {
        block = troubled[random.below(troubled.count)]
      } else {
        block = movable[random.below(movable.count)]
      }
      // Moves are chosen in proportion to how often each has been accepted lately: in a school
      // where every class is full, plain moves always clash and swaps and chains do the work.
      let kind = chooseMove(repairing: state.cost.hard > 0)
      let costBefore = state.cost
      let workBefore = state.work
      switch kind {
      case .move: tryMove(block, temperature: temperature)
      case .swap: trySwap(block, temperature: temperature)
      case .chain: tryKempe(block, temperature: temperature)
      case .ruinAndRecreate:
        let apart = parameters.moves.ruinSendsApart ? slotApart(for: block) : nil
        ruinAndRecreate(around: block, apart: apart, temperature: temperature)
      case .bestSwap: bestSwap(block, step: step, temperature: temperature)
      case .shift: tryShift(block, temperature: temperature)
      case .bestChain: bestChain(block, temperature: temperature)
      case .emptyDay: emptyLightestDay(around: block, temperature: temperature)
      }
      // A move earns its keep by improving, weighed by the work it took (a ruin and recreate
      // costs as much as hundreds of moves).
      let k = kind.rawValue
      tried[k] += Double(max(1, state.work - workBefore))
      tries[k] += 1
      if state.cost < costBefore { succeeded[k] += 1 }
      if breakoutEvery > 0, step % breakoutEvery == breakoutEvery - 1, state.cost.hard > 0 {
        if state.cost.hard >= lastHard { state.raiseBreakoutWeights(dayRules: breakoutOnDayRules) }
        lastHard = state.cost.hard
      }
      if step % moveParameters.rateHalvingSteps == moveParameters.rateHalvingSteps - 1 {
        logRates()
        for k in 0..<kinds {
          tried[k] *= 0.5
          succeeded[k] *= 0.5
          tries[k] *= 0.5
        }
      }
      moves += 1
      if state.cost < best.cost { best = state.snapshot() }
      if untilFeasible, state.cost.hard == 0 { return }
    }
  }

  /// A kick out of a local minimum: `count` random exchanges of slots between lessons of a class
  /// or teacher, whatever they cost.
  mutating func kick(_ count: Int) {
    let model = state.model
    let movable = (0..<model.blockLessons.count).filter { !model.locked[$0] && model.domain[$0].count > 1 }
    guard !movable.isEmpty else { return }
    for _ in 0..<count {
      trySwap(movable[random.below(movable.count)], temperature: parameters.annealing.kickTemperature)
    }
  }

  /// The moves' recent improvements, work and tries, kind by kind (debug level).
  private func logRates() {
    logger?.debug(
      "moves \((0..<kinds).map { String(format: "%.0f/%.0f/%.0f", succeeded[$0], tried[$0], tries[$0]) }.joined(separator: " "))"
    )
  }

  private mutating func chooseMove(repairing: Bool) -> MoveKind {
    let rates = (0..<kinds).map { k in (succeeded[k] + 0.5) / (tried[k] + 1) }
    // The move that empties a day is for a repair under a hard maximum of days only; elsewhere
    // it neither runs nor sets the top rate.
    let emptying = repairing && state.model.hasHardMaxDays
    let top = rates.indices.filter { emptying || $0 != MoveKind.emptyDay.rawValue }.map { rates[$0] }.max() ?? 1
    // Every kind keeps a share, however little it pays lately. By default a kind is chosen in
    // proportion to its rate, so its share of the work grows with what one try costs: a ruin and
    // recreate (thousands of times a move's work) takes most of the work on its prior alone. The
    // experimental cost-scaled choice divides by the cost of a try, so that shares of work follow
    // the rates.
    let moveParameters = parameters.moves
    var weights: [Double] = (0..<kinds).map { k in
      let floor = k == MoveKind.ruinAndRecreate.rawValue ? moveParameters.ruinFloor : moveParameters.shareFloor
      let share = base[k] * max(rates[k], top * floor)
      return moveParameters.costScaledChoice ? share / max(1, tried[k] / max(tries[k], 1)) : share
    }
    if !repairing {
      // The directed kinds are for lessons in trouble.
      weights[MoveKind.ruinAndRecreate.rawValue] = 0
      weights[MoveKind.bestSwap.rawValue] = 0
      weights[MoveKind.bestChain.rawValue] = 0
    }
    if !emptying { weights[MoveKind.emptyDay.rawValue] = 0 }
    let total = weights.reduce(0, +)
    var pick = random.unit() * total
    for kind in MoveKind.allCases {
      pick -= weights[kind.rawValue]
      if pick <= 0 { return kind }
    }
    return .swap
  }

  /// The cost the search weighs moves by: hard units (with their breakout weights) and soft cost.
  var weighedCost: Int { weigh(state.cost, penalty: state.penalty, shadow: state.shadow) }

  /// The shadow of the maximum of days weighs `daysShadowQuarters` quarters of a hard unit a lesson.
  private func weigh(_ cost: Cost, penalty: Int, shadow: Int) -> Int {
    cost.scalar(hardWeight: hardWeight) + penalty * hardWeight
      + shadow * hardWeight * parameters.annealing.daysShadowQuarters / 4
  }

  mutating func accept(_ delta: Int, _ temperature: Double) -> Bool {
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
      let delta = weigh(
        state.delta(moving: block, to: slot), penalty: state.lastPenaltyDelta, shadow: state.lastShadowDelta)
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
    relocate([(block, s2), (other, s1)], temperature: temperature)
  }

  /// The best exchange of slots between a block and another block of its class or teacher (or a
  /// move to a free slot of its domain), tabu for slots left recently: a directed step for a
  /// lesson in trouble.
  private mutating func bestSwap(_ block: Int, step: Int, temperature: Double) {
    let model = state.model
    let s1 = Int(state.start[block])
    guard s1 >= 0 else { return }
    var candidates: [Int] = []
    var seen = Set<Int>([block])
    let lesson = Int(model.blockLessons[block][0])
    for c in model.classesOf[lesson] {
      for l in model.classLessons[Int(c)] where seen.insert(Int(model.blockOf[Int(l)])).inserted {
        candidates.append(Int(model.blockOf[Int(l)]))
      }
    }
    for t in model.teachers[lesson] {
      for l in model.teacherLessons[Int(t)] where seen.insert(Int(model.blockOf[Int(l)])).inserted {
        candidates.append(Int(model.blockOf[Int(l)]))
      }
    }
    // A sample is enough: the search comes back to this lesson if it stays in trouble.
    let sample = parameters.moves.bestSwapSample
    if candidates.count > sample { candidates = Array(candidates.shuffledDeterministically(&random).prefix(sample)) }
    var bestDelta = Int.max
    var bestPartner = -1
    for other in candidates {
      let s2 = Int(state.start[other])
      guard s2 >= 0, s2 != s1, !model.locked[other], model.allowed[block][s2], model.allowed[other][s1] else {
        continue
      }
      if let until = tabu[block * state.S + s2], until > step { continue }
      let trial = apply([(block, s2), (other, s1)])
      let delta = trial.delta
      undo(trial)
      if delta < bestDelta || (delta == bestDelta && random.below(2) == 0) {
        bestDelta = delta
        bestPartner = other
      }
    }
    guard bestPartner >= 0, bestDelta <= 0 || accept(bestDelta, temperature) else { return }
    let s2 = Int(state.start[bestPartner])
    _ = apply([(block, s2), (bestPartner, s1)])
    tabu[block * state.S + s1] = step + parameters.moves.tabuTenure
    tabu[bestPartner * state.S + s2] = step + parameters.moves.tabuTenure
    accepted += 1
  }

  /// Takes a block and the lessons around it (of its classes and teachers that day, and a few
  /// more of its classes) out of the timetable and puts them back one by one, each at its
  /// cheapest slot: a larger step than a move when the search is stuck near a violation. With
  /// `apart`, the block goes to that slot first and the blocks in its way there are put back too.
  mutating func ruinAndRecreate(around block: Int, apart: Int? = nil, temperature: Double) {
    let model = state.model
    let slot = Int(state.start[block])
    guard slot >= 0 else { return }
    let day = slot / model.periods
    var ruined = [block]
    func consider(_ lessons: [Int32], sameDay: Bool) {
      for l in lessons {
        let b = Int(model.blockOf[Int(l)])
        let s = Int(state.start[b])
        guard s >= 0, !model.locked[b], !ruined.contains(b) else { continue }
        if sameDay && s / model.periods != day { continue }
        ruined.append(b)
      }
    }
    for l in model.blockLessons[block] {
      for c in model.classesOf[Int(l)] { consider(model.classLessons[Int(c)], sameDay: true) }
      for t in model.teachers[Int(l)] {
        // A teacher whose week breaks a rule has the whole week redone.
        consider(model.teacherLessons[Int(t)], sameDay: !state.teacherWeekInTrouble(Int(t)))
      }
    }
    // The other lessons of a broken rule that ties them to this one's day or time (same day or
    // period, order, gaps or days between), to be put back together with it.
    for l in model.blockLessons[block] {
      for g in model.groupRulesOfLesson[Int(l)] where state.ruleCost[Int(g)].hard > 0 {
        switch model.groupRules[Int(g)].kind {
        case .sameDay, .samePeriod, .ordered, .minGaps, .maxDays:
          consider(model.groupRules[Int(g)].lessons, sameDay: false)
        default: break
        }
      }
    }
    // A few lessons of the same classes on other days, to give the day room.
    if let c = model.classesOf[Int(model.blockLessons[block][0])].first {
      let pool = model.classLessons[Int(c)]
      for _ in 0..<parameters.moves.ruinExtraLessons where !pool.isEmpty {
        consider([pool[random.below(pool.count)]], sameDay: false)
      }
    }
    if ruined.count > parameters.moves.ruinLimit { ruined = Array(ruined.prefix(parameters.moves.ruinLimit)) }
    let before = weighedCost
    let snapshotBefore = state.snapshot()
    for b in ruined { state.remove(b) }
    // A lesson too close to another under a hard rule of days between goes first to a day apart
    // from them, and what is in its way there is placed again with the rest.
    if let apart {
      for b in state.conflictingBlocks(block, at: apart) where state.isPlaced(b) { state.remove(b) }
      state.place(block, at: apart)
    }
    // Put them back as the construction does, moving others out of the way when it must.
    var rebuild = Construction(
      state: state, random: SeededGenerator(seed: random.next()), shouldStop: { false }, parameters: parameters)
    rebuild.run(budget: ruined.count * parameters.moves.recreateBudgetPerBlock)
    let delta = weighedCost - before
    if accept(delta, temperature) {
      accepted += 1
      return
    }
    state.restore(snapshotBefore)
  }

  /// Swaps the chain of lessons linked by shared resources between the block's slot and another.
  private mutating func tryKempe(_ block: Int, temperature: Double) {
    let model = state.model
    let s1 = Int(state.start[block])
    guard s1 >= 0 else { return }
    let domain = model.domain[block]
    let s2 = Int(domain[random.below(domain.count)])
    guard s2 != s1, let chain = kempeChain(block, from: s1, to: s2) else { return }
    relocate(chain, temperature: temperature)
  }

  /// The best Kempe chain from a lesson in trouble to a slot on another day (a sample of them):
  /// the directed step for a lesson of many classes and teachers, which no single move frees.
  private mutating func bestChain(_ block: Int, temperature: Double) {
    let model = state.model
    let s1 = Int(state.start[block])
    guard s1 >= 0 else { return }
    var targets = model.domain[block].filter { Int($0) / model.periods != s1 / model.periods }
    let sample = parameters.moves.bestChainSample
    if targets.count > sample { targets = Array(targets.shuffledDeterministically(&random).prefix(sample)) }
    var bestDelta = Int.max
    var bestMoves: [(block: Int, to: Int)] = []
    for s2 in targets {
      guard let chain = kempeChain(block, from: s1, to: Int(s2)) else { continue }
      let trial = apply(chain)
      undo(trial)
      if trial.delta < bestDelta {
        bestDelta = trial.delta
        bestMoves = chain
      }
    }
    guard !bestMoves.isEmpty else { return }
    relocate(bestMoves, temperature: temperature)
  }

  /// The moves that exchange the lessons of two time windows (the block's and one as long at
  /// `s2`) linked to the block by shared resources, or nil when the chain grows too long, meets a
  /// lesson that cannot go, or one that reaches out of its window.
  private func kempeChain(_ block: Int, from s1: Int, to s2: Int) -> [(block: Int, to: Int)]? {
    let model = state.model
    let length = model.blockDuration[block]
    let offset = s2 - s1
    // Windows on the same day must not overlap.
    if s1 / model.periods == s2 / model.periods, abs(offset) < length { return nil }
    var toSecond = [block]
    var toFirst: [Int] = []
    var frontier = [block]
    var fromFirst = true
    while !frontier.isEmpty {
      var next: [Int] = []
      let window = fromFirst ? s2 : s1
      let shift = fromFirst ? offset : -offset
      for b in frontier {
        for c in state.conflictingBlocks(b, at: Int(state.start[b]) + shift)
        where !toSecond.contains(c) && !toFirst.contains(c) {
          let start = Int(state.start[c])
          guard !model.locked[c], start >= window, start + model.blockDuration[c] <= window + length,
            model.allowed[c][start - shift]
          else { return nil }
          if fromFirst { toFirst.append(c) } else { toSecond.append(c) }
          next.append(c)
        }
      }
      if toFirst.count + toSecond.count > parameters.moves.chainLimit { return nil }
      frontier = next
      fromFirst.toggle()
    }
    for b in toSecond where !model.allowed[b][Int(state.start[b]) + offset] { return nil }
    return toSecond.map { ($0, Int(state.start[$0]) + offset) } + toFirst.map { ($0, Int(state.start[$0]) - offset) }
  }

  /// Moves a lesson to the end of its students' day on another day and the last lesson of its own
  /// day into the place it left: both days keep their shape (no gap opens, no late start), which a
  /// plain move almost never does when every class day must be compact.
  private mutating func tryShift(_ block: Int, temperature: Double) {
    let model = state.model
    guard model.blockDuration[block] == 1, model.blockLessons[block].count == 1 else {
      return tryMove(block, temperature: temperature)
    }
    let lesson = Int(model.blockLessons[block][0])
    guard let unit = model.units[lesson].first else { return tryMove(block, temperature: temperature) }
    let s1 = Int(state.start[block])
    guard s1 >= 0 else { return }
    let periods = model.periods
    let dayA = s1 / periods
    let dayB = random.below(model.days)
    guard dayB != dayA else { return }
    let maskB = state.resourceMask(Int(unit), dayB)
    let end = maskB == 0 ? 0 : 32 - maskB.leadingZeroBitCount
    guard end < periods else { return }
    let s2 = dayB * periods + end
    guard model.allowed[block][s2] else { return }
    var moves = [(block, s2)]
    let maskA = state.resourceMask(Int(unit), dayA)
    let lastA = dayA * periods + 31 - maskA.leadingZeroBitCount
    if lastA != s1 {
      var holders: [Int] = []
      state.collectHolders(
        resource: Int(unit), slot: lastA, parity: model.parity[lesson], except: block, into: &holders)
      guard holders.count == 1, let last = holders.first, !model.locked[last], model.blockDuration[last] == 1,
        Int(state.start[last]) == lastA, model.allowed[last][s1]
      else { return }
      moves.append((last, s1))
    }
    relocate(moves, temperature: temperature)
  }

  /// Puts each block at its new slot as one move, undone unless accepted.
  private mutating func relocate(_ moves: [(block: Int, to: Int)], temperature: Double) {
    let trial = apply(moves)
    if accept(trial.delta, temperature) {
      accepted += 1
      return
    }
    undo(trial)
  }

  /// Blocks put back where they were, with the rooms they had.
  struct Undo {
    var blocks: [Int]
    var from: [Int]
    var rooms: [[[Int32]]]
    var delta: Int
  }

  /// Puts each block at its new slot; returns the change in cost and what undoes it.
  func apply(_ moves: [(block: Int, to: Int)]) -> Undo {
    let before = weighedCost
    let blocks = moves.map(\.block)
    let from = blocks.map { Int(state.start[$0]) }
    let rooms = blocks.map { block in state.model.blockLessons[block].map { state.chosenRooms[Int($0)] } }
    for block in blocks { state.remove(block) }
    for move in moves { state.place(move.block, at: move.to) }
    return Undo(blocks: blocks, from: from, rooms: rooms, delta: weighedCost - before)
  }

  func undo(_ trial: Undo) {
    for block in trial.blocks { state.remove(block) }
    for (k, block) in trial.blocks.enumerated() {
      for (m, l) in state.model.blockLessons[block].enumerated() {
        for (choice, room) in trial.rooms[k][m].enumerated() where state.chosenRooms[Int(l)][choice] != room {
          state.setRoom(lesson: Int(l), choice: choice, room: room)
        }
      }
    }
    for (k, block) in trial.blocks.enumerated() { state.placeKeepingRooms(block, at: trial.from[k]) }
  }
}

/// The kinds of move of the local search, in the order of their weights and rates.
enum MoveKind: Int, CaseIterable {
  /// A block to the better of two random slots of its domain.
  case move
  /// Two blocks of a class or teacher exchange their slots.
  case swap
  /// A Kempe chain between the block's time window and another.
  case chain
  /// The lessons around a block taken out and placed again.
  case ruinAndRecreate
  /// The best exchange for a lesson in trouble, with a tabu list.
  case bestSwap
  /// A lesson to the end of another day, the last lesson of its day into its place.
  case shift
  /// The best Kempe chain for a lesson in trouble.
  case bestChain
  /// The lessons of the lightest day of a teacher or unit over a hard maximum of days moved to
  /// its other days (`LocalSearch.emptyLightestDay`).
  case emptyDay
}
