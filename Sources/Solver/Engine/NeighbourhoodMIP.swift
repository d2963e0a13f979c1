// The MIP of one neighbourhood (see `NeighbourhoodSearch`), built family of rows by family of
// rows: placements, resource capacity, rooms of a kind, class days, lessons a day, gaps and daily
// maxima of teachers and units, prices of days and times, spread, the rules of FET's kinds, and
// the current placement completed into a starting solution.
import Foundation

/// The placement of a neighbourhood's freed blocks as a MIP, with everything else fixed.
struct NeighbourhoodMIP {
  typealias Variable = LinearProgram.Variable

  let state: SearchState
  let model: TimetableModel
  let parameters: SearchParameters.Neighbourhoods
  let lp = LinearProgram()
  /// The freed blocks, their slots before, and the days they may move to (all when nil).
  let blocks: [Int]
  let old: [Int]
  let days: Set<Int>?
  let P: Int
  var hardPrice: Double { parameters.mipHardPrice }

  /// For each freed block, its possible start slots and their variables.
  var placements: [[(slot: Int, variable: Variable)]] = []
  /// The current placement's values of the placement variables.
  var startX: [Int: Double] = [:]
  /// Coverage: which variables occupy a (resource, slot, parity) cell.
  var cover: [Int: [Variable]] = [:]
  /// Which variables occupy a (class, slot).
  var classCover: [Int: [Variable]] = [:]
  /// Which variables need a room of a set in a slot, by set.
  var roomSetCover: [String: (rooms: [Int32], cells: [Int: [Variable]])] = [:]
  /// Which variables need a room without a choice in a slot, in both weeks, by room and slot.
  var fixedRoomCover: [Int: [Variable]] = [:]
  var touchedClasses = Set<Int>()
  var touchedTeachers = Set<Int>()
  var touchedUnits = Set<Int>()
  var touchedDays = Set<Int>()
  /// Each freed block's position in `blocks`.
  let blockIndex: [Int: Int]

  init(state: SearchState, blocks: [Int], old: [Int], days: Set<Int>?, parameters: SearchParameters.Neighbourhoods) {
    self.state = state
    model = state.model
    self.parameters = parameters
    self.blocks = blocks
    self.old = old
    self.days = days
    P = state.model.periods
    blockIndex = Dictionary(blocks.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
  }

  /// The whole MIP, rows in a fixed order (GLPK's result depends on it).
  mutating func build() throws -> NeighbourhoodSearch.SubProblem {
    for (i, b) in blocks.enumerated() { try addPlacements(i, b) }
    try addResourceCapacity()
    try addRoomKinds()
    try addClassDays()
    try addLessonsPerDay()
    try addTeacherAndUnitDays()
    try addDayPrices()
    try addSpread()
    try addTimePrices()
    // Rules of the kinds FET files use, on the touched teachers and units.
    if !model.groupRules.isEmpty || model.hasResourceRules || model.endsDayOfUnit.contains(where: { !$0.isEmpty }) {
      var rules = NeighbourhoodRules(
        state: state, lp: lp, hardPrice: hardPrice, placements: placements, blocks: blocks, cover: cover,
        days: touchedDays)
      rules.buildingRows = parameters.buildingRules
      try rules.addAll(resources: touchedTeachers.sorted() + touchedUnits.sorted())
    }
    return try completedStart()
  }

  // MARK: - Placements

  /// A freed block's variables, one per slot it may take (where its fixed resources are free,
  /// and its slot now), and the row that it takes one.
  private mutating func addPlacements(_ i: Int, _ b: Int) throws {
    var options: [(Int, Variable)] = []
    for s in model.domain[b] {
      let slot = Int(s)
      if let days, !days.contains(slot / P) { continue }
      if !fixedResourcesFree(b, at: slot) && slot != old[i] { continue }
      let x = try lp.addVariable(.binary, name: "x\(b)_\(slot)")
      options.append((slot, x))
      if slot == old[i] { startX[x.index] = 1 }
      touchedDays.insert(slot / P)
      recordCover(b, at: slot, with: x)
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

  /// Whether every fixed resource of a block's lessons is free where it would start at a slot.
  private func fixedResourcesFree(_ b: Int, at slot: Int) -> Bool {
    for l in model.blockLessons[b] {
      let lesson = Int(l)
      for q in 0..<model.duration[lesson] {
        for r in model.fixedResources[lesson]
        where !state.isFree(resource: Int(r), slot: slot + q, parity: model.parity[lesson]) {
          return false
        }
      }
    }
    return true
  }

  /// Records the cells, class periods and room sets a block's variable at a slot occupies.
  private mutating func recordCover(_ b: Int, at slot: Int, with x: Variable) {
    for l in model.blockLessons[b] {
      let lesson = Int(l)
      let parity = model.parity[lesson]
      for q in 0..<model.duration[lesson] {
        for r in model.fixedResources[lesson] {
          for k in 0..<2 where parity & (1 << k) != 0 {
            cover[(Int(r) * model.slots + slot + q) * 2 + k, default: []].append(x)
          }
          if parity == 3, Int(r) >= model.teacherCount + model.unitCount {
            fixedRoomCover[Int(r) * model.slots + slot + q, default: []].append(x)
          }
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

  // MARK: - Resources

  /// Resource capacity: at most one lesson per cell (slack only where the start needs it).
  private func addResourceCapacity() throws {
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
  }

  /// Rooms of a kind: freed lessons needing a set of rooms do not outnumber its free rooms.
  private func addRoomKinds() throws {
    for key in roomSetCover.keys.sorted() {
      let entry = roomSetCover[key]!
      for slot in entry.cells.keys.sorted() {
        try addRoomCount(entry.cells[slot]!, rooms: entry.rooms, slot: slot)
      }
    }
    if parameters.roomKindUnions { try addRoomKindUnions() }
  }

  /// The row that `vars` (each a lesson needing one of `rooms` in `slot`) do not outnumber the
  /// rooms free and open then, with priced slack; none when they cannot.
  private func addRoomCount(_ vars: [Variable], rooms: some Collection<Int32>, slot: Int) throws {
    let free = rooms.filter {
      state.load(resource: Int($0), slot: slot) == 0 && !model.isRoomClosed($0, from: slot)
    }.count
    guard vars.count > free else { return }
    let slack = try lp.addVariable(.continuous, lower: 0, cost: hardPrice)
    try lp.addConstraint(vars.map { ($0, 1.0) } + [(slack, -1)], .lessOrEqual, Double(free))
  }

  /// Rooms of kinds that share rooms (`SearchParameters.Neighbourhoods.roomKindUnions`): in each
  /// slot, the freed lessons needing a room of any kind of a group of kinds linked by shared
  /// rooms do not outnumber the free rooms of the group's union (Hall's condition for the
  /// matching of rooms that follows). A room a freed lesson needs without a choice is a kind of
  /// one room here, so a lab one lesson must have and others may have counts for both.
  private func addRoomKindUnions() throws {
    var kindsAt: [Int: [(rooms: Set<Int32>, vars: [Variable])]] = [:]
    for key in roomSetCover.keys.sorted() {
      let entry = roomSetCover[key]!
      let rooms = Set(entry.rooms)
      for (slot, vars) in entry.cells { kindsAt[slot, default: []].append((rooms, vars)) }
    }
    for slot in kindsAt.keys.sorted() {
      var kinds = kindsAt[slot]!
      let choices = kinds.reduce(into: Set<Int32>()) { $0.formUnion($1.rooms) }
      for room in choices.sorted() {
        if let vars = fixedRoomCover[Int(room) * model.slots + slot] { kinds.append(([room], vars)) }
      }
      guard kinds.count > 1 else { continue }
      for group in Self.linkedGroups(of: kinds.map(\.rooms)) {
        var rooms = Set<Int32>()
        var vars: [Variable] = []
        for i in group {
          rooms.formUnion(kinds[i].rooms)
          vars += kinds[i].vars
        }
        try addRoomCount(vars, rooms: rooms, slot: slot)
      }
    }
  }

  /// The groups of two or more of `sets` linked by shared members, as indices in order: in a
  /// component of linked sets of at most `wholeComponentAbove` sets every linked group, in a
  /// larger one (whose groups would be too many) the component itself.
  static func linkedGroups(of sets: [Set<Int32>], wholeComponentAbove: Int = 6) -> [[Int]] {
    let linked = sets.indices.map { i in sets.indices.filter { $0 != i && !sets[i].isDisjoint(with: sets[$0]) } }
    var grouped = Array(repeating: false, count: sets.count)
    var groups: [[Int]] = []
    for first in sets.indices where !grouped[first] {
      let members = reached(from: first, linked, within: { _ in true }).sorted()
      for i in members { grouped[i] = true }
      guard members.count > 1 else { continue }
      guard members.count <= wholeComponentAbove else {
        groups.append(members)
        continue
      }
      for mask in 1..<(1 << members.count) where mask.nonzeroBitCount > 1 {
        let group = members.indices.filter { mask & (1 << $0) != 0 }.map { members[$0] }
        // A group counts when its sets are all reached from its first through shared members.
        if reached(from: group[0], linked, within: group.contains).count == group.count { groups.append(group) }
      }
    }
    return groups
  }

  /// The sets reached from `first` through shared members (`linked`), passing only through
  /// those `within` admits; `first` among them.
  private static func reached(from first: Int, _ linked: [[Int]], within: (Int) -> Bool) -> Set<Int> {
    var reached: Set<Int> = [first]
    var queue = [first]
    while let i = queue.popLast() {
      for j in linked[i] where within(j) && !reached.contains(j) {
        reached.insert(j)
        queue.append(j)
      }
    }
    return reached
  }

  // MARK: - Class days

  /// Class days: occupancy, compact days that start at the first period, the daily maximum.
  private func addClassDays() throws {
    for c in touchedClasses.sorted() {
      for d in touchedDays.sorted() { try addClassDay(c, d) }
    }
  }

  private func addClassDay(_ c: Int, _ d: Int) throws {
    let compact = model.compactWeight[c]
    let maxWeight = model.classMaxWeight[c]
    let fixedMask = state.classMask(c, d)
    var occupancy: [Variable?] = Array(repeating: nil, count: P)
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
    func term(_ p: Int) -> (constant: Double, variable: Variable?) {
      fixed[p] ? (1, nil) : (0, occupancy[p])
    }
    if !compact.isOff && model.compactStartAtFirst[c] {
      let price = compact.hard ? hardPrice : Double(compact.soft)
      for p in model.classFirst[c]..<model.classLast[c] {
        let a = term(p)
        let b = term(p + 1)
        if b.variable == nil && b.constant == 0 { continue }
        // y[p+1] − y[p] ≤ slack
        var terms: [(Variable, Double)] = []
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
        try lp.addConstraint(
          vars.map { ($0, 1.0) } + [(slack, -1)], .lessOrEqual, Double(model.classMax[c] - fixedCount))
      }
    }
  }

  /// A subject at most so many times a day.
  private func addLessonsPerDay() throws {
    let freed = Set(blocks)
    var groupsTouched = Set<Int>()
    for b in blocks {
      for l in model.blockLessons[b] { for g in model.groupsOfLesson[Int(l)] { groupsTouched.insert(Int(g)) } }
    }
    for g in groupsTouched.sorted() {
      let group = model.dailyGroups[g]
      for d in touchedDays.sorted() {
        for k in 0..<2 {
          var fixedCount = 0
          var terms: [(Variable, Double)] = []
          for l in group.lessons where model.parity[Int(l)] & (1 << k) != 0 {
            let b = Int(model.blockOf[Int(l)])
            if freed.contains(b) {
              for (slot, x) in placements[blockIndex[b]!] where slot / P == d { terms.append((x, 1)) }
            } else if state.isPlaced(b), Int(state.start[b]) / P == d {
              fixedCount += 1
            }
          }
          guard terms.count + fixedCount > group.max, !terms.isEmpty else { continue }
          let slack = try lp.addVariable(
            .continuous, lower: 0, cost: group.weight.hard ? hardPrice : Double(group.weight.soft))
          try lp.addConstraint(terms + [(slack, -1)], .lessOrEqual, Double(group.max - fixedCount))
        }
      }
    }
  }

  // MARK: - Teacher and unit days

  /// Soft: gaps of teachers and of student units of split classes; teachers' daily maximum.
  private func addTeacherAndUnitDays() throws {
    for t in touchedTeachers.sorted() {
      let wish = model.teacherMax[t]
      try addDayTerms(
        resource: t, gapWeight: model.teacherGapWeight, maxLessons: wish.max == Int.max ? P : wish.max,
        maxWeight: wish.weight)
    }
    if model.studentGapWeight > 0 {
      let T = model.teacherCount
      for u in touchedUnits.sorted() {
        // Units of classes that are never split are kept compact by the class rule already.
        let unitLessons = model.unitLessons[u - T]
        let split = unitLessons.contains { l in
          model.classesOf[Int(l)].contains { model.classLessons[Int($0)].count != unitLessons.count }
        }
        if split { try addDayTerms(resource: u, gapWeight: model.studentGapWeight, maxLessons: P, maxWeight: 0) }
      }
    }
  }

  private func addDayTerms(resource: Int, gapWeight: Int, maxLessons: Int, maxWeight: Int) throws {
    guard gapWeight > 0 || maxWeight > 0 else { return }
    for d in touchedDays.sorted() {
      guard let busy = try busyTerms(resource: resource, day: d) else { continue }
      if maxWeight > 0 {
        let fixedCount = busy.filter { $0.constant > 0 }.count
        let slack = try lp.addVariable(.continuous, lower: 0, cost: Double(maxWeight))
        try lp.addConstraint(
          busy.compactMap(\.variable).map { ($0, 1.0) } + [(slack, -1)], .lessOrEqual, Double(maxLessons - fixedCount))
      }
      guard gapWeight > 0, busy.count > 2 else { continue }
      try addGaps(busy, weight: gapWeight)
    }
  }

  /// Whether the resource is busy in each period of the part of a day where it can be busy: a
  /// constant for fixed lessons, a variable where freed lessons may come; nil when no freed
  /// lesson may come that day.
  private func busyTerms(resource: Int, day d: Int) throws -> [(constant: Double, variable: Variable?)]? {
    var busy: [(constant: Double, variable: Variable?)] = []
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
    guard high >= low else { return nil }
    for p in low...high {
      let slot = d * P + p
      let fixedBusy = state.load(resource: resource, slot: slot) > 0
      let vars =
        (cover[(resource * model.slots + slot) * 2] ?? []) + (cover[(resource * model.slots + slot) * 2 + 1] ?? [])
      if fixedBusy {
        busy.append((1, nil))
      } else if vars.isEmpty {
        busy.append((0, nil))
      } else {
        let u = try lp.addVariable(.continuous, lower: 0, upper: 1)
        var seen = Set<Int>()
        var distinct: [Variable] = []
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
    return any ? busy : nil
  }

  /// Gaps of a day: started[p] ≥ started[p−1], ≥ busy[p]; open[p] ≥ open[p+1], ≥ busy[p];
  /// gap ≥ started + open − 1 − busy.
  private func addGaps(_ busy: [(constant: Double, variable: Variable?)], weight gapWeight: Int) throws {
    let P = busy.count
    var started: [Variable] = []
    var open: [Variable] = []
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
      var terms: [(Variable, Double)] = [(gap, 1), (started[p], -1), (open[p], -1)]
      if let v = busy[p].variable { terms.append((v, 1)) }
      try lp.addConstraint(terms, .greaterOrEqual, -1 - busy[p].constant)
    }
  }

  // MARK: - Prices

  /// Soft: days off, difficult lessons first in the day, moving away from a previous timetable.
  private func addDayPrices() throws {
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
            for c in model.classesOf[lesson] where slot % P == model.classFirst[Int(c)] {
              price += model.difficultWeight
            }
          }
        }
        if price > 0 { try lp.setCost(x, Double(price)) }
      }
    }
  }

  /// Soft: spread of a subject over the week.
  private func addSpread() throws {
    var spreadsTouched = Set<Int>()
    for b in blocks {
      for l in model.blockLessons[b] { for g in model.spreadOfLesson[Int(l)] { spreadsTouched.insert(Int(g)) } }
    }
    for g in spreadsTouched.sorted() {
      let group = model.spreadGroups[g]
      for d in 0..<model.days {
        var terms: [(Variable, Double)] = []
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
  }

  /// Soft prices of times (breaks, not-available times, preferred times that are soft).
  private func addTimePrices() throws {
    for (i, b) in blocks.enumerated() {
      for (slot, x) in placements[i] {
        let extra = model.blockLessons[b].reduce(0) {
          $0 + (model.startPenalty[Int($1)].isEmpty ? 0 : Int(model.startPenalty[Int($1)][slot]))
        }
        if extra > 0 { try lp.setCost(x, try lp.cost(of: x) + Double(extra)) }
      }
    }
  }

  // MARK: - Start

  /// The current placement completed into a starting solution: fix it, solve the LP, unfix.
  private func completedStart() throws -> NeighbourhoodSearch.SubProblem {
    var start: [Double]?
    var startObjective: Double?
    let binaries = placements.flatMap { $0.map(\.variable) }
    if parameters.warmRelaxation {
      return NeighbourhoodSearch.SubProblem(
        program: lp, placements: placements, startingFixes: binaries.map { ($0, startX[$0.index] ?? 0) })
    }
    for x in binaries { try lp.setBounds(x, lower: startX[x.index] ?? 0, upper: startX[x.index] ?? 0) }
    if let completion = try? lp.solve(SolveOptions(timeLimit: parameters.completionTimeLimit)), completion.hasSolution {
      start = completion.values
      startObjective = completion.objective
    }
    for x in binaries { try lp.setBounds(x, lower: 0, upper: 1) }
    return NeighbourhoodSearch.SubProblem(
      program: lp, placements: placements, start: start, startObjective: startObjective)
  }
}
