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
    var result: LinearProgramSolution?
    if let start = mip.start {
      options.startingSolution = start
      result = try? mip.program.solve(options)
    }
    guard let solution = result, solution.hasSolution else {
      logger?.debug(
        "mip: \(blocks.count) blocks, \(mip.program.variableCount) vars, no solution: \(result.map { "\($0.status) in \(String(format: "%.2f", $0.seconds)) s" } ?? (mip.start == nil ? "no start" : "error"))")
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
    if detailed {
      let after = state.breakdown()
      let parts = after.keys.sorted().map { "\($0) \(breakdownBefore[$0]?.soft ?? 0)→\(after[$0]!.soft)" }.joined(separator: ", ")
      let startObjective = mip.startObjective.map { String(format: "%.1f", $0) } ?? "?"
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
    let troubled = state.cost.hard > 0 ? (0..<model.blockLessons.count).filter { movable($0) && state.isTroubled($0) } : []
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
        addedSize += days.map { d in model.domain[b].filter { d.contains(Int($0) / model.periods) }.count } ?? model.domain[b].count
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
  }

  private func buildMIP(blocks: [Int], old: [Int], days: Set<Int>?) throws -> SubProblem {
    let model = state.model
    let P = model.periods
    let T = model.teacherCount
    let U = model.unitCount
    let lp = LinearProgram()
    var placements: [[(slot: Int, variable: LinearProgram.Variable)]] = []
    var startX: [Int: Double] = [:]
    // Coverage: which variables occupy a (resource, slot, parity) cell.
    var cover: [Int: [LinearProgram.Variable]] = [:]
    var classCover: [Int: [LinearProgram.Variable]] = [:]
    var roomSetCover: [String: (rooms: [Int32], cells: [Int: [LinearProgram.Variable]])] = [:]
    var touchedClasses = Set<Int>()
    var touchedTeachers = Set<Int>()
    var touchedUnits = Set<Int>()
    var touchedDays = Set<Int>()
    for (i, b) in blocks.enumerated() {
      var options: [(Int, LinearProgram.Variable)] = []
      for s in model.domain[b] {
        let slot = Int(s)
        if let days, !days.contains(slot / P) { continue }
        var free = true
        check: for l in model.blockLessons[b] {
          let lesson = Int(l)
          for q in 0..<model.duration[lesson] {
            for r in model.fixedResources[lesson] where !state.isFree(resource: Int(r), slot: slot + q, parity: model.parity[lesson]) {
              free = false
              break check
            }
          }
        }
        if !free && slot != old[i] { continue }
        let x = try lp.addVariable(.binary, name: "x\(b)_\(slot)")
        options.append((slot, x))
        if slot == old[i] { startX[x.index] = 1 }
        touchedDays.insert(slot / P)
        for l in model.blockLessons[b] {
          let lesson = Int(l)
          let parity = model.parity[lesson]
          for q in 0..<model.duration[lesson] {
            for r in model.fixedResources[lesson] {
              for k in 0..<2 where parity & (1 << k) != 0 { cover[(Int(r) * model.slots + slot + q) * 2 + k, default: []].append(x) }
            }
            for c in model.classesOf[lesson] { classCover[Int(c) * model.slots + slot + q, default: []].append(x) }
            for options in model.roomChoices[lesson] {
              let key = options.map(String.init).joined(separator: ",")
              var entry = roomSetCover[key] ?? (options, [:])
              entry.cells[slot + q, default: []].append(x)
              roomSetCover[key] = entry
            }
          }
        }
      }
      if options.isEmpty, old[i] >= 0 {
        let x = try lp.addVariable(.binary, name: "x\(b)_\(old[i])")
        options.append((old[i], x))
        startX[x.index] = 1
      }
      placements.append(options)
      try lp.addConstraint(options.map { ($0.1, 1.0) }, .equal, 1)
      for l in model.blockLessons[b] {
        for c in model.classesOf[Int(l)] { touchedClasses.insert(Int(c)) }
        for t in model.teachers[Int(l)] { touchedTeachers.insert(Int(t)) }
        for u in model.units[Int(l)] { touchedUnits.insert(Int(u)) }
      }
    }
    // Resource capacity: at most one lesson per cell (slack only where the start needs it).
    for key in cover.keys.sorted() {
      let vars = cover[key]!
      let resource = key / 2 / model.slots
      let slot = key / 2 % model.slots
      let parity = UInt8(1 << (key % 2))
      let fixed = state.isFree(resource: resource, slot: slot, parity: parity) ? 0 : 1
      if vars.count < 2 && fixed == 0 { continue }
      var terms = vars.map { ($0, 1.0) }
      if fixed > 0 || vars.count > 1 {
        let slack = try lp.addVariable(.continuous, lower: 0, upper: Double(vars.count), cost: hardPrice)
        terms.append((slack, -1))
      }
      try lp.addConstraint(terms, .lessOrEqual, Double(1 - fixed))
    }
    // Rooms of a kind: freed lessons needing a set of rooms do not outnumber its free rooms.
    for key in roomSetCover.keys.sorted() {
      let entry = roomSetCover[key]!
      let base = T + U
      for slot in entry.cells.keys.sorted() {
        let vars = entry.cells[slot]!
        let free = entry.rooms.filter {
          state.load(resource: Int($0), slot: slot) == 0 && !model.unavailableRoomSlots[Int($0) - base][slot]
        }.count
        guard vars.count > free else { continue }
        let slack = try lp.addVariable(.continuous, lower: 0, cost: hardPrice)
        try lp.addConstraint(vars.map { ($0, 1.0) } + [(slack, -1)], .lessOrEqual, Double(free))
      }
    }
    // Class days.
    for c in touchedClasses.sorted() {
      let compact = model.compactWeight[c]
      let maxWeight = model.classMaxWeight[c]
      for d in touchedDays.sorted() {
        let fixedMask = state.classMask(c, d)
        var occupancy: [LinearProgram.Variable?] = Array(repeating: nil, count: P)
        var fixed = Array(repeating: false, count: P)
        for p in model.classFirst[c]...model.classLast[c] {
          fixed[p] = fixedMask & (1 << UInt32(p)) != 0
          let vars = classCover[c * model.slots + d * P + p] ?? []
          if fixed[p] || vars.isEmpty { continue }
          let y = try lp.addVariable(.continuous, lower: 0, upper: 1)
          for x in vars { try lp.addConstraint([(y, 1), (x, -1)], .greaterOrEqual, 0) }
          try lp.addConstraint([(y, 1)] + vars.map { ($0, -1.0) }, .lessOrEqual, 0)
          occupancy[p] = y
        }
        func term(_ p: Int) -> (constant: Double, variable: LinearProgram.Variable?) {
          fixed[p] ? (1, nil) : (0, occupancy[p])
        }
        if !compact.isOff && model.compactStartAtFirst[c] {
          let price = compact.hard ? hardPrice : Double(compact.soft)
          for p in model.classFirst[c]..<model.classLast[c] {
            let a = term(p)
            let b = term(p + 1)
            if b.variable == nil && b.constant == 0 { continue }
            // y[p+1] − y[p] ≤ slack
            var terms: [(LinearProgram.Variable, Double)] = []
            if let v = b.variable { terms.append((v, 1)) }
            if let v = a.variable { terms.append((v, -1)) }
            let slack = try lp.addVariable(.continuous, lower: 0, upper: 1, cost: price)
            terms.append((slack, -1))
            try lp.addConstraint(terms, .lessOrEqual, a.constant - b.constant)
          }
        }
        if !maxWeight.isOff {
          let vars = occupancy.compactMap { $0 }
          let fixedCount = fixed.filter { $0 }.count
          if !vars.isEmpty {
            let slack = try lp.addVariable(.continuous, lower: 0, cost: maxWeight.hard ? hardPrice : Double(maxWeight.soft))
            try lp.addConstraint(vars.map { ($0, 1.0) } + [(slack, -1)], .lessOrEqual, Double(model.classMax[c] - fixedCount))
          }
        }
      }
    }
    // A subject at most so many times a day.
    let freed = Set(blocks)
    var groupsTouched = Set<Int>()
    for b in blocks { for l in model.blockLessons[b] { for g in model.groupsOfLesson[Int(l)] { groupsTouched.insert(Int(g)) } } }
    let blockIndex = Dictionary(blocks.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
    for g in groupsTouched.sorted() {
      let group = model.dailyGroups[g]
      for d in touchedDays.sorted() {
        for k in 0..<2 {
          var fixedCount = 0
          var terms: [(LinearProgram.Variable, Double)] = []
          for l in group.lessons where model.parity[Int(l)] & (1 << k) != 0 {
            let b = Int(model.blockOf[Int(l)])
            if freed.contains(b) {
              for (slot, x) in placements[blockIndex[b]!] where slot / P == d { terms.append((x, 1)) }
            } else if state.isPlaced(b), Int(state.start[b]) / P == d {
              fixedCount += 1
            }
          }
          guard terms.count + fixedCount > group.max, !terms.isEmpty else { continue }
          let slack = try lp.addVariable(.continuous, lower: 0, cost: group.weight.hard ? hardPrice : Double(group.weight.soft))
          try lp.addConstraint(terms + [(slack, -1)], .lessOrEqual, Double(group.max - fixedCount))
        }
      }
    }
    // Soft: gaps of teachers and of student units of split classes; teachers' daily maximum.
    func addDayTerms(resource: Int, gapWeight: Int, maxLessons: Int, maxWeight: Int) throws {
      guard gapWeight > 0 || maxWeight > 0 else { return }
      for d in touchedDays.sorted() {
        var busy: [(constant: Double, variable: LinearProgram.Variable?)] = []
        var any = false
        // Only the part of the day where the resource can be busy matters.
        var low = P
        var high = -1
        for p in 0..<P {
          let slot = d * P + p
          let k = (resource * model.slots + slot) * 2
          if state.load(resource: resource, slot: slot) > 0 || cover[k] != nil || cover[k + 1] != nil {
            low = min(low, p)
            high = max(high, p)
          }
        }
        guard high >= low else { continue }
        let span = high - low + 1
        for p in low...high {
          let slot = d * P + p
          let fixedBusy = state.load(resource: resource, slot: slot) > 0
          let vars = (cover[(resource * model.slots + slot) * 2] ?? []) + (cover[(resource * model.slots + slot) * 2 + 1] ?? [])
          if fixedBusy {
            busy.append((1, nil))
          } else if vars.isEmpty {
            busy.append((0, nil))
          } else {
            let u = try lp.addVariable(.continuous, lower: 0, upper: 1)
            var seen = Set<Int>()
            var distinct: [LinearProgram.Variable] = []
            for x in vars where seen.insert(x.index).inserted {
              distinct.append(x)
              try lp.addConstraint([(u, 1), (x, -1)], .greaterOrEqual, 0)
            }
            // Busy only when a lesson is there: no filling a gap by pretending.
            try lp.addConstraint([(u, 1)] + distinct.map { ($0, -1.0) }, .lessOrEqual, 0)
            busy.append((0, u))
            any = true
          }
        }
        guard any else { continue }
        if maxWeight > 0 {
          let fixedCount = busy.filter { $0.constant > 0 }.count
          let slack = try lp.addVariable(.continuous, lower: 0, cost: Double(maxWeight))
          try lp.addConstraint(busy.compactMap(\.variable).map { ($0, 1.0) } + [(slack, -1)], .lessOrEqual, Double(maxLessons - fixedCount))
        }
        guard gapWeight > 0, span > 2 else { continue }
        let P = span
        // started[p] ≥ started[p−1], ≥ busy[p]; open[p] ≥ open[p+1], ≥ busy[p]; gap ≥ started + open − 1 − busy.
        var started: [LinearProgram.Variable] = []
        var open: [LinearProgram.Variable] = []
        for p in 0..<P {
          let s = try lp.addVariable(.continuous, lower: busy[p].constant, upper: 1)
          if p > 0 { try lp.addConstraint([(s, 1), (started[p - 1], -1)], .greaterOrEqual, 0) }
          if let v = busy[p].variable { try lp.addConstraint([(s, 1), (v, -1)], .greaterOrEqual, 0) }
          started.append(s)
        }
        for p in 0..<P { open.append(try lp.addVariable(.continuous, lower: busy[p].constant, upper: 1)) }
        for p in stride(from: P - 1, through: 0, by: -1) {
          if p < P - 1 { try lp.addConstraint([(open[p], 1), (open[p + 1], -1)], .greaterOrEqual, 0) }
          if let v = busy[p].variable { try lp.addConstraint([(open[p], 1), (v, -1)], .greaterOrEqual, 0) }
        }
        for p in 1..<(P - 1) {
          let gap = try lp.addVariable(.continuous, lower: 0, cost: Double(gapWeight))
          var terms: [(LinearProgram.Variable, Double)] = [(gap, 1), (started[p], -1), (open[p], -1)]
          if let v = busy[p].variable { terms.append((v, 1)) }
          try lp.addConstraint(terms, .greaterOrEqual, -1 - busy[p].constant)
        }
      }
    }
    for t in touchedTeachers.sorted() {
      let wish = model.teacherMax[t]
      try addDayTerms(resource: t, gapWeight: model.teacherGapWeight, maxLessons: wish.max == Int.max ? P : wish.max, maxWeight: wish.weight)
    }
    if model.studentGapWeight > 0 {
      for u in touchedUnits.sorted() {
        // Units of classes that are never split are kept compact by the class rule already.
        let unitLessons = model.unitLessons[u - T]
        let split = unitLessons.contains { l in model.classesOf[Int(l)].contains { model.classLessons[Int($0)].count != unitLessons.count } }
        if split { try addDayTerms(resource: u, gapWeight: model.studentGapWeight, maxLessons: P, maxWeight: 0) }
      }
    }
    // Soft: days off, difficult lessons first in the day, moving away from a previous timetable.
    for (i, b) in blocks.enumerated() {
      for (slot, x) in placements[i] {
        var price = 0
        for l in model.blockLessons[b] {
          let lesson = Int(l)
          for t in model.teachers[lesson] {
            let off = model.daysOff[Int(t)]
            if off.weight > 0, off.mask & (1 << UInt32(slot / P)) != 0 { price += off.weight }
          }
          if model.difficultWeight > 0, model.difficult[lesson] {
            for c in model.classesOf[lesson] where slot % P == model.classFirst[Int(c)] { price += model.difficultWeight }
          }
        }
        if price > 0 { try lp.setCost(x, Double(price)) }
      }
    }
    // Soft: spread of a subject over the week.
    var spreadsTouched = Set<Int>()
    for b in blocks { for l in model.blockLessons[b] { for g in model.spreadOfLesson[Int(l)] { spreadsTouched.insert(Int(g)) } } }
    for g in spreadsTouched.sorted() {
      let group = model.spreadGroups[g]
      for d in 0..<model.days {
        var terms: [(LinearProgram.Variable, Double)] = []
        var fixedHere = false
        for l in group.lessons where model.parity[Int(l)] & 1 != 0 {
          let b = Int(model.blockOf[Int(l)])
          if let i = blockIndex[b] {
            for (slot, x) in placements[i] where slot / P == d { terms.append((x, 1)) }
          } else if state.isPlaced(b), Int(state.start[b]) / P == d {
            fixedHere = true
          }
        }
        guard !fixedHere, !terms.isEmpty else { continue }
        let used = try lp.addVariable(.continuous, lower: 0, upper: 1, cost: -Double(group.weight))
        try lp.addConstraint([(used, 1)] + terms.map { ($0.0, -1.0) }, .lessOrEqual, 0)
      }
    }
    // Soft prices of times (breaks, not-available times, preferred times that are soft).
    for (i, b) in blocks.enumerated() {
      for (slot, x) in placements[i] {
        let extra = model.blockLessons[b].reduce(0) { $0 + (model.startPenalty[Int($1)].isEmpty ? 0 : Int(model.startPenalty[Int($1)][slot])) }
        if extra > 0 { try lp.setCost(x, try lp.cost(of: x) + Double(extra)) }
      }
    }
    // Rules of the kinds FET files use, on the touched teachers and units.
    if !model.groupRules.isEmpty || model.hasResourceRules || model.endsDayOfUnit.contains(where: { !$0.isEmpty }) {
      var rules = NeighbourhoodRules(
        state: state, lp: lp, hardPrice: hardPrice, placements: placements, blocks: blocks, cover: cover, days: touchedDays)
      try rules.addAll(resources: touchedTeachers.sorted() + touchedUnits.sorted())
    }
    // The current placement completed into a starting solution: fix it, solve the LP, unfix.
    var start: [Double]?
    var startObjective: Double?
    let binaries = placements.flatMap { $0.map(\.variable) }
    for x in binaries { try lp.setBounds(x, lower: startX[x.index] ?? 0, upper: startX[x.index] ?? 0) }
    if let completion = try? lp.solve(SolveOptions(timeLimit: parameters.completionTimeLimit)), completion.hasSolution {
      start = completion.values
      startObjective = completion.objective
    }
    for x in binaries { try lp.setBounds(x, lower: 0, upper: 1) }
    return SubProblem(program: lp, placements: placements, start: start, startObjective: startObjective)
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
