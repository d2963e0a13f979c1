/// The rules of the kinds FET files use, as rows of a neighbourhood's MIP. Each is written for
/// the teachers and student units the freed lessons touch, with the fixed lessons as constants,
/// and every row has priced slack (hard rules at the hard price), so that the current placement
/// stays a solution. What is not modelled here is still judged by the full evaluation afterwards.
struct NeighbourhoodRules {
  let state: SearchState
  let lp: LinearProgram
  let hardPrice: Double
  /// For each freed block, its possible slots and their variables.
  let placements: [[(slot: Int, variable: LinearProgram.Variable)]]
  let blocks: [Int]
  /// Variables covering each (resource, slot, parity) cell.
  let cover: [Int: [LinearProgram.Variable]]
  let days: Set<Int>
  /// Whether rules on changes of building get rows (`SearchParameters.Neighbourhoods.buildingRules`).
  var buildingRows = false

  typealias Term = (constant: Double, variable: LinearProgram.Variable?)
  private var busyCache: [Int: [Term]] = [:]
  private var busyFromCache: [Int: [Term]] = [:]
  private var shapeCache: [Int: (gaps: [LinearProgram.Variable], gapConstant: Double, used: Term, started: [Term])] =
    [:]

  init(
    state: SearchState, lp: LinearProgram, hardPrice: Double,
    placements: [[(slot: Int, variable: LinearProgram.Variable)]],
    blocks: [Int], cover: [Int: [LinearProgram.Variable]], days: Set<Int>
  ) {
    self.state = state
    self.lp = lp
    self.hardPrice = hardPrice
    self.placements = placements
    self.blocks = blocks
    self.cover = cover
    self.days = days
  }

  var model: TimetableModel { state.model }

  func price(_ weight: TimetableModel.Weight) -> Double { weight.hard ? hardPrice : Double(weight.soft) }

  /// Whether a resource is busy in each period of a day: a constant for fixed lessons or a day
  /// out of the neighbourhood, a variable (the OR of the lessons that may come) otherwise.
  mutating func busy(_ r: Int, _ d: Int) throws -> [Term] {
    let key = r * model.days + d
    if let known = busyCache[key] { return known }
    let P = model.periods
    var terms: [Term] = []
    for p in 0..<P {
      let slot = d * P + p
      if state.load(resource: r, slot: slot) > 0 {
        terms.append((1, nil))
        continue
      }
      var seen = Set<Int>()
      var vars: [LinearProgram.Variable] = []
      for k in 0..<2 {
        for x in cover[(r * model.slots + slot) * 2 + k] ?? [] where seen.insert(x.index).inserted { vars.append(x) }
      }
      if vars.isEmpty {
        terms.append((0, nil))
      } else if vars.count == 1 {
        terms.append((0, vars[0]))
      } else {
        let u = try lp.addVariable(.continuous, lower: 0, upper: 1)
        for x in vars { try lp.addConstraint([(u, 1), (x, -1)], .greaterOrEqual, 0) }
        try lp.addConstraint([(u, 1)] + vars.map { ($0, -1.0) }, .lessOrEqual, 0)
        terms.append((0, u))
      }
    }
    busyCache[key] = terms
    return terms
  }

  /// Σ terms as (constant, variable terms).
  func sum(_ terms: [Term]) -> (Double, [(LinearProgram.Variable, Double)]) {
    (terms.reduce(0) { $0 + $1.constant }, terms.compactMap { $0.variable.map { ($0, 1.0) } })
  }

  /// `lhs ≤ rhs + slack` with the slack priced.
  func atMost(_ terms: [(LinearProgram.Variable, Double)], _ rhs: Double, _ weight: TimetableModel.Weight) throws {
    guard !terms.isEmpty else { return }
    let slack = try lp.addVariable(.continuous, lower: 0, cost: price(weight))
    try lp.addConstraint(terms + [(slack, -1)], .lessOrEqual, rhs)
  }

  /// The gap variables of a resource's day (none on excused periods), and the day's "used" variable.
  mutating func dayShape(_ r: Int, _ d: Int) throws -> (
    gaps: [LinearProgram.Variable], gapConstant: Double, used: Term, started: [Term]
  ) {
    let key = r * model.days + d
    if let known = shapeCache[key] { return known }
    let shape = try makeDayShape(r, d)
    shapeCache[key] = shape
    return shape
  }

  private mutating func makeDayShape(_ r: Int, _ d: Int) throws -> (
    gaps: [LinearProgram.Variable], gapConstant: Double, used: Term, started: [Term]
  ) {
    let P = model.periods
    let terms = try busy(r, d)
    if terms.allSatisfy({ $0.variable == nil }) {
      var mask: UInt32 = 0
      for (p, t) in terms.enumerated() where t.constant > 0 { mask |= 1 << UInt32(p) }
      let gaps = Double(ResourceRule.gaps(mask, excused: model.excused[r * model.days + d]))
      let started = (0..<P).map { p -> Term in (mask & ((UInt32(2) << UInt32(p)) - 1) != 0 ? 1 : 0, nil) }
      return ([], gaps, (mask != 0 ? 1 : 0, nil), started)
    }
    let excused = model.excused[r * model.days + d]
    var started: [LinearProgram.Variable] = []
    var open: [LinearProgram.Variable] = []
    for p in 0..<P {
      let s = try lp.addVariable(.continuous, lower: terms[p].constant, upper: 1)
      if p > 0 { try lp.addConstraint([(s, 1), (started[p - 1], -1)], .greaterOrEqual, 0) }
      if let v = terms[p].variable { try lp.addConstraint([(s, 1), (v, -1)], .greaterOrEqual, 0) }
      started.append(s)
    }
    for p in 0..<P { open.append(try lp.addVariable(.continuous, lower: terms[p].constant, upper: 1)) }
    for p in stride(from: P - 1, through: 0, by: -1) {
      if p < P - 1 { try lp.addConstraint([(open[p], 1), (open[p + 1], -1)], .greaterOrEqual, 0) }
      if let v = terms[p].variable { try lp.addConstraint([(open[p], 1), (v, -1)], .greaterOrEqual, 0) }
    }
    var gaps: [LinearProgram.Variable] = []
    for p in 1..<max(P - 1, 1) where excused & (1 << UInt32(p)) == 0 {
      let gap = try lp.addVariable(.continuous, lower: 0)
      var row: [(LinearProgram.Variable, Double)] = [(gap, 1), (started[p], -1), (open[p], -1)]
      if let v = terms[p].variable { row.append((v, 1)) }
      try lp.addConstraint(row, .greaterOrEqual, -1 - terms[p].constant)
      gaps.append(gap)
    }
    // The day is used when the resource is busy in any period: the last `started`.
    return (gaps, 0, (0, started[P - 1]), started.map { (0, $0) })
  }

  /// Rows for every rule of every touched teacher and unit, lesson groups, and ends of days.
  mutating func addAll(resources: [Int]) throws {
    for r in resources where !model.resourceRules[r].isEmpty { try addResourceRules(r) }
    try addGroupRules()
    try addEndsOfDay()
  }

  mutating func addResourceRules(_ r: Int) throws {
    for rule in model.resourceRules[r] {
      switch rule.kind {
      case .maxHoursDaily(let most):
        for d in days.sorted() {
          let (constant, terms) = sum(try busy(r, d))
          try atMost(terms, Double(most) - constant, rule.weight)
        }
      case .minHoursDaily(let least, let allowEmpty):
        try addMinHoursDaily(r, least, allowEmpty: allowEmpty, rule.weight)
      case .maxHoursContinuously(let most): try addMaxHoursContinuously(r, most, rule.weight)
      case .maxGapsPerDay(let most):
        for d in days.sorted() {
          let shape = try dayShape(r, d)
          try atMost(shape.gaps.map { ($0, 1.0) }, Double(most) - shape.gapConstant, rule.weight)
        }
      case .maxGapsPerWeek(let most): try addMaxGapsPerWeek(r, most, rule.weight)
      case .maxDaysPerWeek(let most): try addDaysPerWeek(r, most, isMaximum: true, rule.weight)
      case .minDaysPerWeek(let least): try addDaysPerWeek(r, least, isMaximum: false, rule.weight)
      case .earlyBeginnings(let most): try addEarlyBeginnings(r, most, rule.weight)
      case .intervalMaxDays(let interval, let most): try addIntervalMaxDays(r, interval: interval, most, rule.weight)
      // Not modelled: the neighbourhood's result is kept only when the search's exact cost,
      // which prices these, does not rise.
      case .maxSpan, .minRestingHours: break
      }
    }
  }

  /// At least `least` lessons a day (or none, when empty days are allowed).
  private mutating func addMinHoursDaily(_ r: Int, _ least: Int, allowEmpty: Bool, _ weight: TimetableModel.Weight)
    throws
  {
    if r < model.teacherCount, model.teacherLessons[r].isEmpty { return }
    for d in days.sorted() {
      let (constant, terms) = sum(try busy(r, d))
      guard !terms.isEmpty else { continue }
      // least × used − Σ busy ≤ slack
      let slack = try lp.addVariable(.continuous, lower: 0, cost: price(weight))
      if allowEmpty {
        let shape = try dayShape(r, d)
        var row = terms.map { ($0.0, -1.0) } + [(slack, -1.0)]
        if let used = shape.used.variable { row.append((used, Double(least))) }
        try lp.addConstraint(row, .lessOrEqual, constant - Double(least) * shape.used.constant)
      } else {
        try lp.addConstraint(terms.map { ($0.0, -1.0) } + [(slack, -1.0)], .lessOrEqual, constant - Double(least))
      }
    }
  }

  /// At most `most` lessons in a row: every window of `most + 1` periods holds at most `most`.
  private mutating func addMaxHoursContinuously(_ r: Int, _ most: Int, _ weight: TimetableModel.Weight) throws {
    let P = model.periods
    guard most + 1 <= P else { return }
    for d in days.sorted() {
      let terms = try busy(r, d)
      for start in 0...(P - most - 1) {
        let window = Array(terms[start...(start + most)])
        let (constant, vars) = sum(window)
        try atMost(vars, Double(most) - constant, weight)
      }
    }
  }

  /// At most `most` gaps in the week (days out of the neighbourhood count as constants).
  private mutating func addMaxGapsPerWeek(_ r: Int, _ most: Int, _ weight: TimetableModel.Weight) throws {
    let D = model.days
    var terms: [(LinearProgram.Variable, Double)] = []
    var constant = 0.0
    for d in 0..<D {
      if days.contains(d) {
        let shape = try dayShape(r, d)
        terms += shape.gaps.map { ($0, 1.0) }
        constant += shape.gapConstant
      } else {
        constant += Double(ResourceRule.gaps(state.resourceMask(r, d), excused: model.excused[r * D + d]))
      }
    }
    try atMost(terms, Double(most) - constant, weight)
  }

  /// At most (or at least) `most` working days in the week.
  private mutating func addDaysPerWeek(_ r: Int, _ most: Int, isMaximum: Bool, _ weight: TimetableModel.Weight) throws {
    let D = model.days
    var terms: [(LinearProgram.Variable, Double)] = []
    var constant = 0.0
    for d in 0..<D {
      if days.contains(d) {
        let used = try dayShape(r, d).used
        constant += used.constant
        if let v = used.variable { terms.append((v, 1)) }
      } else if state.resourceMask(r, d) != 0 {
        constant += 1
      }
    }
    if isMaximum {
      try atMost(terms, Double(most) - constant, weight)
    } else if !terms.isEmpty {
      // most − Σ used ≤ slack (a used day needs a lesson: its `started` is at most its busy periods)
      for d in days.sorted() {
        let shape = try dayShape(r, d)
        if let used = shape.used.variable {
          let (c, busyTerms) = sum(try busy(r, d))
          try lp.addConstraint([(used, 1)] + busyTerms.map { ($0.0, -1.0) }, .lessOrEqual, c)
        }
      }
      let slack = try lp.addVariable(.continuous, lower: 0, cost: price(weight))
      try lp.addConstraint(terms.map { ($0.0, -1.0) } + [(slack, -1)], .lessOrEqual, constant - Double(most))
    }
  }

  /// At most `most` days busy in the periods of `interval` (bit p: period p); days out of the
  /// neighbourhood, and days with a fixed lesson in the interval, count as constants.
  private mutating func addIntervalMaxDays(_ r: Int, interval: UInt32, _ most: Int, _ weight: TimetableModel.Weight)
    throws
  {
    var terms: [(LinearProgram.Variable, Double)] = []
    var constant = 0.0
    for d in 0..<model.days {
      guard days.contains(d) else {
        if state.resourceMask(r, d) & interval != 0 { constant += 1 }
        continue
      }
      let periods = try busy(r, d).enumerated().filter { interval & (1 << UInt32($0.offset)) != 0 }.map(\.element)
      if periods.contains(where: { $0.constant > 0 }) {
        constant += 1
        continue
      }
      let variables = periods.compactMap(\.variable)
      guard !variables.isEmpty else { continue }
      // used ≥ each busy period of the interval (the price keeps it down)
      let used = try lp.addVariable(.continuous, lower: 0, upper: 1)
      for v in variables { try lp.addConstraint([(used, 1), (v, -1)], .greaterOrEqual, 0) }
      terms.append((used, 1))
    }
    try atMost(terms, Double(most) - constant, weight)
  }

  /// At most `most` days that begin at the second hour (a day that begins later is a violation
  /// of its own).
  private mutating func addEarlyBeginnings(_ r: Int, _ most: Int, _ weight: TimetableModel.Weight) throws {
    let D = model.days
    let P = model.periods
    var seconds: [(LinearProgram.Variable, Double)] = []
    var constant = 0.0
    for d in 0..<D {
      let excused = model.excused[r * D + d]
      let f = (~excused).trailingZeroBitCount
      guard f + 1 < P else { continue }
      if !days.contains(d) {
        let stats = ResourceRule.DayStats(mask: state.resourceMask(r, d), excused: excused)
        constant += stats.second ? 1 : 0
        continue
      }
      let terms = try busy(r, d)
      let shape = try dayShape(r, d)
      // late ≥ used − started[f+1]  (hard: late days are violations of their own)
      if let used = shape.used.variable {
        let late = try lp.addVariable(.continuous, lower: 0, cost: price(weight))
        var row: [(LinearProgram.Variable, Double)] = [(late, 1), (used, -1)]
        var rhs = 0.0
        if let s = shape.started[f + 1].variable { row.append((s, 1)) } else { rhs -= shape.started[f + 1].constant }
        try lp.addConstraint(row, .greaterOrEqual, rhs)
      }
      // second ≥ busy[f+1] − busy[f]
      let second = try lp.addVariable(.continuous, lower: 0)
      var row: [(LinearProgram.Variable, Double)] = [(second, 1)]
      var rhs = 0.0
      if let v = terms[f + 1].variable { row.append((v, -1)) } else { rhs += terms[f + 1].constant }
      if let v = terms[f].variable { row.append((v, 1)) } else { rhs -= terms[f].constant }
      try lp.addConstraint(row, .greaterOrEqual, rhs)
      seconds.append((second, 1))
    }
    try atMost(seconds, Double(most) - constant, weight)
  }

  /// Lesson groups: at most one of a min-days group in each window of `minDays` days, and no two
  /// of a not-overlapping group in one slot.
  mutating func addGroupRules() throws {
    let P = model.periods
    let blockIndex = Dictionary(blocks.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
    var touched = Set<Int>()
    for b in blocks {
      for l in model.blockLessons[b] { for g in model.groupRulesOfLesson[Int(l)] { touched.insert(Int(g)) } }
    }
    for g in touched.sorted() {
      let rule = model.groupRules[g]
      switch rule.kind {
      case .minDays(let minDays, _) where minDays >= 1:
        for first in 0..<model.days {
          let window = first..<min(first + minDays, model.days)
          var terms: [(LinearProgram.Variable, Double)] = []
          var fixed = 0.0
          for l in rule.lessons {
            let b = Int(model.blockOf[Int(l)])
            if let i = blockIndex[b] {
              for (slot, x) in placements[i] where window.contains(slot / P) { terms.append((x, 1)) }
            } else if state.isPlaced(b), window.contains(Int(state.start[b]) / P) {
              fixed += 1
            }
          }
          if terms.count + Int(fixed) > 1 { try atMost(terms, 1 - fixed, rule.weight) }
        }
      case .notOverlapping:
        let (freed, fixed) = occupancy(of: rule.lessons, blockIndex: blockIndex)
        for (slot, terms) in freed where terms.count > 1 || fixed[slot] != nil {
          try atMost(terms, fixed[slot] != nil ? 0 : 1, rule.weight)
        }
      case .maxSimultaneous(let selected, let most):
        try addMaxSimultaneous(rule, selected: selected, most: most, blockIndex: blockIndex)
      case .sameDay, .samePeriod, .maxDays, .minGaps, .ordered: try addPairRule(rule, blockIndex: blockIndex)
      case .tagMaxDaily(let most): try addTagHours(rule, most: most, continuously: false, blockIndex: blockIndex)
      case .tagMaxContinuously(let most):
        try addTagHours(rule, most: most, continuously: true, blockIndex: blockIndex)
      case .buildings(let resource, let buildingOfRoom, let limit) where buildingRows:
        try addBuildingRule(
          rule, resource: Int(resource), buildingOfRoom: buildingOfRoom, limit: limit, blockIndex: blockIndex)
      default:
        continue
      }
    }
  }

  /// At most `most` of the rule's lessons in each selected slot: Σ x over the freed lessons that
  /// would hold it ≤ most − the fixed ones holding it (its excess priced: the search counts one
  /// unit per slot, so the MIP's price of a soft one is an approximation).
  private mutating func addMaxSimultaneous(
    _ rule: GroupRule, selected: [Bool], most: Int, blockIndex: [Int: Int]
  ) throws {
    let (freed, fixed) = occupancy(of: rule.lessons, blockIndex: blockIndex)
    for slot in freed.keys.sorted() where selected[slot] && freed[slot]!.count + (fixed[slot] ?? 0) > most {
      try atMost(freed[slot]!, Double(most - (fixed[slot] ?? 0)), rule.weight)
    }
  }

  /// The slots the lessons would hold: for each, the placement variables of the freed lessons
  /// that would hold it, and how many fixed lessons hold it.
  private func occupancy(of lessons: [Int32], blockIndex: [Int: Int]) -> (
    freed: [Int: [(LinearProgram.Variable, Double)]], fixed: [Int: Int]
  ) {
    var freed: [Int: [(LinearProgram.Variable, Double)]] = [:]
    var fixed: [Int: Int] = [:]
    for l in lessons {
      let b = Int(model.blockOf[Int(l)])
      let length = model.duration[Int(l)]
      if let i = blockIndex[b] {
        for (slot, x) in placements[i] { for q in 0..<length { freed[slot + q, default: []].append((x, 1)) } }
      } else if state.isPlaced(b) {
        for q in 0..<length { fixed[Int(state.start[b]) + q, default: 0] += 1 }
      }
    }
    return (freed, fixed)
  }

  /// The most lessons of a pair rule whose pairs get rows: a rule of n lessons has n(n − 1)/2
  /// pairs of up to (places × places) terms; larger rules (REVA's gaps between 10 to 13 lessons)
  /// are left to the full evaluation.
  static let mostPairRuleLessons = 8

  /// A rule priced pair by pair (the same day or period, days or gaps between, order): for each
  /// place of the first lesson of a pair, the units it would have with each place of the second,
  /// as the search counts them (`SearchState.activityRuleUnits`). With U the most of those,
  /// `Σ units × at(second) + U × at(first) ≤ U + slack`: the slack is the pair's units when the
  /// first is there, nothing otherwise. Pairs of two fixed lessons are constants and left out.
  private mutating func addPairRule(_ rule: GroupRule, blockIndex: [Int: Int]) throws {
    guard rule.lessons.count <= Self.mostPairRuleLessons else { return }
    let places: [[(slot: Int, variable: LinearProgram.Variable?)]?] = rule.lessons.map { l in
      let b = Int(model.blockOf[Int(l)])
      if let i = blockIndex[b] { return placements[i].map { ($0.slot, $0.variable) } }
      return state.isPlaced(b) ? [(Int(state.start[b]), nil)] : nil
    }
    for j in 0..<rule.lessons.count {
      guard let second = places[j] else { continue }
      for i in 0..<j {
        guard let first = places[i], (first + second).contains(where: { $0.variable != nil }) else { continue }
        for (slot, at) in first {
          var terms: [(LinearProgram.Variable, Double)] = []
          var constant = 0.0
          var most = 0.0
          for (otherSlot, other) in second {
            let units = Double(
              state.activityRuleUnits(
                rule.kind, [(Int(rule.lessons[i]), slot), (Int(rule.lessons[j]), otherSlot)]))
            guard units > 0 else { continue }
            most = max(most, units)
            if let other { terms.append((other, units)) } else { constant += units }
          }
          guard most > 0 else { continue }
          if let at {
            try atMost(terms + [(at, most)], most - constant, rule.weight)
          } else {
            try atMost(terms, -constant, rule.weight)
          }
        }
      }
    }
  }

  /// A teacher's or unit's lessons of one activity tag: on each day of the neighbourhood at most
  /// `most` periods of them, or (`continuously`) at most `most` in every `most + 1` periods in a
  /// row, which is no run longer than `most` (fixed lessons as constants; the search counts the
  /// periods over, so the MIP's slack prices the same units on a day, near enough in a row).
  private mutating func addTagHours(
    _ rule: GroupRule, most: Int, continuously: Bool, blockIndex: [Int: Int]
  ) throws {
    let P = model.periods
    let (freed, fixed) = occupancy(of: rule.lessons, blockIndex: blockIndex)
    let width = continuously ? most + 1 : P
    guard width <= P else { return }
    for d in days.sorted() {
      for first in 0...(P - width) {
        var terms: [(LinearProgram.Variable, Double)] = []
        var constant = 0.0
        for slot in (d * P + first)..<(d * P + first + width) {
          terms += freed[slot] ?? []
          constant += Double(fixed[slot] ?? 0)
        }
        if Double(terms.count) + constant > Double(most) { try atMost(terms, Double(most) - constant, rule.weight) }
      }
    }
  }

  /// A lesson that ends its students' day: when it is at a slot, none of its units is busy later.
  /// One violation per lesson, as the search counts it: `broken ≥ x + busy from the next period − 1`.
  mutating func addEndsOfDay() throws {
    let P = model.periods
    for (i, b) in blocks.enumerated() {
      for l in model.blockLessons[b] where !model.endsDayWeight[Int(l)].isOff {
        let lesson = Int(l)
        var broken: LinearProgram.Variable?
        for (slot, x) in placements[i] {
          let d = slot / P
          let end = slot % P + model.duration[lesson] - 1
          guard end + 1 < P else { continue }
          for u in model.units[lesson] {
            let later = try busyFrom(Int(u), d)[end + 1]
            guard later.constant > 0 || later.variable != nil else { continue }
            let v =
              try broken ?? lp.addVariable(.continuous, lower: 0, upper: 1, cost: price(model.endsDayWeight[lesson]))
            broken = v
            if let a = later.variable, later.constant == 0 {
              try lp.addConstraint([(x, 1), (a, 1), (v, -1)], .lessOrEqual, 1)
            } else {
              try lp.addConstraint([(x, 1), (v, -1)], .lessOrEqual, 0)
            }
          }
        }
      }
    }
  }

  /// Whether a resource is busy in a period of a day or any later one: a constant, or a variable
  /// above the period's `busy` and the next period's (exact when the placements are whole).
  mutating func busyFrom(_ r: Int, _ d: Int) throws -> [Term] {
    let key = r * model.days + d
    if let known = busyFromCache[key] { return known }
    let busy = try busy(r, d)
    var result = [Term](repeating: (0, nil), count: model.periods + 1)
    for p in stride(from: model.periods - 1, through: 0, by: -1) {
      if busy[p].constant > 0 || result[p + 1].constant > 0 {
        result[p] = (1, nil)
        continue
      }
      let vars = [busy[p].variable, result[p + 1].variable].compactMap { $0 }
      if vars.count == 2 {
        let a = try lp.addVariable(.continuous, lower: 0, upper: 1)
        for x in vars { try lp.addConstraint([(a, 1), (x, -1)], .greaterOrEqual, 0) }
        result[p] = (0, a)
      } else {
        result[p] = (0, vars.first)
      }
    }
    busyFromCache[key] = result
    return result
  }
}
