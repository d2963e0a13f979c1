// Fix-and-optimize with GLPK: choosing a neighbourhood, solving its MIP (NeighbourhoodMIP), keeping
// the result when it is better; and a deterministic shuffle.
import Foundation
import Logging

/// Fix-and-optimize with GLPK: takes a neighbourhood of the timetable (the lessons of a few
/// classes, of a pair of days, or of a few teachers; a very large class only on a pair of days),
/// fixes everything else, and solves the placement of the freed lessons as a MIP over their
/// possible slots:
///
/// - `x[b,s]` = 1 when block b starts at slot s; each freed block takes exactly one slot;
/// - no teacher, student unit or fixed room twice in a slot and week parity;
/// - for each class day, occupancy `y[c,d,p]` with `y[p] ≥ y[p+1]` from the shift's first period
///   (no gaps, starting at the first lesson — tight in the LP) and `Σ y ≤` the class's daily maximum;
/// - a subject's lessons at most so many a day; rooms of a kind not over-used in a slot;
/// - soft: teacher and student gaps (the `before/after` formulation), days off, teachers' daily
///   maximum, spread of a subject over the week, difficult lessons first, moves away from a
///   previous timetable.
///
/// Hard rows get slack variables at a high price, so the current placement is always a solution:
/// it is completed into a starting solution by an LP with the placement fixed, and handed to
/// branch and cut. The result replaces the current placement only when the full evaluation of the
/// search state finds it better.
struct NeighbourhoodSearch {
  let state: SearchState
  var random: SeededGenerator
  let timeLimit: Double
  /// Sizes, prices and GLPK's options (`SearchParameters.Neighbourhoods`).
  let parameters: SearchParameters.Neighbourhoods
  /// Where a line per neighbourhood goes (debug level).
  let logger: Logger?
  /// Target number of placement variables; grows when sub-problems solve fast, shrinks when not.
  var targetSize: Int
  private(set) var solved = 0
  private(set) var improved = 0
  private var kind = 0
  /// Price of a unit of slack on a hard row.
  var hardPrice: Double { parameters.mipHardPrice }

  init(
    state: SearchState, seed: UInt64, timeLimit: Double, parameters: SearchParameters = SearchParameters(),
    logger: Logger? = nil
  ) {
    self.state = state
    random = SeededGenerator(seed: seed)
    self.timeLimit = timeLimit
    self.parameters = parameters.neighbourhoods
    self.logger = logger
    targetSize = parameters.neighbourhoods.startSize
  }

  /// Solves one neighbourhood and keeps the result if it is better.
  mutating func improve(stop: () -> Bool, remaining: Double = .infinity) {
    guard !stop() else { return }
    let (blocks, days) = chooseNeighbourhood()
    guard blocks.count >= 2 else { return }
    let before = state.cost
    // The cost by part before and after, for the debug line only.
    let detailed = logger.map { $0.logLevel <= .debug } ?? false
    let breakdownBefore = detailed ? state.breakdown() : [:]
    let snapshot = state.snapshot()
    let old = blocks.map { Int(state.start[$0]) }
    for b in blocks where state.isPlaced(b) { state.remove(b) }
    guard let mip = try? buildMIP(blocks: blocks, old: old, days: days) else {
      state.restore(snapshot)
      return
    }
    solved += 1
    guard remaining > parameters.leastRemaining else {
      state.restore(snapshot)
      return
    }
    var options = SolveOptions(timeLimit: min(timeLimit, remaining), mipGap: 0.0)
    options.nodeLimit = parameters.nodeLimit
    options.cuts = parameters.cuts
    options.depthFirst = parameters.depthFirst
    options.feasibilityPump = parameters.feasibilityPump
    options.startingFixes = mip.startingFixes
    options.startingFixTimeLimit = parameters.completionTimeLimit
    var result: LinearProgramSolution?
    if mip.start != nil || mip.startingFixes != nil {
      options.startingSolution = mip.start
      result = try? mip.program.solve(options)
    }
    guard let solution = result, solution.hasSolution else {
      let noStart = mip.start == nil && (mip.startingFixes == nil || result?.startObjective == nil)
      logger?.debug(
        "mip: \(blocks.count) blocks, \(mip.program.variableCount) vars, no solution: \(noStart ? "no start" : result.map { "\($0.status) in \(String(format: "%.2f", $0.seconds)) s" } ?? "error")"
      )
      state.restore(snapshot)
      targetSize = max(parameters.leastSize, Int(Double(targetSize) * parameters.shrinkWithoutSolution))
      return
    }
    if solution.status == .optimal && solution.seconds < timeLimit / parameters.fastDivisor {
      targetSize = min(parameters.mostSize, Int(Double(targetSize) * parameters.growWhenFast))
    } else if solution.status != .optimal {
      targetSize = max(parameters.leastSize, Int(Double(targetSize) * parameters.shrinkWhenNotOptimal))
    }
    for (i, b) in blocks.enumerated() {
      var slot = old[i]
      for (s, variable) in mip.placements[i] where solution.values[variable.index] > 0.5 {
        slot = s
        break
      }
      if slot >= 0 { state.place(b, at: slot) }
    }
    // GLPK counts the free rooms of each kind, not which room each lesson takes: the rooms are
    // chosen again, as after a round of annealing, before the result is judged.
    if parameters.roomsAfterSolve { state.chooseRoomsAgain() }
    if detailed {
      let after = state.breakdown()
      // The parts that changed, hard/soft before → after.
      let parts = after.keys.sorted().filter { breakdownBefore[$0] != after[$0] }.map {
        let was = breakdownBefore[$0] ?? .zero
        return "\($0) \(was.hard)/\(was.soft)→\(after[$0]!.hard)/\(after[$0]!.soft)"
      }.joined(separator: ", ")
      let startObjective = (mip.startObjective ?? solution.startObjective).map { String(format: "%.1f", $0) } ?? "?"
      logger?.debug(
        "mip: \(blocks.count) blocks, \(mip.program.variableCount) vars, \(mip.program.constraintCount) rows, \(solution.status) in \(String(format: "%.2f", solution.seconds)) s, objective \(startObjective) → \(solution.objective ?? -1) bound \(solution.bound ?? -1); \(before) → \(state.cost) [\(parts)]"
      )
    }
    if state.cost < before {
      improved += 1
    } else if before < state.cost {
      state.restore(snapshot)
    }
  }

  // MARK: - Choosing a neighbourhood

  /// Blocks to free and the days they may move to (all days when `nil`).
  mutating func chooseNeighbourhood() -> ([Int], Set<Int>?) {
    let model = state.model
    let state = self.state
    let movable = { (b: Int) in !model.locked[b] && state.isPlaced(b) }
    var classes: [Int] = []
    var days: Set<Int>? = nil
    kind = (kind + 1) % 3
    let troubled =
      state.cost.hard > 0 ? (0..<model.blockLessons.count).filter { movable($0) && state.isTroubled($0) } : []
    var troubledDay: Int?
    if let seed = troubled.isEmpty ? nil : troubled[random.below(troubled.count)] {
      let seedDay = Int(state.start[seed]) / model.periods
      troubledDay = seedDay
      // Around a lesson in trouble: its classes, then the classes linked to them by teachers,
      // as many as the sub-problem's size allows; every third time only on its day and another
      // (a lesson of many classes that must leave its day needs many classes and few days).
      let lesson = Int(model.blockLessons[seed][0])
      if kind == 0, model.days > 2 {
        days = pairOfDays(with: seedDay)
      }
      classes = model.classesOf[lesson].map(Int.init)
      // All classes of its teachers (a teacher's rule needs their whole week free).
      for t in model.teachers[lesson] {
        for l in model.teacherLessons[Int(t)] {
          for c in model.classesOf[Int(l)] where !classes.contains(Int(c)) { classes.append(Int(c)) }
        }
      }
      if let first = classes.first {
        for c in linkedClasses(from: first) where !classes.contains(c) { classes.append(c) }
      }
    } else if kind < 2 && model.days > 2 && model.classCount > 0 {
      // Two days for a group of classes linked by their teachers.
      days = pairOfDays(with: random.below(model.days))
      classes = linkedClasses(from: random.below(model.classCount))
    } else if model.classCount > 0 {
      // One class over the whole week.
      classes = [random.below(model.classCount)]
    }
    // A class too big for the sub-problem over the whole week (a course-system year of hundreds
    // of lessons) is freed on two days: its day in trouble, if any, and another.
    if days == nil, model.days > 2, let first = classes.first {
      let weekSize = model.classLessons[first].reduce(0) { total, l in
        let b = Int(model.blockOf[Int(l)])
        return movable(b) ? total + model.domain[b].count : total
      }
      if weekSize > parameters.largeClass {
        logger?.debug("mip: a large class on two days")
        days = pairOfDays(with: troubledDay ?? random.below(model.days))
      }
    }
    // Add classes until the sub-problem reaches its target size.
    var chosen = Set<Int>()
    var blocks: [Int] = []
    var size = 0
    for c in classes {
      var added: [Int] = []
      var addedSize = 0
      for l in model.classLessons[c] {
        let b = Int(model.blockOf[Int(l)])
        guard movable(b), !chosen.contains(b), !added.contains(b) else { continue }
        // A lesson of several classes is freed only with all of them.
        let lessonClasses = model.classesOf[Int(l)].map(Int.init)
        if lessonClasses.count > 1, !lessonClasses.allSatisfy({ classes.contains($0) }) { continue }
        if let days, !days.contains(Int(state.start[b]) / model.periods) { continue }
        added.append(b)
        addedSize +=
          days.map { d in model.domain[b].filter { d.contains(Int($0) / model.periods) }.count }
          ?? model.domain[b].count
      }
      if size > 0 && size + addedSize > targetSize { break }
      blocks += added
      for b in added { chosen.insert(b) }
      size += addedSize
    }
    return (blocks, days)
  }

  /// A day and another one, chosen at random.
  private mutating func pairOfDays(with day: Int) -> Set<Int> {
    var other = random.below(state.model.days - 1)
    if other >= day { other += 1 }
    return [day, other]
  }

  /// Classes in the order a search through shared teachers meets them, starting from one.
  private mutating func linkedClasses(from first: Int) -> [Int] {
    let model = state.model
    var order = [first]
    var seen: Set<Int> = [first]
    var head = 0
    while head < order.count {
      let c = order[head]
      head += 1
      var next: [Int] = []
      for l in model.classLessons[c] {
        for t in model.teachers[Int(l)] {
          for other in model.teacherLessons[Int(t)] {
            for c2 in model.classesOf[Int(other)] where !seen.contains(Int(c2)) {
              seen.insert(Int(c2))
              next.append(Int(c2))
            }
          }
        }
      }
      order += next.shuffledDeterministically(&random)
    }
    return order
  }

  // MARK: - The MIP

  struct SubProblem {
    var program: LinearProgram
    /// For each freed block, its possible start slots and their variables.
    var placements: [[(slot: Int, variable: LinearProgram.Variable)]]
    var start: [Double]?
    var startObjective: Double?
    /// The placement variables' current values, when the solve completes the start itself.
    var startingFixes: [(variable: LinearProgram.Variable, value: Double)]?
  }

  /// The MIP of the freed blocks (see `NeighbourhoodMIP`).
  private func buildMIP(blocks: [Int], old: [Int], days: Set<Int>?) throws -> SubProblem {
    var mip = NeighbourhoodMIP(state: state, blocks: blocks, old: old, days: days, parameters: parameters)
    return try mip.build()
  }
}

extension Array {
  /// The array in an order drawn from the generator (Fisher–Yates).
  func shuffledDeterministically(_ random: inout SeededGenerator) -> [Element] {
    var result = self
    guard result.count > 1 else { return result }
    for i in stride(from: result.count - 1, to: 0, by: -1) {
      result.swapAt(i, random.below(i + 1))
    }
    return result
  }
}
