// The search state: the class that holds where every block is and the counts and costs kept
// up to date with it, and the changes of that state (place, remove, move, rooms, snapshots).
// Its other parts are extensions in SearchState+*.swift.

/// A timetable under construction: where each block starts, which rooms the lessons with a
/// choice use, and everything the rules need to price a change quickly — counts of what occupies
/// each resource in each slot and week parity, and the cost of each class, teacher and unit day.
///
/// The counts, scratch lists and costs below are internal rather than private only so that the
/// extensions in SearchState+*.swift can keep them; outside SearchState nothing writes them.
final class SearchState {
  let model: TimetableModel
  let S: Int
  let P: Int
  let D: Int

  /// Start slot of each block, -1 when not placed.
  private(set) var start: [Int32]
  /// For each lesson, the room chosen for each requirement with a choice.
  private(set) var chosenRooms: [[Int32]]
  /// How many lessons hold resource r in slot s and parity k: index (r × S + s) × 2 + k.
  var occupancy: [UInt8]
  /// The lessons holding each (resource, slot, parity) cell, up to `holderSlots` of them (-1:
  /// none); a cell holding more than that is searched through the resource's lessons instead.
  var holders: [Int32]
  static let holderSlots = 4
  /// How many lessons of class c are at slot s: index c × S + s.
  var classOccupancy: [UInt8]
  /// The periods each resource is busy each day (either parity), kept with the counts: r × D + d.
  var busyMasks: [UInt32]
  /// The periods each class has lessons each day: c × D + d.
  var classMasks: [UInt32]
  /// Scratch lists reused by `refresh`, so that pricing a move allocates nothing.
  var scratchClasses: [Int32] = []
  var scratchTeachers: [Int32] = []
  var scratchUnits: [Int32] = []
  var scratchGroups: [Int32] = []
  var scratchSpreads: [Int32] = []
  var scratchRules: [Int32] = []
  var scratchPlaced: [(lesson: Int, slot: Int)] = []
  /// Scratch of the building and activity-tag rules: lessons with buildings (slot × lessons +
  /// lesson) and the building of each; the tag rules' masks of days.
  var scratchBuildings: [Int] = []
  var scratchBuildingOf: [Int32] = []
  var scratchMasks: [UInt32] = []
  /// Each building rule's value each day (`buildingDayValue`): row × D + d, the row in
  /// `buildingRow`.
  var buildingDays: [Int32]
  let buildingRow: [Int32]
  /// Scratch of a subject's daily maximum: lessons a day and week parity (d × 2 + parity).
  var scratchParityCounts: [Int] = []
  /// Stamps for collecting each class, teacher, unit, group and rule once per refresh.
  var stamp: [UInt32]
  var epoch: UInt32 = 0
  var clashes = 0
  /// The change in clashes of the last `delta` trial.
  private(set) var lastClashDelta = 0
  private(set) var unplaced = 0
  /// Blocks placed and removed so far: the search's measure of the work a move costs.
  private(set) var work = 0

  var classDayCost: [Cost]
  var teacherDayCost: [Cost]
  var unitDayCost: [Cost]
  var groupCost: [Cost]
  var spreadCost: [Cost]
  var ruleCost: [Cost]
  /// Daily rules' cost per resource and day (index r × days + d), weekly rules' per resource.
  var resourceDayCost: [Cost]
  var resourceWeekCost: [Cost]
  var endsDayCost: [Cost]
  /// With `endsDayDistance`, per lesson that must end its students' day and does not, the periods
  /// but one their day runs on past it (search-only units in `penalty`), and its breakout weight.
  var endsDayBeyond: [Int32]
  var endsDayExtra: [Int32]
  var endsDayDistance = SearchParameters.Annealing().endsDayDistance
  /// Per resource and day, what weekly rules need; per resource, their sums over the week.
  var dayStats: [ResourceRule.DayStats]
  var weekStats: [ResourceRule.WeekStats]
  let unitsMatter: Bool
  /// Cost of moving lessons away from a previous timetable (a re-solve keeps what it can).
  var previousStart: [Int32]?
  var perturbationWeight = 0
  /// Whether a lesson under a rule on rooms prefers its partners' rooms by use
  /// (`SearchParameters.Rooms.mostUsedPartnerRooms`).
  var mostUsedPartnerRooms = SearchParameters.Rooms().mostUsedPartnerRooms
  /// Whether a lesson under a rule on buildings prefers its neighbours' buildings
  /// (`SearchParameters.Rooms.buildingNeighbours`), and what that needs, worked out when first needed.
  var buildingNeighbours = SearchParameters.Rooms().buildingNeighbours
  lazy var buildingRules = BuildingRules(model: model)
  var perturbationCost = Cost.zero
  var cost = Cost.zero
  /// Breakout weights: what a clash at an occupancy cell, or a broken group rule, costs the search
  /// beyond its one hard unit, raised where violations persist (see `raiseBreakoutWeights`).
  var cellExtra: [Int32]
  var ruleExtra: [Int32]
  /// Breakout weights of the hard rules of class days (index c × days + d), of teachers' and
  /// units' days (r × days + d) and weeks (r).
  var classDayExtra: [Int32]
  var resourceDayExtra: [Int32]
  var resourceWeekExtra: [Int32]
  /// The extra hard units the search sees beyond the true cost: the breakout weights on the
  /// current timetable's violations, and the units of the implied rules (`GroupRule.implied`).
  var penalty = 0
  private(set) var lastPenaltyDelta = 0
  /// The shadow of each teacher's and unit's hard maximum of days (`TimetableModel.hardMaxDays`),
  /// in lessons (`SearchState.refreshDaysShadow`), and their sum: the search weighs it apart.
  var daysShadow: [Int]
  var shadow = 0
  private(set) var lastShadowDelta = 0
  /// While `delta` tries a move, `refresh` notes in `journal` each value it overwrites.
  var trial = false
  var journal: [Overwritten] = []
  /// Where the blocks a trial evicts were (`delta(moving:to:evicting:)`).
  private var evictedStarts: [Int32] = []

  /// Placed lessons that hold resources with clashes are kept track of for the search's focus.
  init(model: TimetableModel) {
    self.model = model
    S = model.slots
    P = model.periods
    D = model.days
    start = Array(repeating: -1, count: model.blockLessons.count)
    chosenRooms = model.roomChoices.map { $0.map { $0.first ?? -1 } }
    occupancy = Array(repeating: 0, count: model.resourceCount * model.slots * 2)
    cellExtra = Array(repeating: 0, count: model.resourceCount * model.slots * 2)
    ruleExtra = Array(repeating: 0, count: model.groupRules.count)
    classDayExtra = Array(repeating: 0, count: model.classCount * model.days)
    resourceDayExtra = Array(repeating: 0, count: (model.teacherCount + model.unitCount) * model.days)
    resourceWeekExtra = Array(repeating: 0, count: model.teacherCount + model.unitCount)
    holders = Array(repeating: -1, count: model.resourceCount * model.slots * 2 * Self.holderSlots)
    classOccupancy = Array(repeating: 0, count: model.classCount * model.slots)
    busyMasks = Array(repeating: 0, count: model.resourceCount * model.days)
    stamp = Array(
      repeating: 0,
      count: model.classCount + model.teacherCount + model.unitCount + model.dailyGroups.count
        + model.spreadGroups.count
        + model.groupRules.count)
    classMasks = Array(repeating: 0, count: model.classCount * model.days)
    classDayCost = Array(repeating: .zero, count: model.classCount * model.days)
    teacherDayCost = Array(repeating: .zero, count: model.teacherCount * model.days)
    unitDayCost = Array(repeating: .zero, count: model.unitCount * model.days)
    groupCost = Array(repeating: .zero, count: model.dailyGroups.count)
    spreadCost = Array(repeating: .zero, count: model.spreadGroups.count)
    ruleCost = Array(repeating: .zero, count: model.groupRules.count)
    buildingRow = Self.buildingRuleRows(model)
    buildingDays = Array(repeating: 0, count: (buildingRow.filter { $0 >= 0 }.count) * model.days)
    resourceDayCost = Array(repeating: .zero, count: (model.teacherCount + model.unitCount) * model.days)
    resourceWeekCost = Array(repeating: .zero, count: model.teacherCount + model.unitCount)
    endsDayCost = Array(repeating: .zero, count: model.lessonIDs.count)
    endsDayBeyond = Array(repeating: 0, count: model.lessonIDs.count)
    endsDayExtra = Array(repeating: 0, count: model.lessonIDs.count)
    dayStats = Array(repeating: ResourceRule.DayStats(), count: (model.teacherCount + model.unitCount) * model.days)
    weekStats = Array(repeating: ResourceRule.WeekStats(), count: model.teacherCount + model.unitCount)
    daysShadow = Array(repeating: 0, count: model.teacherCount + model.unitCount)
    unitsMatter = model.studentGapWeight > 0 || model.hasResourceRules || model.endsDayOfUnit.contains { !$0.isEmpty }
    unplaced = model.lessonIDs.count
    cost = Cost(hard: unplacedWeight * unplaced, soft: 0)
    // Empty days of classes with a compact rule cost nothing; spreads start unmet.
    for g in model.spreadGroups.indices { spreadCost[g] = computeSpread(g) }
    cost += spreadCost.reduce(.zero, +)
    // Rules that cost something before anything is placed (a minimum of days or hours).
    for g in model.groupRules.indices {
      ruleCost[g] = computeRule(g)
      if model.groupRules[g].implied { penalty += ruleCost[g].hard } else { cost += ruleCost[g] }
    }
    for r in 0..<(model.teacherCount + model.unitCount) where !model.resourceRules[r].isEmpty {
      for d in 0..<D {
        resourceDayCost[r * D + d] = computeResourceDay(r, d)
        let stats = ResourceRule.DayStats(mask: 0, excused: model.excused[r * D + d])
        dayStats[r * D + d] = stats
        weekStats[r].add(stats, 1)
      }
      resourceWeekCost[r] = computeResourceWeek(r)
      cost += resourceWeekCost[r]
      for d in 0..<D { cost += resourceDayCost[r * D + d] }
    }
  }

  /// Hard weight of one unplaced lesson, above a clash so that placing with a clash is progress.
  var unplacedWeight: Int { 3 }

  func setPrevious(_ previous: [Int32], weight: Int) {
    previousStart = previous
    perturbationWeight = weight
    perturbationCost = .zero
    for b in start.indices where start[b] >= 0 && previous[b] >= 0 && start[b] != previous[b] {
      perturbationCost.soft += weight
    }
    cost.soft += perturbationCost.soft
  }

  var movedFromPrevious: Int {
    guard let previousStart else { return 0 }
    return start.indices.filter { previousStart[$0] >= 0 && start[$0] != previousStart[$0] }.count
  }

  func isPlaced(_ block: Int) -> Bool { start[block] >= 0 }

  // MARK: - Changing the state

  /// Places a block at a start slot, choosing free rooms for lessons with a choice.
  func place(_ block: Int, at slot: Int) {
    precondition(start[block] < 0)
    work += 1
    start[block] = Int32(slot)
    for l in model.blockLessons[block] {
      let lesson = Int(l)
      chooseRooms(lesson, at: slot)
      occupy(lesson, at: slot, delta: 1)
      if !model.startPenalty[lesson].isEmpty { cost.soft += Int(model.startPenalty[lesson][slot]) }
    }
    unplaced -= model.blockLessons[block].count
    cost.hard -= unplacedWeight * model.blockLessons[block].count
    if let previousStart, previousStart[block] >= 0, previousStart[block] != Int32(slot) {
      cost.soft += perturbationWeight
    }
    refresh(block: block, day: model.day(of: slot))
  }

  /// Takes a block out of the timetable.
  func remove(_ block: Int) {
    let slot = Int(start[block])
    precondition(slot >= 0)
    work += 1
    for l in model.blockLessons[block] {
      occupy(Int(l), at: slot, delta: -1)
      if !model.startPenalty[Int(l)].isEmpty { cost.soft -= Int(model.startPenalty[Int(l)][slot]) }
    }
    start[block] = -1
    unplaced += model.blockLessons[block].count
    cost.hard += unplacedWeight * model.blockLessons[block].count
    if let previousStart, previousStart[block] >= 0, previousStart[block] != Int32(slot) {
      cost.soft -= perturbationWeight
    }
    refresh(block: block, day: model.day(of: slot))
  }

  func move(_ block: Int, to slot: Int) {
    if start[block] >= 0 { remove(block) }
    place(block, at: slot)
  }

  /// Gives a lesson another room for one of its requirements with a choice.
  func setRoom(lesson: Int, choice: Int, room: Int32) {
    let block = Int(model.blockOf[lesson])
    let slot = Int(start[block])
    if slot >= 0 { occupy(lesson, at: slot, delta: -1) }
    chosenRooms[lesson][choice] = room
    if slot >= 0 {
      occupy(lesson, at: slot, delta: 1)
      refreshTeacherRooms(lesson: lesson, day: model.day(of: slot))
      for g in model.groupRulesOfLesson[lesson] { refreshRule(Int(g), day: model.day(of: slot)) }
    }
  }

  /// The change in cost if a block moved to a slot (or was placed there), the state unchanged;
  /// with `evicting`, if those placed blocks were taken out first (the construction's eviction).
  /// The counts are taken back by the same steps as a removal and a placement (so that the holders
  /// of each cell stay in the same order; an evicted lesson put back may take another of its
  /// cell's places); the costs are put back as they were.
  func delta(moving block: Int, to slot: Int, evicting evicted: [Int] = []) -> Cost {
    let before = cost
    let clashesBefore = clashes
    let penaltyBefore = penalty
    let shadowBefore = shadow
    let unplacedBefore = unplaced
    let old = Int(start[block])
    // The rooms to give back (no copy for a block whose lessons choose no room: the common case).
    let choosing = model.blockLessons[block].contains { !model.roomChoices[Int($0)].isEmpty }
    let oldRooms = choosing ? model.blockLessons[block].map { chosenRooms[Int($0)] } : []
    journal.removeAll(keepingCapacity: true)
    trial = true
    evictedStarts.removeAll(keepingCapacity: true)
    for c in evicted {
      evictedStarts.append(start[c])
      remove(c)
    }
    if old >= 0 { remove(block) }
    place(block, at: slot)
    trial = false
    let change = cost - before
    lastClashDelta = clashes - clashesBefore
    lastPenaltyDelta = penalty - penaltyBefore
    lastShadowDelta = shadow - shadowBefore
    for l in model.blockLessons[block] { occupy(Int(l), at: slot, delta: -1) }
    if choosing {
      for (k, l) in model.blockLessons[block].enumerated() { chosenRooms[Int(l)] = oldRooms[k] }
    }
    if old >= 0 {
      for l in model.blockLessons[block] { occupy(Int(l), at: old, delta: 1) }
    }
    start[block] = Int32(old)
    for (k, c) in evicted.enumerated().reversed() {
      for l in model.blockLessons[c] { occupy(Int(l), at: Int(evictedStarts[k]), delta: 1) }
      start[c] = evictedStarts[k]
    }
    // The removal and placement that take the trial back count as work, as they did when they
    // were priced again.
    work += (old >= 0 ? 2 : 1) + evicted.count
    takeBackCosts()
    cost = before
    clashes = clashesBefore
    penalty = penaltyBefore
    shadow = shadowBefore
    unplaced = unplacedBefore
    return change
  }

  /// Places a block with the rooms its lessons hold now (to undo a trial).
  func placeKeepingRooms(_ block: Int, at slot: Int) {
    work += 1
    start[block] = Int32(slot)
    for l in model.blockLessons[block] {
      occupy(Int(l), at: slot, delta: 1)
      if !model.startPenalty[Int(l)].isEmpty { cost.soft += Int(model.startPenalty[Int(l)][slot]) }
    }
    unplaced -= model.blockLessons[block].count
    cost.hard -= unplacedWeight * model.blockLessons[block].count
    if let previousStart, previousStart[block] >= 0, previousStart[block] != Int32(slot) {
      cost.soft += perturbationWeight
    }
    refresh(block: block, day: model.day(of: slot))
  }

  private func chooseRooms(_ lesson: Int, at slot: Int) {
    let choices = model.roomChoices[lesson]
    guard !choices.isEmpty else { return }
    let length = model.duration[lesson]
    let parity = model.parity[lesson]
    // Under a rule on the rooms of several lessons, a free room its partners use comes first
    // (the rooms they use most, or the neighbours', before the others they use).
    let partners = roomRulePartnerRooms(lesson)
    // Among rooms equally good by that, one in the buildings of the neighbours' rooms.
    let buildings = buildingNeighbours ? neighbourBuildings(lesson, at: slot) : []
    var taken: [Int32] = []
    for (k, options) in choices.enumerated() {
      var best: Int32 = options[0]
      var bestLoad = Int.max
      var bestScore = Int.max
      for room in options where !taken.contains(room) {
        if model.isRoomClosed(room, from: slot, length: length) { continue }
        var busy = 0
        for q in 0..<length where !isFree(resource: Int(room), slot: slot + q, parity: parity) { busy += 1 }
        var score = busy * 3 + partners.rank(of: room)
        if !buildings.isEmpty {
          score = score * (buildings.count + 1) + buildingRules.mismatches(room, buildings)
        }
        if score < bestScore {
          bestScore = score
          bestLoad = busy
          best = room
          if score == 0 { break }
        }
      }
      // A lesson may go without an optional room rather than share it.
      if bestLoad > 0, model.roomOptional[lesson][k] { best = -1 }
      chosenRooms[lesson][k] = best
      taken.append(best)
    }
  }

  /// Rooms a lesson under rules on the rooms of several lessons would rather have: `first` the
  /// rooms it should share, then `next` the others its partners use.
  struct PartnerRooms {
    var first: [Int32] = []
    var next: [Int32] = []

    /// 0 for a room of `first` (or any room when the partners use none), 1 for `next`, 2 else.
    func rank(of room: Int32) -> Int {
      if first.isEmpty && next.isEmpty || first.contains(room) { return 0 }
      return next.contains(room) ? 1 : 2
    }
  }

  /// The rooms chosen by the other placed lessons of the lesson's rules on rooms of several
  /// lessons (at most so many rooms, the same room if consecutive); empty without such rules.
  /// With `mostUsedPartnerRooms`, first under a maximum the rooms most used by its other lessons
  /// (as many as the maximum: a lesson then follows the group's majority, and a split group
  /// comes together), and under the same room if consecutive the first rooms of the lessons
  /// right before and after it; then the other rooms they use. Without, all come first.
  func roomRulePartnerRooms(_ lesson: Int) -> PartnerRooms {
    var partners = PartnerRooms()
    for g in model.roomRulesOfLesson[lesson] {
      let rule = model.groupRules[Int(g)]
      let others = rule.lessons.lazy.map(Int.init).filter { $0 != lesson && self.isPlaced(Int(self.model.blockOf[$0])) }
      guard mostUsedPartnerRooms else {
        for m in others {
          for r in chosenRooms[m] where r >= 0 && !partners.first.contains(r) { partners.first.append(r) }
        }
        continue
      }
      var users: [Int32: Int] = [:]
      for m in others { for r in rooms(of: m) { users[r, default: 0] += 1 } }
      var first: [Int32]
      if case .maxRooms(let most) = rule.kind {
        first = users.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(most).map(\.key)
      } else {
        let at = { (m: Int) in (lesson: m, slot: Int(self.start[Int(self.model.blockOf[m])])) }
        first = others.filter { self.areNext(at($0), at(lesson)) }.compactMap { self.rooms(of: $0).first }
      }
      for r in first where !partners.first.contains(r) { partners.first.append(r) }
      for r in users.keys where !first.contains(r) && !partners.next.contains(r) { partners.next.append(r) }
    }
    partners.next.removeAll { partners.first.contains($0) }
    return partners
  }

  /// The lessons that may hold each room (fixed or by choice), worked out when first needed.
  lazy var roomLessons: [[Int32]] = {
    var lists = Array(repeating: [Int32](), count: model.roomCount)
    let base = model.teacherCount + model.unitCount
    for lesson in 0..<model.lessonIDs.count {
      var rooms = Set(model.fixedResources[lesson].filter { Int($0) >= base })
      for choice in model.roomChoices[lesson] { rooms.formUnion(choice) }
      for r in rooms { lists[Int(r) - base].append(Int32(lesson)) }
    }
    return lists
  }()

  /// A copy of where everything is, to return to the best state found.
  // MARK: - Snapshots

  struct Snapshot {
    var start: [Int32]
    var rooms: [[Int32]]
    var cost: Cost
  }

  func snapshot() -> Snapshot { Snapshot(start: start, rooms: chosenRooms, cost: cost) }

  /// Goes back to a snapshot: the blocks placed elsewhere, or whose lessons have other rooms,
  /// are taken out and put back as they were; the others stay (a ruin and recreate that is not
  /// kept moved a few dozen lessons, not the thousands of a large school).
  func restore(_ snapshot: Snapshot) {
    var changed: [Int] = []
    for b in start.indices {
      if start[b] != snapshot.start[b]
        || model.blockLessons[b].contains(where: { chosenRooms[Int($0)] != snapshot.rooms[Int($0)] })
      {
        changed.append(b)
      }
    }
    for b in changed where start[b] >= 0 { remove(b) }
    for b in changed { for l in model.blockLessons[b] { chosenRooms[Int(l)] = snapshot.rooms[Int(l)] } }
    for b in changed where snapshot.start[b] >= 0 { placeKeepingRooms(b, at: Int(snapshot.start[b])) }
  }
}
