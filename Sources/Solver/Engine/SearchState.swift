/// Hard violations and soft cost, compared hard first.
struct Cost: Comparable, CustomStringConvertible {
  var hard: Int
  var soft: Int
  static let zero = Cost(hard: 0, soft: 0)
  static func + (a: Cost, b: Cost) -> Cost { Cost(hard: a.hard + b.hard, soft: a.soft + b.soft) }
  static func - (a: Cost, b: Cost) -> Cost { Cost(hard: a.hard - b.hard, soft: a.soft - b.soft) }
  static func += (a: inout Cost, b: Cost) { a = a + b }
  static func -= (a: inout Cost, b: Cost) { a = a - b }
  static func < (a: Cost, b: Cost) -> Bool { (a.hard, a.soft) < (b.hard, b.soft) }
  /// One number for the search: a hard violation outweighs any realistic soft cost.
  func scalar(hardWeight: Int) -> Int { hard * hardWeight + soft }
  var description: String { "\(hard) hard, \(soft) soft" }
}

/// A timetable under construction: where each block starts, which rooms the lessons with a
/// choice use, and everything the rules need to price a change quickly — counts of what occupies
/// each resource in each slot and week parity, and the cost of each class, teacher and unit day.
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
  private var occupancy: [UInt8]
  /// The lessons holding each (resource, slot, parity) cell, up to `holderSlots` of them (-1:
  /// none); a cell holding more than that is searched through the resource's lessons instead.
  private var holders: [Int32]
  private static let holderSlots = 4
  /// How many lessons of class c are at slot s: index c × S + s.
  private var classOccupancy: [UInt8]
  /// The periods each resource is busy each day (either parity), kept with the counts: r × D + d.
  private var busyMasks: [UInt32]
  /// The periods each class has lessons each day: c × D + d.
  private var classMasks: [UInt32]
  /// Scratch lists reused by `refresh`, so that pricing a move allocates nothing.
  private var scratchClasses: [Int32] = []
  private var scratchTeachers: [Int32] = []
  private var scratchUnits: [Int32] = []
  private var scratchGroups: [Int32] = []
  private var scratchSpreads: [Int32] = []
  private var scratchRules: [Int32] = []
  private var scratchPlaced: [(lesson: Int, slot: Int)] = []
  /// Stamps for collecting each class, teacher, unit, group and rule once per refresh.
  private var stamp: [UInt32]
  private var epoch: UInt32 = 0
  private(set) var clashes = 0
  /// The change in clashes of the last `delta` trial.
  private(set) var lastClashDelta = 0
  private(set) var unplaced = 0
  /// Blocks placed and removed so far: the search's measure of the work a move costs.
  private(set) var work = 0

  private var classDayCost: [Cost]
  private var teacherDayCost: [Cost]
  private var unitDayCost: [Cost]
  private var groupCost: [Cost]
  private var spreadCost: [Cost]
  private var ruleCost: [Cost]
  /// Daily rules' cost per resource and day (index r × days + d), weekly rules' per resource.
  private var resourceDayCost: [Cost]
  private var resourceWeekCost: [Cost]
  private var endsDayCost: [Cost]
  /// Per resource and day, what weekly rules need; per resource, their sums over the week.
  private var dayStats: [ResourceRule.DayStats]
  private var weekStats: [ResourceRule.WeekStats]
  private let unitsMatter: Bool
  /// Cost of moving lessons away from a previous timetable (a re-solve keeps what it can).
  private var previousStart: [Int32]?
  private var perturbationWeight = 0
  private var perturbationCost = Cost.zero
  private(set) var cost = Cost.zero
  /// Breakout weights: what a clash at an occupancy cell, or a broken group rule, costs the search
  /// beyond its one hard unit, raised where violations persist (see `raiseBreakoutWeights`).
  private var cellExtra: [Int32]
  private var ruleExtra: [Int32]
  /// The extra hard units the breakout weights add to the current timetable's violations.
  private(set) var penalty = 0
  private(set) var lastPenaltyDelta = 0

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
    holders = Array(repeating: -1, count: model.resourceCount * model.slots * 2 * Self.holderSlots)
    classOccupancy = Array(repeating: 0, count: model.classCount * model.slots)
    busyMasks = Array(repeating: 0, count: model.resourceCount * model.days)
    stamp = Array(
      repeating: 0,
      count: model.classCount + model.teacherCount + model.unitCount + model.dailyGroups.count + model.spreadGroups.count
        + model.groupRules.count)
    classMasks = Array(repeating: 0, count: model.classCount * model.days)
    classDayCost = Array(repeating: .zero, count: model.classCount * model.days)
    teacherDayCost = Array(repeating: .zero, count: model.teacherCount * model.days)
    unitDayCost = Array(repeating: .zero, count: model.unitCount * model.days)
    groupCost = Array(repeating: .zero, count: model.dailyGroups.count)
    spreadCost = Array(repeating: .zero, count: model.spreadGroups.count)
    ruleCost = Array(repeating: .zero, count: model.groupRules.count)
    resourceDayCost = Array(repeating: .zero, count: (model.teacherCount + model.unitCount) * model.days)
    resourceWeekCost = Array(repeating: .zero, count: model.teacherCount + model.unitCount)
    endsDayCost = Array(repeating: .zero, count: model.lessonIDs.count)
    dayStats = Array(repeating: ResourceRule.DayStats(), count: (model.teacherCount + model.unitCount) * model.days)
    weekStats = Array(repeating: ResourceRule.WeekStats(), count: model.teacherCount + model.unitCount)
    unitsMatter = model.studentGapWeight > 0 || model.hasResourceRules || model.endsDayOfUnit.contains { !$0.isEmpty }
    unplaced = model.lessonIDs.count
    cost = Cost(hard: unplacedWeight * unplaced, soft: 0)
    // Empty days of classes with a compact rule cost nothing; spreads start unmet.
    for g in model.spreadGroups.indices { spreadCost[g] = computeSpread(g) }
    cost += spreadCost.reduce(.zero, +)
    // Rules that cost something before anything is placed (a minimum of days or hours).
    for g in model.groupRules.indices { ruleCost[g] = computeRule(g) }
    cost += ruleCost.reduce(.zero, +)
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
    refresh(block: block, days: [model.day(of: slot)])
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
    refresh(block: block, days: [model.day(of: slot)])
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
      for g in model.groupRulesOfLesson[lesson] { refreshRule(Int(g)) }
    }
  }

  /// The change in cost if a block moved to a slot (or was placed there), the state unchanged.
  func delta(moving block: Int, to slot: Int) -> Cost {
    let before = cost
    let clashesBefore = clashes
    let penaltyBefore = penalty
    let old = Int(start[block])
    let oldRooms = model.blockLessons[block].map { chosenRooms[Int($0)] }
    if old >= 0 { remove(block) }
    place(block, at: slot)
    let change = cost - before
    lastClashDelta = clashes - clashesBefore
    lastPenaltyDelta = penalty - penaltyBefore
    remove(block)
    for (k, l) in model.blockLessons[block].enumerated() { chosenRooms[Int(l)] = oldRooms[k] }
    if old >= 0 { placeKeepingRooms(block, at: old) }
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
    refresh(block: block, days: [model.day(of: slot)])
  }

  // MARK: - Occupancy

  @inline(__always) private func cell(_ resource: Int, _ slot: Int, _ parity: Int) -> Int {
    (resource * S + slot) * 2 + parity
  }

  private func occupy(_ lesson: Int, at slot: Int, delta: Int) {
    let length = model.duration[lesson]
    let parity = model.parity[lesson]
    for q in 0..<length {
      let s = slot + q
      for r in model.fixedResources[lesson] { touch(Int(r), s, parity, delta, lesson) }
      for r in chosenRooms[lesson] where r >= 0 { touch(Int(r), s, parity, delta, lesson) }
      for c in model.classesOf[lesson] {
        let index = Int(c) * S + s
        let count = Int(classOccupancy[index]) + delta
        classOccupancy[index] = UInt8(count)
        let bit = UInt32(1) << UInt32(s % P)
        if count > 0 { classMasks[Int(c) * D + s / P] |= bit } else { classMasks[Int(c) * D + s / P] &= ~bit }
      }
    }
  }

  @inline(__always) private func touch(_ resource: Int, _ slot: Int, _ parity: UInt8, _ delta: Int, _ lesson: Int) {
    for k in 0..<2 where parity & (1 << k) != 0 {
      let index = cell(resource, slot, k)
      let count = Int(occupancy[index])
      let first = index * Self.holderSlots
      if delta > 0 {
        if count >= 1 {
          clashes += 1
          cost.hard += 1
          penalty += Int(cellExtra[index])
        }
        for h in first..<(first + Self.holderSlots) where holders[h] < 0 {
          holders[h] = Int32(lesson)
          break
        }
      } else {
        if count >= 2 {
          clashes -= 1
          cost.hard -= 1
          penalty -= Int(cellExtra[index])
        }
        for h in first..<(first + Self.holderSlots) where holders[h] == Int32(lesson) {
          holders[h] = -1
          break
        }
      }
      occupancy[index] = UInt8(count + delta)
    }
    let base = cell(resource, slot, 0)
    let bit = UInt32(1) << UInt32(slot % P)
    if occupancy[base] > 0 || occupancy[base + 1] > 0 {
      busyMasks[resource * D + slot / P] |= bit
    } else {
      busyMasks[resource * D + slot / P] &= ~bit
    }
  }

  /// How many lessons hold a resource at a slot in either parity.
  func load(resource: Int, slot: Int) -> Int {
    max(Int(occupancy[cell(resource, slot, 0)]), Int(occupancy[cell(resource, slot, 1)]))
  }

  /// Whether a room chosen for a lesson holds another lesson too at a slot.
  func sharesChosenRoom(_ lesson: Int, at slot: Int) -> Bool {
    chosenRooms[lesson].contains { $0 >= 0 && load(resource: Int($0), slot: slot) > 1 }
  }

  /// Whether a resource is free at a slot for the given parities.
  func isFree(resource: Int, slot: Int, parity: UInt8) -> Bool {
    for k in 0..<2 where parity & (1 << k) != 0 && occupancy[cell(resource, slot, k)] > 0 { return false }
    return true
  }

  private func chooseRooms(_ lesson: Int, at slot: Int) {
    let choices = model.roomChoices[lesson]
    guard !choices.isEmpty else { return }
    let length = model.duration[lesson]
    let parity = model.parity[lesson]
    let base = model.teacherCount + model.unitCount
    var taken: [Int32] = []
    for (k, options) in choices.enumerated() {
      var best: Int32 = options[0]
      var bestLoad = Int.max
      for room in options where !taken.contains(room) {
        if (0..<length).contains(where: { model.unavailableRoomSlots[Int(room) - base][slot + $0] }) { continue }
        var busy = 0
        for q in 0..<length where !isFree(resource: Int(room), slot: slot + q, parity: parity) { busy += 1 }
        if busy < bestLoad {
          bestLoad = busy
          best = room
          if busy == 0 { break }
        }
      }
      // A lesson may go without an optional room rather than share it.
      if bestLoad > 0, model.roomOptional[lesson][k] { best = -1 }
      chosenRooms[lesson][k] = best
      taken.append(best)
    }
  }

  // MARK: - Rule costs

  private func refresh(block: Int, days: [Int]) {
    scratchClasses.removeAll(keepingCapacity: true)
    scratchTeachers.removeAll(keepingCapacity: true)
    scratchUnits.removeAll(keepingCapacity: true)
    scratchGroups.removeAll(keepingCapacity: true)
    scratchSpreads.removeAll(keepingCapacity: true)
    scratchRules.removeAll(keepingCapacity: true)
    // Each thing once: a stamp per kind marks what this refresh has collected already.
    epoch &+= 1
    let T = model.teacherCount
    let unitBase = T
    for l in model.blockLessons[block] {
      let lesson = Int(l)
      for c in model.classesOf[lesson] where stamp[Int(c)] != epoch {
        stamp[Int(c)] = epoch
        scratchClasses.append(c)
      }
      for t in model.teachers[lesson] where stamp[model.classCount + Int(t)] != epoch {
        stamp[model.classCount + Int(t)] = epoch
        scratchTeachers.append(t)
      }
      if unitsMatter {
        for u in model.units[lesson] where stamp[model.classCount + unitBase + (Int(u) - T)] != epoch {
          stamp[model.classCount + unitBase + (Int(u) - T)] = epoch
          scratchUnits.append(u)
        }
      }
      let groupBase = model.classCount + T + model.unitCount
      for g in model.groupsOfLesson[lesson] where stamp[groupBase + Int(g)] != epoch {
        stamp[groupBase + Int(g)] = epoch
        scratchGroups.append(g)
      }
      let spreadBase = groupBase + model.dailyGroups.count
      for g in model.spreadOfLesson[lesson] where stamp[spreadBase + Int(g)] != epoch {
        stamp[spreadBase + Int(g)] = epoch
        scratchSpreads.append(g)
      }
      let ruleBase = spreadBase + model.spreadGroups.count
      for g in model.groupRulesOfLesson[lesson] where stamp[ruleBase + Int(g)] != epoch {
        stamp[ruleBase + Int(g)] = epoch
        scratchRules.append(g)
      }
    }
    let classes = scratchClasses
    let teachers = scratchTeachers
    let units = scratchUnits
    let groups = scratchGroups
    let spreads = scratchSpreads
    let rules = scratchRules
    for d in days {
      for c in classes {
        let index = Int(c) * D + d
        let new = computeClassDay(Int(c), d)
        cost += new - classDayCost[index]
        classDayCost[index] = new
      }
      for t in teachers {
        let index = Int(t) * D + d
        let new = computeTeacherDay(Int(t), d)
        cost += new - teacherDayCost[index]
        teacherDayCost[index] = new
      }
      for u in units {
        let unit = Int(u) - model.teacherCount
        let index = unit * D + d
        let new = computeUnitDay(unit, d)
        cost += new - unitDayCost[index]
        unitDayCost[index] = new
      }
    }
    for g in groups {
      let new = computeGroup(Int(g))
      cost += new - groupCost[Int(g)]
      groupCost[Int(g)] = new
    }
    for g in spreads {
      let new = computeSpread(Int(g))
      cost += new - spreadCost[Int(g)]
      spreadCost[Int(g)] = new
    }
    for g in rules { refreshRule(Int(g)) }
    if model.hasResourceRules {
      for t in teachers where !model.resourceRules[Int(t)].isEmpty { refreshResource(Int(t), days: days) }
      for u in units where !model.resourceRules[Int(u)].isEmpty { refreshResource(Int(u), days: days) }
    }
    // Lessons that must end their students' day, among those sharing a unit with this block.
    for u in units {
      for l in model.endsDayOfUnit[Int(u) - model.teacherCount] {
        let new = computeEndsDay(Int(l))
        cost += new - endsDayCost[Int(l)]
        endsDayCost[Int(l)] = new
      }
    }
  }

  private func refreshRule(_ g: Int) {
    let new = computeRule(g)
    cost += new - ruleCost[g]
    penalty += Int(ruleExtra[g]) * (new.hard - ruleCost[g].hard)
    ruleCost[g] = new
  }

  /// Makes every clash and broken group rule of the timetable as it is cost one hard unit more
  /// from now on (breakout): violations the search keeps coming back to grow dearer than those
  /// around them, and it leaves the basin they hold it in.
  func raiseBreakoutWeights() {
    for index in occupancy.indices where occupancy[index] >= 2 {
      cellExtra[index] += 1
      penalty += Int(occupancy[index]) - 1
    }
    for g in ruleCost.indices where ruleCost[g].hard > 0 {
      ruleExtra[g] += 1
      penalty += ruleCost[g].hard
    }
  }

  /// Back to every violation costing its hard units alone.
  func clearBreakoutWeights() {
    for index in cellExtra.indices { cellExtra[index] = 0 }
    for g in ruleExtra.indices { ruleExtra[g] = 0 }
    penalty = 0
  }

  private func refreshResource(_ r: Int, days: [Int]) {
    for d in days {
      let new = computeResourceDay(r, d)
      cost += new - resourceDayCost[r * D + d]
      resourceDayCost[r * D + d] = new
    }
    if !model.weeklyResourceRules[r].isEmpty {
      for d in days {
        let stats = ResourceRule.DayStats(mask: resourceMask(r, d), excused: model.excused[r * D + d])
        weekStats[r].add(dayStats[r * D + d], -1)
        weekStats[r].add(stats, 1)
        dayStats[r * D + d] = stats
      }
      let new = computeResourceWeek(r)
      cost += new - resourceWeekCost[r]
      resourceWeekCost[r] = new
    }
  }

  // MARK: - Rules of the kinds FET files use

  func computeResourceDay(_ r: Int, _ d: Int) -> Cost {
    let rules = model.dailyResourceRules[r]
    guard !rules.isEmpty else { return .zero }
    let mask = resourceMask(r, d)
    let excused = model.excused[r * D + d]
    var total = Cost.zero
    for rule in rules {
      // A teacher's minimum counts only for teachers with lessons.
      if case .minHoursDaily = rule.kind, r < model.teacherCount, model.teacherLessons[r].isEmpty { continue }
      total += weighted(rule.dayUnits(mask: mask, excused: excused), rule.weight)
    }
    return total
  }

  func computeResourceWeek(_ r: Int) -> Cost {
    let rules = model.weeklyResourceRules[r]
    guard !rules.isEmpty else { return .zero }
    let busyAtAll = !(r < model.teacherCount ? model.teacherLessons[r] : model.unitLessons[r - model.teacherCount]).isEmpty
    var total = Cost.zero
    for rule in rules { total += weighted(rule.weekUnits(weekStats[r], busyAtAll: busyAtAll), rule.weight) }
    return total
  }

  /// The weekly rules' cost computed from the masks (for checks of the running sums).
  func computeResourceWeekFromMasks(_ r: Int) -> Cost {
    let rules = model.weeklyResourceRules[r]
    guard !rules.isEmpty else { return .zero }
    let masks = (0..<D).map { resourceMask(r, $0) }
    let excused = (0..<D).map { model.excused[r * D + $0] }
    let lessons = r < model.teacherCount ? model.teacherLessons[r] : model.unitLessons[r - model.teacherCount]
    var total = Cost.zero
    for rule in rules { total += weighted(rule.weekUnits(masks: masks, excused: excused, busyAtAll: !lessons.isEmpty), rule.weight) }
    return total
  }

  func computeEndsDay(_ lesson: Int) -> Cost {
    let s = Int(start[Int(model.blockOf[lesson])])
    guard s >= 0 else { return .zero }
    let d = s / P
    let end = s % P + model.duration[lesson] - 1
    let later: UInt32 = end >= 31 ? 0 : ~((UInt32(1) << UInt32(end + 1)) - 1)
    for u in model.units[lesson] where resourceMask(Int(u), d) & later != 0 {
      return weighted(1, model.endsDayWeight[lesson])
    }
    return .zero
  }

  func computeRule(_ g: Int) -> Cost {
    let rule = model.groupRules[g]
    scratchPlaced.removeAll(keepingCapacity: true)
    for l in rule.lessons {
      let s = Int(start[Int(model.blockOf[Int(l)])])
      if s >= 0 { scratchPlaced.append((Int(l), s)) }
    }
    let placed = scratchPlaced
    var units = 0
    switch rule.kind {
    case .minDays(let minDays, let consecutiveIfSameDay):
      for i in 0..<placed.count {
        for j in (i + 1)..<max(placed.count, i + 1) {
          let a = placed[i]
          let b = placed[j]
          let apart = abs(a.slot / P - b.slot / P)
          if apart < minDays {
            units += 1
            if consecutiveIfSameDay, apart == 0,
              a.slot + model.duration[a.lesson] != b.slot, b.slot + model.duration[b.lesson] != a.slot
            {
              units += 1
            }
          }
        }
      }
    case .sameStart:
      if let first = placed.first { units = placed.dropFirst().filter { $0.slot != first.slot }.count }
    case .consecutiveIfSameDay:
      for i in 0..<placed.count {
        for j in (i + 1)..<max(placed.count, i + 1) {
          let a = placed[i]
          let b = placed[j]
          if a.slot / P == b.slot / P, a.slot + model.duration[a.lesson] != b.slot, b.slot + model.duration[b.lesson] != a.slot {
            units += 1
          }
        }
      }
    case .notOverlapping:
      for i in 0..<placed.count {
        for j in (i + 1)..<max(placed.count, i + 1) {
          let a = placed[i]
          let b = placed[j]
          if a.slot / P == b.slot / P, a.slot < b.slot + model.duration[b.lesson], b.slot < a.slot + model.duration[a.lesson] {
            units += 1
          }
        }
      }
    case .consecutive:
      if placed.count == 2 {
        let a = placed[0]
        let b = placed[1]
        if !(a.slot / P == b.slot / P && a.slot + model.duration[a.lesson] == b.slot) { units = 1 }
      }
    case .grouped:
      if placed.count == rule.lessons.count, placed.count > 1 {
        let sorted = placed.sorted { $0.slot < $1.slot }
        var ok = Set(sorted.map { $0.slot / P }).count == 1
        for k in 1..<sorted.count where sorted[k].slot != sorted[k - 1].slot + model.duration[sorted[k - 1].lesson] { ok = false }
        if !ok { units = 1 }
      }
    case .occupyMax(let selected, let most):
      var used = Set<Int>()
      for p in placed { for q in 0..<model.duration[p.lesson] where selected[p.slot + q] { used.insert(p.slot + q) } }
      units = max(0, used.count - most)
    case .preferredRooms(let rooms):
      for p in placed {
        let room = model.roomLayout[p.lesson].first.map { $0 >= 0 ? $0 : chosenRooms[p.lesson][Int(-1 - $0)] }
        if room == nil || !rooms.contains(room!) { units += 1 }
      }
    }
    return weighted(units, rule.weight)
  }

  private func refreshTeacherRooms(lesson: Int, day: Int) {
    for t in model.teachers[lesson] {
      let index = Int(t) * D + day
      let new = computeTeacherDay(Int(t), day)
      cost += new - teacherDayCost[index]
      teacherDayCost[index] = new
    }
  }

  /// The periods of a day a class has lessons in, as a bit mask.
  @inline(__always) func classMask(_ c: Int, _ d: Int) -> UInt32 { classMasks[c * D + d] }

  /// The periods of a day a resource is busy in (either parity), as a bit mask.
  @inline(__always) func resourceMask(_ r: Int, _ d: Int) -> UInt32 { busyMasks[r * D + d] }

  static func gaps(_ mask: UInt32) -> Int {
    guard mask != 0 else { return 0 }
    let low = mask.trailingZeroBitCount
    let high = 31 - mask.leadingZeroBitCount
    return high - low + 1 - mask.nonzeroBitCount
  }

  private func weighted(_ units: Int, _ weight: TimetableModel.Weight) -> Cost {
    guard units > 0 else { return .zero }
    return weight.hard ? Cost(hard: units, soft: 0) : Cost(hard: 0, soft: units * weight.soft)
  }

  /// Units of a class's compact-day rule on a day: its gaps, and the periods it starts late when
  /// the day must start at the first period.
  @inline(__always) private func compactUnits(_ c: Int, _ mask: UInt32) -> Int {
    var units = SearchState.gaps(mask)
    if model.compactStartAtFirst[c] { units += max(0, mask.trailingZeroBitCount - model.classFirst[c]) }
    return units
  }

  func computeClassDay(_ c: Int, _ d: Int) -> Cost {
    let mask = classMask(c, d)
    var result = Cost.zero
    let compact = model.compactWeight[c]
    if !compact.isOff, mask != 0 { result += weighted(compactUnits(c, mask), compact) }
    let maxWeight = model.classMaxWeight[c]
    if !maxWeight.isOff { result += weighted(max(0, mask.nonzeroBitCount - model.classMax[c]), maxWeight) }
    if model.difficultWeight > 0, mask != 0 {
      let first = mask.trailingZeroBitCount
      let last = 31 - mask.leadingZeroBitCount
      var count = 0
      for l in model.classLessons[c] where model.difficult[Int(l)] {
        let s = Int(start[Int(model.blockOf[Int(l)])])
        guard s >= 0, s / P == d else { continue }
        let p = s % P
        if p == first || p + model.duration[Int(l)] - 1 == last { count += 1 }
      }
      result.soft += count * model.difficultWeight
    }
    return result
  }

  func computeTeacherDay(_ t: Int, _ d: Int) -> Cost {
    let mask = resourceMask(t, d)
    var soft = 0
    if model.teacherGapWeight > 0 { soft += SearchState.gaps(mask) * model.teacherGapWeight }
    let wish = model.teacherMax[t]
    if wish.weight > 0 { soft += max(0, mask.nonzeroBitCount - wish.max) * wish.weight }
    let off = model.daysOff[t]
    let needsLessons = (off.weight > 0 && off.mask & (1 << UInt32(d)) != 0) || model.roomChangeWeight > 0
    if needsLessons, mask != 0 {
      var lessons: [(start: Int, room: Int32)] = []
      for l in model.teacherLessons[t] {
        let lesson = Int(l)
        let s = Int(start[Int(model.blockOf[lesson])])
        guard s >= 0, s / P == d else { continue }
        lessons.append((s, room(of: lesson, teacher: t)))
      }
      if off.weight > 0, off.mask & (1 << UInt32(d)) != 0 { soft += lessons.count * off.weight }
      if model.roomChangeWeight > 0, lessons.count > 1 {
        lessons.sort { $0.start < $1.start }
        for k in 1..<lessons.count where lessons[k].room >= 0 && lessons[k - 1].room >= 0 && lessons[k].room != lessons[k - 1].room {
          soft += model.roomChangeWeight
        }
      }
    }
    return Cost(hard: 0, soft: soft)
  }

  /// The room the given teacher of a lesson teaches in: room i for teacher i, or its only room.
  func room(of lesson: Int, teacher: Int) -> Int32 {
    let layout = model.roomLayout[lesson]
    guard !layout.isEmpty else { return -1 }
    let position = layout.count == 1 ? 0 : (model.teachers[lesson].firstIndex(of: Int32(teacher)) ?? 0)
    guard position < layout.count else { return -1 }
    let entry = layout[position]
    return entry >= 0 ? entry : chosenRooms[lesson][Int(-1 - entry)]
  }

  func computeUnitDay(_ u: Int, _ d: Int) -> Cost {
    Cost(hard: 0, soft: SearchState.gaps(resourceMask(model.teacherCount + u, d)) * model.studentGapWeight)
  }

  func computeGroup(_ g: Int) -> Cost {
    let group = model.dailyGroups[g]
    var counts = Array(repeating: 0, count: D * 2)
    for l in group.lessons {
      let s = Int(start[Int(model.blockOf[Int(l)])])
      guard s >= 0 else { continue }
      let d = s / P
      let parity = model.parity[Int(l)]
      if parity & 1 != 0 { counts[d * 2] += 1 }
      if parity & 2 != 0 { counts[d * 2 + 1] += 1 }
    }
    var units = 0
    for c in counts where c > group.max { units += c - group.max }
    return weighted(units, group.weight)
  }

  func computeSpread(_ g: Int) -> Cost {
    let group = model.spreadGroups[g]
    var days: UInt32 = 0
    var count = 0
    for l in group.lessons where model.parity[Int(l)] & 1 != 0 {
      count += 1
      let s = Int(start[Int(model.blockOf[Int(l)])])
      if s >= 0 { days |= 1 << UInt32(s / P) }
    }
    return Cost(hard: 0, soft: max(0, min(count, D) - days.nonzeroBitCount) * group.weight)
  }

  // MARK: - Reading the state

  /// Blocks that share a resource with the given block if it started at a slot.
  func conflictingBlocks(_ block: Int, at slot: Int) -> [Int] {
    var result: [Int] = []
    for l in model.blockLessons[block] {
      let lesson = Int(l)
      let parity = model.parity[lesson]
      for q in 0..<model.duration[lesson] {
        let s = slot + q
        for r in model.fixedResources[lesson] where !isFree(resource: Int(r), slot: s, parity: parity) {
          collectHolders(resource: Int(r), slot: s, parity: parity, except: block, into: &result)
        }
      }
    }
    return result
  }

  /// The placed blocks holding a resource at a slot: from the cells' records, or through the
  /// resource's lessons when a cell holds more lessons than it records.
  func collectHolders(resource: Int, slot: Int, parity: UInt8, except: Int, into result: inout [Int]) {
    // From the cells' records when they hold every lesson there (they always do unless more than
    // `holderSlots` lessons crowd one cell).
    var complete = true
    for k in 0..<2 where parity & (1 << k) != 0 {
      let index = cell(resource, slot, k)
      let first = index * Self.holderSlots
      var recorded = 0
      for h in first..<(first + Self.holderSlots) where holders[h] >= 0 { recorded += 1 }
      if recorded != Int(occupancy[index]) {
        complete = false
        break
      }
    }
    if complete {
      for k in 0..<2 where parity & (1 << k) != 0 {
        let first = cell(resource, slot, k) * Self.holderSlots
        for h in first..<(first + Self.holderSlots) where holders[h] >= 0 {
          let b = Int(model.blockOf[Int(holders[h])])
          if b != except && !result.contains(b) { result.append(b) }
        }
      }
      return
    }
    let candidates: [Int32]
    if resource < model.teacherCount {
      candidates = model.teacherLessons[resource]
    } else if resource < model.teacherCount + model.unitCount {
      candidates = model.unitLessons[resource - model.teacherCount]
    } else {
      candidates = roomHolders(resource)
    }
    for l in candidates {
      let lesson = Int(l)
      let b = Int(model.blockOf[lesson])
      guard b != except, model.parity[lesson] & parity != 0 else { continue }
      let s = Int(start[b])
      guard s >= 0, s <= slot, slot < s + model.duration[lesson] else { continue }
      if resource >= model.teacherCount + model.unitCount {
        guard model.fixedResources[lesson].contains(Int32(resource)) || chosenRooms[lesson].contains(Int32(resource)) else { continue }
      }
      if !result.contains(b) { result.append(b) }
    }
  }

  private lazy var roomLessons: [[Int32]] = {
    var lists = Array(repeating: [Int32](), count: model.roomCount)
    let base = model.teacherCount + model.unitCount
    for lesson in 0..<model.lessonIDs.count {
      var rooms = Set(model.fixedResources[lesson].filter { Int($0) >= base })
      for choice in model.roomChoices[lesson] { rooms.formUnion(choice) }
      for r in rooms { lists[Int(r) - base].append(Int32(lesson)) }
    }
    return lists
  }()

  private func roomHolders(_ resource: Int) -> [Int32] {
    roomLessons[resource - model.teacherCount - model.unitCount]
  }

  /// Whether a block is involved in a hard violation: a clash, or a hard rule of its class day.
  func isTroubled(_ block: Int) -> Bool {
    let s = Int(start[block])
    guard s >= 0 else { return true }
    for l in model.blockLessons[block] {
      let lesson = Int(l)
      let parity = model.parity[lesson]
      for q in 0..<model.duration[lesson] {
        for r in model.fixedResources[lesson] {
          for k in 0..<2 where parity & (1 << k) != 0 && occupancy[cell(Int(r), s + q, k)] > 1 { return true }
        }
        for r in chosenRooms[lesson] where r >= 0 {
          for k in 0..<2 where parity & (1 << k) != 0 && occupancy[cell(Int(r), s + q, k)] > 1 { return true }
        }
      }
      for c in model.classesOf[lesson] where classDayCost[Int(c) * D + s / P].hard > 0 { return true }
      for g in model.groupsOfLesson[lesson] where groupCost[Int(g)].hard > 0 { return true }
      for g in model.groupRulesOfLesson[lesson] where ruleCost[Int(g)].hard > 0 { return true }
      if endsDayCost[lesson].hard > 0 { return true }
      if model.hasResourceRules {
        for r in model.teachers[lesson] + model.units[lesson] where !model.resourceRules[Int(r)].isEmpty {
          if resourceDayCost[Int(r) * D + s / P].hard > 0 || resourceWeekCost[Int(r)].hard > 0 { return true }
        }
      }
    }
    return false
  }

  /// The movable placed blocks that a block on a day would be too close to under hard rules of
  /// days between lessons, and how many pairs of lessons would be too close.
  func tooClose(_ block: Int, onDay day: Int) -> (blocks: [Int], pairs: Int) {
    var blocks: [Int] = []
    var pairs = 0
    for l in model.blockLessons[block] {
      for g in model.groupRulesOfLesson[Int(l)] {
        let rule = model.groupRules[Int(g)]
        guard rule.weight.hard, case .minDays(let minDays, _) = rule.kind else { continue }
        for other in rule.lessons {
          let b = Int(model.blockOf[Int(other)])
          guard b != block, !model.locked[b], start[b] >= 0, abs(Int(start[b]) / P - day) < minDays else { continue }
          pairs += 1
          if !blocks.contains(b) { blocks.append(b) }
        }
      }
    }
    return (blocks, pairs)
  }

  /// A hard rule a placed lesson breaks, other than a clash: what the report after a solve names.
  enum BrokenRule: Equatable {
    /// Its class's day on `day`: a gap or a late start under a compact-day rule, or more lessons
    /// than the class may have a day.
    case classDay(class: Int, day: Int, gapsOrLateStart: Bool, overMax: Bool)
    /// More lessons of its daily group (lessons of one subject, at most so many a day) on a day.
    case lessonsPerDay(group: Int)
    /// A rule on a group of lessons: days between them, the same start, not overlapping and the like.
    case groupRule(Int)
    /// It should end its students' day and does not.
    case endsDay
    /// A hard rule on one of its teachers (a resource below `teacherCount`) or student units, on
    /// the lesson's day (nil for a rule on the week).
    case resourceRule(resource: Int, day: Int?, ResourceRule.Kind)
  }

  /// The hard rules other than clashes that a placed lesson breaks (empty when it is not placed).
  func brokenHardRules(lesson: Int) -> [BrokenRule] {
    let s = Int(start[Int(model.blockOf[lesson])])
    guard s >= 0 else { return [] }
    let day = s / P
    var result: [BrokenRule] = []
    for c in model.classesOf[lesson].map(Int.init) where classDayCost[c * D + day].hard > 0 {
      let mask = classMask(c, day)
      let gapsOrLate = model.compactWeight[c].hard && compactUnits(c, mask) > 0
      let overMax = model.classMaxWeight[c].hard && mask.nonzeroBitCount > model.classMax[c]
      result.append(.classDay(class: c, day: day, gapsOrLateStart: gapsOrLate, overMax: overMax))
    }
    for g in model.groupsOfLesson[lesson] where groupCost[Int(g)].hard > 0 { result.append(.lessonsPerDay(group: Int(g))) }
    for g in model.groupRulesOfLesson[lesson] where ruleCost[Int(g)].hard > 0 { result.append(.groupRule(Int(g))) }
    if endsDayCost[lesson].hard > 0 { result.append(.endsDay) }
    for r in (model.teachers[lesson] + model.units[lesson]).map(Int.init) {
      let excused = (0..<D).map { model.excused[r * D + $0] }
      let masks = (0..<D).map { resourceMask(r, $0) }
      for rule in model.resourceRules[r] where rule.weight.hard {
        let units = rule.isWeekly
          ? rule.weekUnits(masks: masks, excused: excused, busyAtAll: true)
          : rule.dayUnits(mask: masks[day], excused: excused[day])
        if units > 0 { result.append(.resourceRule(resource: r, day: rule.isWeekly ? nil : day, rule.kind)) }
      }
    }
    return result
  }

  /// Violations of soft rules of at least a weight (FET's near-hard 95% rules): lesson-group
  /// rules, rules on teachers and units, and ends of days.
  func strongSoftViolations(minimumWeight: Int) -> Int {
    var count = 0
    for (g, rule) in model.groupRules.enumerated() where !rule.weight.hard && rule.weight.soft >= minimumWeight {
      count += computeRule(g).soft / max(rule.weight.soft, 1)
    }
    for r in 0..<(model.teacherCount + model.unitCount) {
      for rule in model.resourceRules[r] where !rule.weight.hard && rule.weight.soft >= minimumWeight {
        if rule.isWeekly {
          count += rule.weekUnits(weekStats[r], busyAtAll: true)
        } else {
          for d in 0..<D { count += rule.dayUnits(mask: resourceMask(r, d), excused: model.excused[r * D + d]) }
        }
      }
    }
    for l in 0..<model.lessonIDs.count where !model.endsDayWeight[l].hard && model.endsDayWeight[l].soft >= minimumWeight {
      count += computeEndsDay(l).soft > 0 ? 1 : 0
    }
    return count
  }

  /// Whether a teacher's weekly rules (days, gaps in the week) are broken as hard rules.
  func teacherWeekInTrouble(_ t: Int) -> Bool { resourceWeekCost[t].hard > 0 }

  /// Recomputes every cost from scratch (for checks in tests and after bulk changes).
  func recomputedCost() -> Cost {
    var total = Cost(hard: unplacedWeight * unplaced + clashes, soft: 0)
    for c in 0..<model.classCount { for d in 0..<D { total += computeClassDay(c, d) } }
    for t in 0..<model.teacherCount { for d in 0..<D { total += computeTeacherDay(t, d) } }
    if model.studentGapWeight > 0 { for u in 0..<model.unitCount { for d in 0..<D { total += computeUnitDay(u, d) } } }
    for g in model.dailyGroups.indices { total += computeGroup(g) }
    for g in model.spreadGroups.indices { total += computeSpread(g) }
    for g in model.groupRules.indices { total += computeRule(g) }
    for r in 0..<(model.teacherCount + model.unitCount) where !model.resourceRules[r].isEmpty {
      for d in 0..<D { total += computeResourceDay(r, d) }
      total += computeResourceWeekFromMasks(r)
    }
    for l in 0..<model.lessonIDs.count where !model.endsDayWeight[l].isOff { total += computeEndsDay(l) }
    for b in start.indices where start[b] >= 0 {
      for l in model.blockLessons[b] where !model.startPenalty[Int(l)].isEmpty { total.soft += Int(model.startPenalty[Int(l)][Int(start[b])]) }
    }
    total.soft += perturbationCostNow
    return total
  }

  /// The breakout weights' extra units, counted afresh (for tests of `penalty`).
  func recomputedPenalty() -> Int {
    var total = 0
    for index in occupancy.indices where occupancy[index] >= 2 { total += Int(cellExtra[index]) * (Int(occupancy[index]) - 1) }
    for g in model.groupRules.indices { total += Int(ruleExtra[g]) * computeRule(g).hard }
    return total
  }

  /// Cost by part, for debugging the search: class days, teacher days, unit days, groups, spreads.
  func breakdown() -> [String: Cost] {
    var parts: [String: Cost] = [:]
    for c in 0..<model.classCount { for d in 0..<D { parts["classDay", default: .zero] += computeClassDay(c, d) } }
    for t in 0..<model.teacherCount {
      for d in 0..<D {
        let mask = resourceMask(t, d)
        parts["teacherGaps", default: .zero].soft += SearchState.gaps(mask) * model.teacherGapWeight
        let wish = model.teacherMax[t]
        if wish.weight > 0 { parts["teacherMax", default: .zero].soft += max(0, mask.nonzeroBitCount - wish.max) * wish.weight }
        parts["teacherDay", default: .zero] += computeTeacherDay(t, d)
      }
    }
    for u in 0..<model.unitCount { for d in 0..<D { parts["unitDay", default: .zero] += computeUnitDay(u, d) } }
    for g in model.dailyGroups.indices { parts["group", default: .zero] += computeGroup(g) }
    for g in model.spreadGroups.indices { parts["spread", default: .zero] += computeSpread(g) }
    return parts
  }

  private var perturbationCostNow: Int {
    guard let previousStart else { return 0 }
    return start.indices.filter { start[$0] >= 0 && previousStart[$0] >= 0 && start[$0] != previousStart[$0] }.count * perturbationWeight
  }

  /// A copy of where everything is, to return to the best state found.
  struct Snapshot {
    var start: [Int32]
    var rooms: [[Int32]]
    var cost: Cost
  }

  func snapshot() -> Snapshot { Snapshot(start: start, rooms: chosenRooms, cost: cost) }

  func restore(_ snapshot: Snapshot) {
    for b in start.indices where start[b] >= 0 { remove(b) }
    chosenRooms = snapshot.rooms
    for b in snapshot.start.indices where snapshot.start[b] >= 0 { placeKeepingRooms(b, at: Int(snapshot.start[b])) }
  }
}
