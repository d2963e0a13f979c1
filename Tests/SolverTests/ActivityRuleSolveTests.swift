import Checker
import Planner
import Testing

@testable import Solver

/// The rules of FET's activity constraints (same starting day or period, min gaps and max days
/// between, ordered, max simultaneous): each hard and binding in a small problem the solver must
/// solve, judged by the independent Checker; and the search's running cost equal to a
/// recomputation and to the Checker's count at random placements.
@Suite struct ActivityRuleSolveTests {
  /// Classes A, B, C (one unit each, days need not be compact), teachers t1…t3 (with these
  /// unavailable slots), one lesson each: A-x-whole-1 (t1), B-y-whole-1 (t2), C-z-whole-1 (t3).
  static func three(
    days: [Weekday] = [.mon, .tue, .wed], periods: Int = 4, unavailable: [String: [TimeSlot]] = [:]
  ) -> ProblemFixture.Builder {
    var b = ProblemFixture.Builder()
    b.days = days
    b.periods = periods
    for c in ["A", "B", "C"] { b.addClass(c, compact: false) }
    for t in ["t1", "t2", "t3"] { b.addTeacher(t, unavailable: unavailable[t] ?? []) }
    b.addLessons(1, subject: "x", class: "A", teacher: "t1")
    b.addLessons(1, subject: "y", class: "B", teacher: "t2")
    b.addLessons(1, subject: "z", class: "C", teacher: "t3")
    return b
  }

  static let x = "A-x-whole-1"
  static let y = "B-y-whole-1"
  static let z = "C-z-whole-1"

  static func slots(_ days: [Weekday], _ periods: ClosedRange<Int>) -> [TimeSlot] {
    days.flatMap { d in periods.map { TimeSlot(day: d, period: $0) } }
  }

  /// Solves with the rule hard; the Checker finds no hard violation. Returns where each lesson went.
  static func solve(_ b: ProblemFixture.Builder, _ rule: ConstraintRule) throws -> [String: Placement] {
    var b = b
    b.constraints.append(TimetableConstraint(rule, weight: .hard))
    let problem = b.problem
    let result = try TimetableSolver.solve(
      problem, settings: SolveSettings(timeLimit: 30, seed: 3, stopWhenFeasible: true, useMIP: false))
    let check = TimetableCheck(problem: problem, timetable: result.timetable)
    #expect(check.isFeasible, "\(rule): \(check.text())")
    #expect(result.hardViolations == 0)
    return Dictionary(result.timetable.placements.map { ($0.lesson, $0) }, uniquingKeysWith: { a, _ in a })
  }

  @Test func sameStartingDayFollowsALessonWithOneFreeDay() throws {
    // t1 teaches only on Wednesday: B's lesson must be on Wednesday too.
    let b = Self.three(unavailable: ["t1": Self.slots([.mon, .tue], 1...4)])
    let placed = try Self.solve(b, .sameStartingDay(lessons: [Self.y, Self.x]))
    #expect(placed[Self.y]?.day == .wed)
  }

  @Test func sameStartingPeriodFollowsALessonWithOneFreePeriod() throws {
    let b = Self.three(unavailable: [
      "t1": Self.slots([.mon, .tue, .wed], 1...2) + Self.slots([.mon, .tue, .wed], 4...4)
    ])
    let placed = try Self.solve(b, .sameStartingPeriod(lessons: [Self.y, Self.z, Self.x]))
    #expect(placed[Self.y]?.period == 3)
    #expect(placed[Self.z]?.period == 3)
  }

  @Test func minGapsBetweenPushesTwoLessonsOfADayApart() throws {
    // One day of five periods, both lessons on it: three free periods between leave only 1 and 5.
    let b = Self.three(days: [.mon], periods: 5)
    let placed = try Self.solve(b, .minGapsBetween(lessons: [Self.x, Self.y], minGaps: 3))
    #expect(Set([placed[Self.x]?.period, placed[Self.y]?.period]) == [1, 5])
  }

  @Test func maxDaysBetweenKeepsTwoLessonsClose() throws {
    // t1 only on Monday, t2 never on Monday: B's lesson must be on Tuesday.
    let days: [Weekday] = [.mon, .tue, .wed, .thu, .fri]
    let b = Self.three(
      days: days,
      unavailable: ["t1": Self.slots([.tue, .wed, .thu, .fri], 1...4), "t2": Self.slots([.mon], 1...4)])
    let placed = try Self.solve(b, .maxDaysBetween(lessons: [Self.x, Self.y], maxDays: 1))
    #expect(placed[Self.y]?.day == .tue)
  }

  @Test func orderedPutsTheFirstBefore() throws {
    // t2 only at Monday 2: A's lesson must end before, at Monday 1.
    let b = Self.three(
      days: [.mon, .tue], periods: 3,
      unavailable: ["t2": [TimeSlot(day: .mon, period: 1), TimeSlot(day: .mon, period: 3)] + Self.slots([.tue], 1...3)])
    let placed = try Self.solve(b, .ordered(first: Self.x, second: Self.y, ifSameDay: false))
    #expect(placed[Self.x]?.day == .mon && placed[Self.x]?.period == 1)
  }

  @Test func orderedIfSameDayPutsTheFirstBeforeOnItsDay() throws {
    // Both teachers only on Monday, t2 only at its first period: A's lesson must come after, at 2.
    let b = Self.three(
      days: [.mon, .tue], periods: 2,
      unavailable: [
        "t1": Self.slots([.tue], 1...2), "t2": [TimeSlot(day: .mon, period: 2)] + Self.slots([.tue], 1...2),
      ])
    let placed = try Self.solve(b, .ordered(first: Self.y, second: Self.x, ifSameDay: true))
    #expect(placed[Self.y]?.period == 1)
    #expect(placed[Self.x]?.day == .mon && placed[Self.x]?.period == 2)
  }

  @Test func maxSimultaneousSpreadsLessonsOverTheSelectedSlots() throws {
    // One day of three periods: one lesson at a time in each.
    let b = Self.three(days: [.mon], periods: 3)
    let placed = try Self.solve(
      b, .maxSimultaneous(lessons: [Self.x, Self.y, Self.z], slots: Self.slots([.mon], 1...3), max: 1))
    #expect(Set([Self.x, Self.y, Self.z].compactMap { placed[$0]?.period }) == [1, 2, 3])
  }

  /// Classes A, B, C of one lesson each and two rooms that would hold them all at once.
  static func twoRooms(periods: Int) -> ProblemFixture.Builder {
    var b = ProblemFixture.Builder()
    b.days = [.mon]
    b.periods = periods
    b.addRoom("r1")
    b.addRoom("r2")
    for c in ["A", "B", "C"] { b.addClass(c, compact: false) }
    for t in ["t1", "t2", "t3"] { b.addTeacher(t) }
    for (s, c, t) in [("x", "A", "t1"), ("y", "B", "t2"), ("z", "C", "t3")] {
      b.addLessons(1, subject: s, class: c, teacher: t, rooms: [["r1", "r2"]])
    }
    return b
  }

  @Test func occupyMaxRoomsKeepsTheLessonsInOneRoom() throws {
    let placed = try Self.solve(Self.twoRooms(periods: 3), .occupyMaxRooms(lessons: [Self.x, Self.y, Self.z], max: 1))
    #expect(Set(placed.values.flatMap(\.rooms)).count == 1)
    #expect(Set(placed.values.map(\.period)).count == 3)
  }

  /// Lessons that must share one room cannot be at once: with `impliedRoomRules`, a hard maximum
  /// of rooms shows the search so by an implied rule, whose units are in the search's penalty,
  /// not in the true cost (which stays the Checker's); a soft maximum implies nothing, nor does
  /// any maximum without the setting.
  @Test func aHardMaximumOfRoomsShowsTheSearchThatItsLessonsMayNotBeAtOnce() throws {
    for (weight, hard) in [(ConstraintWeight.hard, true), (.soft(3), false)] {
      var b = Self.twoRooms(periods: 3)
      b.constraints.append(
        TimetableConstraint(.occupyMaxRooms(lessons: [Self.x, Self.y, Self.z], max: 1), weight: weight))
      let problem = b.problem
      var parameters = SearchParameters()
      parameters.model.impliedRoomRules = true
      let model = try TimetableModel(problem: problem, parameters: parameters)
      #expect(model.groupRules.filter(\.implied).count == (hard ? 1 : 0))
      #expect(try TimetableModel(problem: problem).groupRules.filter(\.implied).isEmpty)
      let state = SearchState(model: model)
      for block in model.blockLessons.indices { state.place(block, at: 0) }
      // Three at once in a slot: one unit of the implied rule (one slot holding too many).
      #expect(state.penalty == (hard ? 1 : 0))
      #expect(state.penalty == state.recomputedPenalty())
      #expect(state.cost == state.recomputedCost())
      #expect(SolverCheckerAgreementTests.disagreement(state, problem) == nil)
      state.clearBreakoutWeights()
      #expect(state.penalty == state.recomputedPenalty())
      state.move(0, to: 1)
      state.move(1, to: 2)
      #expect(state.penalty == 0)
    }
  }

  @Test func sameRoomIfConsecutiveKeepsTwoLessonsInARowInOneRoom() throws {
    var b = ProblemFixture.Builder()
    b.days = [.mon]
    b.periods = 2
    b.addRoom("r1")
    b.addRoom("r2")
    b.addClass("A", compact: false)
    b.addTeacher("t1")
    b.addTeacher("t2")
    b.addLessons(1, subject: "x", class: "A", teacher: "t1", rooms: [["r1", "r2"]])
    b.addLessons(1, subject: "y", class: "A", teacher: "t2", rooms: [["r2", "r1"]])
    // One day of two periods: the two lessons are one right after the other.
    let placed = try Self.solve(b, .sameRoomIfConsecutive(lessons: [Self.x, "A-y-whole-1"]))
    #expect(placed[Self.x]?.rooms == placed["A-y-whole-1"]?.rooms)
  }

  /// The rules of this suite over the agreement problem's lessons, hard and soft.
  static func rules(_ b: ProblemFixture.Builder) -> [TimetableConstraint] {
    let a = SolverCheckerAgreementTests.ids(b, "A-")
    let c = SolverCheckerAgreementTests.ids(b, "C-")
    let slots = [TimeSlot(day: .mon, period: 1), TimeSlot(day: .mon, period: 2), TimeSlot(day: .tue, period: 2)]
    return [
      TimetableConstraint(.sameStartingDay(lessons: [a[0], c[0], c[5]]), weight: .soft(3)),
      TimetableConstraint(.sameStartingDay(lessons: [a[1], c[1]]), weight: .hard),
      TimetableConstraint(.sameStartingPeriod(lessons: [a[2], c[2], c[6]]), weight: .soft(2)),
      TimetableConstraint(.sameStartingPeriod(lessons: [a[3], c[3]]), weight: .hard),
      TimetableConstraint(.minGapsBetween(lessons: Array(c.prefix(5)), minGaps: 2), weight: .soft(4)),
      TimetableConstraint(.minGapsBetween(lessons: Array(a.prefix(4)), minGaps: 1), weight: .hard),
      TimetableConstraint(.maxDaysBetween(lessons: Array(c.prefix(4)), maxDays: 1), weight: .soft(5)),
      TimetableConstraint(.maxDaysBetween(lessons: [a[0], a[5]], maxDays: 2), weight: .hard),
      TimetableConstraint(.ordered(first: c[0], second: a[0], ifSameDay: false), weight: .soft(6)),
      TimetableConstraint(.ordered(first: a[1], second: c[1], ifSameDay: false), weight: .hard),
      TimetableConstraint(.ordered(first: c[3], second: a[3], ifSameDay: true), weight: .soft(7)),
      TimetableConstraint(.ordered(first: a[2], second: c[4], ifSameDay: true), weight: .hard),
      TimetableConstraint(.maxSimultaneous(lessons: a + c, slots: slots, max: 1), weight: .soft(2)),
      TimetableConstraint(.maxSimultaneous(lessons: c + a, slots: slots, max: 2), weight: .hard),
      TimetableConstraint(.occupyMaxRooms(lessons: Array(a.prefix(4)), max: 1), weight: .soft(3)),
      TimetableConstraint(.occupyMaxRooms(lessons: Array(c.prefix(3)), max: 2), weight: .hard),
      TimetableConstraint(.sameRoomIfConsecutive(lessons: a + c), weight: .soft(2)),
      TimetableConstraint(.sameRoomIfConsecutive(lessons: Array(c.prefix(4))), weight: .hard),
    ]
  }

  /// Each rule alone: the solver's count agrees with the Checker's at a construction and random moves.
  @Test(arguments: rules(SolverCheckerAgreementTests.base(agreeing: true)))
  func eachRuleAloneIsCountedAsTheCheckerCountsIt(_ rule: TimetableConstraint) throws {
    var b = SolverCheckerAgreementTests.base(agreeing: true)
    b.constraints.append(rule)
    try SolverCheckerAgreementTests.compareAlone(rule, b.problem)
  }

  /// Short solves with GLPK's neighbourhoods (which model max simultaneous and leave the others
  /// to the search's pricing): the result's own counts against the Checker's.
  @Test func shortSolvesWithGLPKAreCountedAlike() throws {
    var b = SolverCheckerAgreementTests.base(agreeing: true)
    b.constraints += Self.rules(b)
    let problem = b.problem
    for seed in UInt64(1)...2 {
      let result = try TimetableSolver.solve(
        problem, settings: SolveSettings(timeLimit: 300, seed: seed, maxRounds: 2, useMIP: true))
      let check = TimetableCheck(problem: problem, timetable: result.timetable)
      #expect(result.softCost == check.softCost.total, "seed \(seed): \(check.text())")
      #expect((result.hardViolations == 0) == check.isFeasible, "seed \(seed): \(check.text())")
    }
  }

  /// All of them at once, with removals too: the running cost always equals a recomputation.
  @Test func theRunningCostAlwaysEqualsARecomputation() throws {
    var b = SolverCheckerAgreementTests.base(agreeing: true)
    b.constraints += Self.rules(b)
    let model = try TimetableModel(problem: b.problem)
    let state = SearchState(model: model)
    #expect(state.cost == state.recomputedCost())
    var random = SeededGenerator(seed: 17)
    for step in 0..<2000 {
      let block = random.below(model.blockLessons.count)
      let domain = model.domain[block]
      guard !domain.isEmpty else { continue }
      if state.isPlaced(block), random.below(7) == 0 {
        state.remove(block)
      } else {
        _ = state.delta(moving: block, to: Int(domain[random.below(domain.count)]))
        state.move(block, to: Int(domain[random.below(domain.count)]))
      }
      if step % 50 == 0 { #expect(state.cost == state.recomputedCost(), "step \(step)") }
    }
    let (compared, found) = try SolverCheckerAgreementTests.disagreements(b.problem, seed: 5)
    #expect(compared > 0)
    #expect(found.isEmpty, "\(found.first ?? "")")
  }
}
