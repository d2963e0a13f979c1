import Planner
import Testing

@testable import Solver

/// The search prices moves incrementally; after any sequence of moves its running cost must equal
/// a recomputation from scratch.
@Suite struct IncrementalCostTests {
  /// A problem with every kind of rule: curriculum rules and the FET kinds, hard and soft; rooms
  /// in two buildings.
  static func problem() -> TimetableProblem {
    var b = ProblemFixture.Builder()
    b.periods = 6
    b.addClass("A", units: ["A/1", "A/2"])
    b.addClass("B")
    b.addClass("C", compact: false)
    for t in ["t1", "t2", "t3", "t4"] { b.addTeacher(t) }
    b.addRoom("r1")
    b.addRoom("r2")
    b.addRoom("lab", type: .laboratory)
    for k in b.rooms.indices { b.rooms[k].building = b.rooms[k].id == "r2" ? "Annex" : "Main" }
    b.addLessons(4, subject: "math", class: "A", teacher: "t1", rooms: [["r1", "r2"]])
    b.addLessons(3, subject: "eng", class: "A", teacher: "t2", units: ["A/1"], group: "1")
    b.addLessons(3, subject: "eng", class: "A", teacher: "t3", units: ["A/2"], group: "2")
    b.addLessons(4, subject: "math", class: "B", teacher: "t1", rooms: [["r1"]])
    b.addLessons(2, subject: "chem", class: "B", teacher: "t4", duration: 2, rooms: [["lab"]])
    b.addLessons(5, subject: "art", class: "C", teacher: "t2", oncePerDay: false)
    b.addLessons(3, subject: "bio", class: "C", teacher: "t4", rooms: [["lab", "r2"]])
    let c = b.lessons.filter { $0.classes == ["C"] }.map(\.id)
    let a = b.lessons.filter { $0.classes == ["A"] }.map(\.id)
    let slots = [TimeSlot(day: .mon, period: 1), TimeSlot(day: .tue, period: 2), TimeSlot(day: .fri, period: 6)]
    b.constraints += [
      TimetableConstraint(.teacherGaps, weight: .soft(3)),
      TimetableConstraint(.studentGaps, weight: .soft(2)),
      TimetableConstraint(.teacherRoomChanges, weight: .soft(1)),
      TimetableConstraint(.breakTimes(slots: [TimeSlot(day: .wed, period: 4)]), weight: .soft(7)),
      TimetableConstraint(.teacherNotAvailable(teacher: "t2", slots: slots), weight: .soft(5)),
      TimetableConstraint(.studentsNotAvailable(students: "C", slots: slots), weight: .hard),
      TimetableConstraint(.preferredStartingTimes(lessons: Array(c.prefix(2)), slots: slots), weight: .soft(4)),
      TimetableConstraint(
        .preferredTimeSlots(lessons: Array(a.prefix(3)), slots: slots + [TimeSlot(day: .thu, period: 3)]),
        weight: .soft(2)),
      TimetableConstraint(
        .minDaysBetween(lessons: Array(c.prefix(4)), minDays: 1, consecutiveIfSameDay: true), weight: .soft(9)),
      TimetableConstraint(.notOverlapping(lessons: [c[0], a[0]]), weight: .hard),
      TimetableConstraint(.consecutive(first: c[2], second: c[3]), weight: .soft(6)),
      TimetableConstraint(.grouped(lessons: [a[4], a[5]]), weight: .soft(5)),
      TimetableConstraint(.endsStudentsDay(lessons: [c[4]]), weight: .hard),
      TimetableConstraint(.sameStartingTime(lessons: [a[4], a[7]]), weight: .soft(3)),
      TimetableConstraint(.studentsMaxGapsPerWeek(students: nil, max: 1), weight: .soft(8)),
      TimetableConstraint(.studentsMaxGapsPerDay(students: "A", max: 0), weight: .hard),
      TimetableConstraint(.studentsEarlyMaxBeginningsAtSecondHour(students: "C", max: 1), weight: .soft(4)),
      TimetableConstraint(.studentsMaxHoursDaily(students: nil, max: 4), weight: .hard),
      TimetableConstraint(.studentsMinHoursDaily(students: "B", min: 2, allowEmptyDays: true), weight: .soft(3)),
      TimetableConstraint(.studentsMaxHoursContinuously(students: nil, max: 3), weight: .soft(2)),
      TimetableConstraint(.teachersMaxGapsPerWeek(teacher: nil, max: 2), weight: .soft(5)),
      TimetableConstraint(.teachersMaxGapsPerDay(teacher: "t1", max: 1), weight: .hard),
      TimetableConstraint(.teachersMaxHoursDaily(teacher: nil, max: 5), weight: .hard),
      TimetableConstraint(.teachersMinHoursDaily(teacher: "t4", min: 2, allowEmptyDays: true), weight: .soft(2)),
      TimetableConstraint(.teachersMaxDaysPerWeek(teacher: "t3", max: 2), weight: .soft(9)),
      TimetableConstraint(.teachersMinDaysPerWeek(teacher: "t1", min: 4), weight: .soft(2)),
      TimetableConstraint(.teachersMaxHoursContinuously(teacher: nil, max: 3), weight: .soft(1)),
      TimetableConstraint(.occupyMaxSlotsFromSelection(lessons: c, slots: slots, max: 1), weight: .soft(4)),
      TimetableConstraint(.teachersMaxBuildingChangesPerDay(teacher: nil, max: 0), weight: .soft(2)),
      TimetableConstraint(.teachersMinGapsBetweenBuildingChanges(teacher: "t4", min: 1), weight: .hard),
      TimetableConstraint(.studentsMaxBuildingChangesPerWeek(students: nil, max: 1), weight: .hard),
      TimetableConstraint(.studentsMinGapsBetweenBuildingChanges(students: "A", min: 2), weight: .soft(3)),
      TimetableConstraint(
        .preferredRooms(lessons: b.lessons.filter { $0.subject == "bio" }.map(\.id), rooms: ["lab"]), weight: .soft(3)),
    ]
    return b.problem
  }

  @Test func theRunningCostAlwaysEqualsARecomputation() throws {
    let model = try TimetableModel(problem: Self.problem())
    let state = SearchState(model: model)
    #expect(state.cost == state.recomputedCost())
    var random = SeededGenerator(seed: 11)
    for step in 0..<3000 {
      let b = random.below(model.blockLessons.count)
      let domain = model.domain[b]
      guard !domain.isEmpty else { continue }
      if state.isPlaced(b), random.below(7) == 0 {
        state.remove(b)
      } else {
        _ = state.delta(moving: b, to: Int(domain[random.below(domain.count)]))
        state.move(b, to: Int(domain[random.below(domain.count)]))
      }
      // Another room for a lesson with a choice: its buildings change where it stands.
      let lesson = Int(model.blockLessons[b][0])
      if let options = model.roomChoices[lesson].first, random.below(3) == 0 {
        state.setRoom(lesson: lesson, choice: 0, room: options[random.below(options.count)])
      }
      if step % 50 == 0 { #expect(state.cost == state.recomputedCost(), "step \(step)") }
    }
    #expect(state.cost == state.recomputedCost())
  }

  /// A random block taken out (one time in `removingOneIn`, when placed) or moved to a random
  /// slot of its domain; false, with nothing drawn after the block, when it has no slot.
  static func removeOrMoveARandomBlock(
    _ state: SearchState, _ random: inout SeededGenerator, removingOneIn odds: Int
  ) -> Bool {
    let b = random.below(state.model.blockLessons.count)
    let domain = state.model.domain[b]
    guard !domain.isEmpty else { return false }
    if state.isPlaced(b), random.below(odds) == 0 {
      state.remove(b)
    } else {
      state.move(b, to: Int(domain[random.below(domain.count)]))
    }
    return true
  }

  /// Going back to a snapshot (a ruin and recreate not kept, a refused neighbourhood) moves back
  /// only what changed, and leaves the placement, the rooms, every count and the costs as they
  /// were when it was taken.
  @Test func aRestoreReturnsToTheSnapshotTaken() throws {
    let model = try TimetableModel(problem: Self.problem())
    let state = SearchState(model: model)
    var random = SeededGenerator(seed: 3)
    func shuffle(_ steps: Int) {
      for _ in 0..<steps {
        guard Self.removeOrMoveARandomBlock(state, &random, removingOneIn: 5) else { continue }
        // Another room for a lesson of another block, which then differs from the snapshot by
        // its rooms alone.
        let lesson = Int(model.blockLessons[random.below(model.blockLessons.count)][0])
        if let options = model.roomChoices[lesson].first, random.below(2) == 0 {
          state.setRoom(lesson: lesson, choice: 0, room: options[random.below(options.count)])
        }
      }
    }
    func record() -> String {
      "\(state.start) \(state.chosenRooms) \(state.occupancy) \(state.busyMasks) \(state.ruleCost) \(state.buildingDays) \(state.cost) \(state.unplaced)"
    }
    for round in 0..<40 {
      shuffle(30)
      let snapshot = state.snapshot()
      let before = record()
      shuffle(1 + round % 7)
      #expect(record() != before || round % 7 == 0, "round \(round): the shuffle changed nothing")
      state.restore(snapshot)
      #expect(record() == before, "round \(round)")
      #expect(state.cost == state.recomputedCost(), "round \(round)")
    }
  }

  /// Pricing a trial move (`delta`) puts back every count, record and cost as it was, and prices
  /// exactly what the move then costs; with a hard maximum of days too, so that its shadow and the
  /// weekly running sums are tried and put back.
  @Test func aTrialLeavesTheStateAsItWasAndPricesTheMove() throws {
    var problem = Self.problem()
    problem.constraints.append(TimetableConstraint(.teachersMaxDaysPerWeek(teacher: "t1", max: 3), weight: .hard))
    let model = try TimetableModel(problem: problem)
    let state = SearchState(model: model)
    // The lessons each cell records, in any order (a lesson taken out and put back may take another
    // of the cell's places).
    func holders() -> [[Int32]] {
      stride(from: 0, to: state.holders.count, by: SearchState.holderSlots).map {
        state.holders[$0..<($0 + SearchState.holderSlots)].sorted()
      }
    }
    func record() -> [String] {
      [
        "\(state.start) \(state.chosenRooms) \(state.occupancy) \(holders()) \(state.busyMasks) \(state.classMasks)",
        "\(state.classDayCost) \(state.teacherDayCost) \(state.unitDayCost) \(state.groupCost) \(state.spreadCost)",
        "\(state.ruleCost) \(state.buildingDays) \(state.resourceDayCost) \(state.resourceWeekCost)",
        "\(state.endsDayCost)",
        "\(state.dayStats) \(state.weekStats.map { [$0.gaps, $0.late, $0.second, $0.busyDays] }) \(state.daysShadow)",
        "\(state.cost) \(state.clashes) \(state.penalty) \(state.shadow) \(state.unplaced)",
      ]
    }
    var random = SeededGenerator(seed: 5)
    var priced = 0
    var evicting = 0
    var conflicts: [Int] = []
    for step in 0..<1500 {
      let b = random.below(model.blockLessons.count)
      let domain = model.domain[b]
      guard !domain.isEmpty, !model.locked[b] else { continue }
      if step % 40 == 0 { state.raiseBreakoutWeights(dayRules: true) }
      let slot = Int(domain[random.below(domain.count)])
      // Every other trial also takes out the blocks in the way, as the construction's eviction.
      state.conflictingBlocks(b, at: slot, into: &conflicts)
      let evicted = step % 2 == 0 ? conflicts.filter { $0 != b && !model.locked[$0] } : []
      let before = record()
      let cost = state.cost
      let change = state.delta(moving: b, to: slot, evicting: evicted)
      let after = record()
      for k in before.indices where after[k] != before[k] { Issue.record("step \(step): part \(k) changed") }
      for c in evicted { state.remove(c) }
      state.move(b, to: slot)
      #expect(state.cost - cost == change, "step \(step)")
      priced += 1
      if !evicted.isEmpty { evicting += 1 }
    }
    #expect(priced > 1000)
    #expect(evicting > 100)
    #expect(state.shadow == state.recomputedShadow())
    #expect(state.cost == state.recomputedCost())
  }

  /// The breakout weights' extra units follow every move, raising and clearing, as the running
  /// cost does; the true cost never includes them. With `endsDayDistance`, so do the periods past
  /// a lesson that must end its students' day and its breakout weight.
  @Test(arguments: [false, true]) func theBreakoutPenaltyAlwaysEqualsARecomputation(endsDayDistance: Bool) throws {
    let model = try TimetableModel(problem: Self.problem())
    let state = SearchState(model: model)
    state.endsDayDistance = endsDayDistance
    var random = SeededGenerator(seed: 23)
    var raised = 0
    for step in 0..<3000 {
      guard Self.removeOrMoveARandomBlock(state, &random, removingOneIn: 7) else { continue }
      if step % 40 == 0 {
        state.raiseBreakoutWeights(dayRules: step % 80 == 0)
        raised += 1
      }
      if step == 2000 { state.clearBreakoutWeights() }
      if step % 50 == 0 {
        #expect(state.penalty == state.recomputedPenalty(), "step \(step)")
        #expect(state.cost == state.recomputedCost(), "step \(step)")
      }
      if step == 1999 { #expect(state.penalty > 0) }
      if step == 2000 { #expect(state.penalty == state.endsDayBeyond.reduce(0) { $0 + Int($1) }) }
    }
    #expect(raised > 0)
    // The annealing raises them itself and restores snapshots under them.
    var search = LocalSearch(state: state, seed: 9)
    search.hardWeight = 5000
    search.breakoutEvery = 100
    search.kick(30)
    search.anneal(steps: 3000, startTemperature: 750, endTemperature: 50, stop: { false })
    #expect(state.penalty == state.recomputedPenalty())
    #expect(state.cost == state.recomputedCost())
    #expect(search.best.cost <= state.cost)
  }

  /// A repair that asks to stop at the first timetable without hard violations stops there, long
  /// before its steps run out; without the request it goes on.
  @Test func aRepairUntilFeasibleStopsAtTheFirstTimetableWithoutHardViolations() throws {
    let model = try TimetableModel(problem: Self.problem())
    func clashingStart() -> SearchState {
      let state = SearchState(model: model)
      for b in model.blockLessons.indices where !model.domain[b].isEmpty { state.place(b, at: Int(model.domain[b][0])) }
      return state
    }
    let state = clashingStart()
    #expect(state.cost.hard > 0)
    var search = LocalSearch(state: state, seed: 4)
    search.hardWeight = 1500
    search.anneal(steps: 200_000, startTemperature: 750, endTemperature: 50, untilFeasible: true, stop: { false })
    #expect(state.cost.hard == 0)
    #expect(search.moves < 200_000)
    let other = clashingStart()
    var going = LocalSearch(state: other, seed: 4)
    going.hardWeight = 1500
    going.anneal(steps: search.moves + 500, startTemperature: 750, endTemperature: 50, stop: { false })
    #expect(going.moves > search.moves)
  }

  /// The lessons in a block's way, found through each cell's record of its holders, are those a
  /// search through every placed lesson finds, also when more lessons crowd a cell than it records.
  @Test func theLessonsInTheWayAreFoundThroughTheCellsRecords() throws {
    let model = try TimetableModel(problem: Self.problem())
    let state = SearchState(model: model)
    var random = SeededGenerator(seed: 17)
    func inTheWay(_ block: Int, at slot: Int) -> Set<Int> {
      var found = Set<Int>()
      for other in model.blockLessons.indices where other != block && state.isPlaced(other) {
        let start = Int(state.start[other])
        for l in model.blockLessons[block] {
          for m in model.blockLessons[other] where model.parity[Int(l)] & model.parity[Int(m)] != 0 {
            let overlap = max(slot, start) < min(slot + model.duration[Int(l)], start + model.duration[Int(m)])
            let rooms = model.fixedResources[Int(m)] + state.chosenRooms[Int(m)]
            if overlap, model.fixedResources[Int(l)].contains(where: { rooms.contains($0) }) { found.insert(other) }
          }
        }
      }
      return found
    }
    var crowded = 0
    for step in 0..<2000 {
      let b = random.below(model.blockLessons.count)
      let domain = model.domain[b]
      guard !domain.isEmpty else { continue }
      // Half of the time into the first slot, so that cells hold five lessons and more.
      let slot = random.below(2) == 0 ? Int(domain[0]) : Int(domain[random.below(domain.count)])
      if state.isPlaced(b), random.below(5) == 0 { state.remove(b) } else { state.move(b, to: slot) }
      if step % 10 == 0 {
        let probe = random.below(model.blockLessons.count)
        let at = Int(model.domain[probe][random.below(2) == 0 ? 0 : random.below(model.domain[probe].count)])
        let expected = inTheWay(probe, at: at)
        let lesson = Int(model.blockLessons[probe][0])
        if model.fixedResources[lesson].contains(where: { state.load(resource: Int($0), slot: at) > 4 }) {
          crowded += 1
        }
        #expect(Set(state.conflictingBlocks(probe, at: at)) == expected, "step \(step)")
      }
    }
    #expect(crowded > 0)
  }

  /// Every kind of move of the annealing (chains over double lessons, ruin and recreate, shifts)
  /// leaves the running cost equal to a recomputation, with hard violations to repair and without.
  @Test func theAnnealingsMovesKeepTheRunningCostTrue() throws {
    let model = try TimetableModel(problem: Self.problem())
    let state = SearchState(model: model)
    var construction = Construction(state: state, random: SeededGenerator(seed: 3), shouldStop: { false })
    construction.run()
    var search = LocalSearch(state: state, seed: 5)
    for (round, hardWeight) in [5000, 5000, 1_000_000].enumerated() {
      search.hardWeight = hardWeight
      // Random exchanges first, so that there are violations to repair.
      if round < 2 { search.kick(30) }
      search.anneal(
        steps: 3000, startTemperature: round == 2 ? 4 : 750, endTemperature: round == 2 ? 0.2 : 50, stop: { false })
      #expect(state.cost == state.recomputedCost(), "round \(round)")
      #expect(search.best.cost <= state.cost)
    }
    #expect(search.moves > 0 && search.accepted > 0)
  }

  @Test func aHardStudentsNotAvailableRuleNarrowsTheDomain() throws {
    let model = try TimetableModel(problem: Self.problem())
    let cLessons = model.lessonIDs.enumerated().filter { $0.element.hasPrefix("C-") }.map { $0.offset }
    for l in cLessons {
      let b = Int(model.blockOf[l])
      #expect(!model.allowed[b][0])  // Monday 1 is not available for class C
    }
  }

  /// A teacher who must work 3 days and teach at least 2 lessons on each: the search counts a
  /// missing day as the 2 lessons it lacks, so that moving the first lesson onto an empty day is
  /// already progress (with one unit a day it would cost as much as it gains).
  @Test func aMissingDayWeighsAsTheLessonsAWorkingDayNeeds() throws {
    var b = ProblemFixture.Builder()
    b.addClass("A", compact: false)
    b.addTeacher("t1")
    b.addLessons(6, subject: "math", class: "A", teacher: "t1", oncePerDay: false)
    b.constraints += [
      TimetableConstraint(.teachersMinDaysPerWeek(teacher: "t1", min: 3), weight: .hard),
      TimetableConstraint(.teachersMinHoursDaily(teacher: "t1", min: 2, allowEmptyDays: true), weight: .hard),
    ]
    let model = try TimetableModel(problem: b.problem)
    let state = SearchState(model: model)
    let P = model.periods
    // Three lessons on Monday, three on Tuesday: one day missing.
    for k in 0..<6 { state.place(Int(model.blockOf[k]), at: (k / 3) * P + k % 3) }
    #expect(state.cost.hard == 2)
    #expect(state.cost == state.recomputedCost())
    // One lesson to Wednesday: the day exists but holds one lesson of two.
    state.move(Int(model.blockOf[2]), to: 2 * P)
    #expect(state.cost.hard == 1)
    state.move(Int(model.blockOf[5]), to: 2 * P + 1)
    #expect(state.cost.hard == 0)
    #expect(state.cost == state.recomputedCost())
  }
}
