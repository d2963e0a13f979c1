import Checker
import Planner
import Testing

@testable import Solver

/// FET's interval max days, activity-tag max hours, max span and min resting hours rules: hard and
/// binding in small problems the solver must solve (judged by the Checker), and priced by the
/// search's running cost as a recomputation and the Checker price them.
@Suite struct ResourceRuleSolveTests {
  static func ids(_ b: ProblemFixture.Builder, _ prefix: String) -> [String] {
    b.lessons.map(\.id).filter { $0.hasPrefix(prefix) }
  }

  /// Solves with the rules hard; the Checker finds no hard violation and none of the rules broken.
  static func solveAndCheck(_ b: ProblemFixture.Builder, _ rules: [ConstraintRule], useMIP: Bool = false) throws {
    var b = b
    b.constraints += rules.map { TimetableConstraint($0, weight: .hard) }
    let problem = b.problem
    let result = try TimetableSolver.solve(
      problem, settings: SolveSettings(timeLimit: 60, seed: 3, stopWhenFeasible: true, useMIP: useMIP))
    let check = TimetableCheck(problem: problem, timetable: result.timetable)
    #expect(check.isFeasible, "\(check.text())")
    #expect(check.placedCount == problem.lessons.count)
    #expect(result.hardViolations == 0)
    // The rules were binding: without them, the same search from the same seed breaks them.
    var free = b
    free.constraints.removeLast(rules.count)
    let loose = try TimetableSolver.solve(
      free.problem, settings: SolveSettings(timeLimit: 60, seed: 3, stopWhenFeasible: true, useMIP: false))
    let judged = TimetableCheck(problem: problem, timetable: loose.timetable)
    #expect(!judged.isFeasible, "the rules do not bind: \(rules)")
  }

  /// Class A: math (t1) and eng (t2) once a day, compact from the first period; class C, not
  /// compact: art (t3) and bio (t4) once a day, phy and chem (t4) three times a week.
  static func base() -> ProblemFixture.Builder {
    var b = ProblemFixture.Builder()
    b.addClass("A")
    b.addClass("C", compact: false)
    for t in ["t1", "t2", "t3", "t4"] { b.addTeacher(t) }
    b.addLessons(5, subject: "math", class: "A", teacher: "t1")
    b.addLessons(5, subject: "eng", class: "A", teacher: "t2")
    b.addLessons(5, subject: "art", class: "C", teacher: "t3")
    b.addLessons(5, subject: "bio", class: "C", teacher: "t4")
    b.addLessons(3, subject: "phy", class: "C", teacher: "t4", oncePerDay: false)
    b.addLessons(3, subject: "chem", class: "C", teacher: "t3", oncePerDay: false)
    return b
  }

  @Test func intervalMaxDaysAreKept() throws {
    try Self.solveAndCheck(
      Self.base(),
      [
        .teachersIntervalMaxDaysPerWeek(teacher: "t1", startPeriod: 1, endPeriod: 2, max: 1),
        .studentsIntervalMaxDaysPerWeek(students: "C", startPeriod: 3, endPeriod: 7, max: 2),
      ])
  }

  @Test func activityTagMaxHoursAreKept() throws {
    let b = Self.base()
    let lab = Self.ids(b, "C-phy") + Self.ids(b, "C-chem")
    try Self.solveAndCheck(
      b,
      [
        .studentsTagMaxHoursDaily(students: "C", tag: "lab", lessons: lab, max: 2),
        .teachersTagMaxHoursDaily(teacher: "t4", tag: "lab", lessons: lab, max: 1),
        .studentsTagMaxHoursContinuously(students: nil, tag: "lab", lessons: lab, max: 1),
        .teachersTagMaxHoursContinuously(teacher: nil, tag: "lab", lessons: lab + Self.ids(b, "C-art"), max: 1),
      ])
  }

  @Test func maxSpanIsKeptWithItsOneDayOfPlusOne() throws {
    try Self.solveAndCheck(
      Self.base(),
      [
        .studentsMaxSpanPerDay(students: "C", max: 4, oneDayPlusOne: true),
        .teachersMaxSpanPerDay(teacher: nil, max: 2, oneDayPlusOne: false),
      ])
  }

  @Test func minRestingHoursAreKept() throws {
    // t1 teaches A's math once a day: a rest of 5 of 6 periods makes each day's lesson no
    // earlier than the day before's.
    try Self.solveAndCheck(
      Self.base(),
      [
        .teachersMinRestingHours(teacher: "t1", min: 5, circular: false),
        .studentsMinRestingHours(students: "C", min: 2, circular: true),
      ], useMIP: true)
  }

  @Test func minGapsBetweenAnOrderedPairOfTagsAreKept() throws {
    let b = Self.base()
    try Self.solveAndCheck(
      b,
      [
        .studentsMinGapsBetweenTagPair(
          students: "C", firstTag: "lab", first: Self.ids(b, "C-phy"), secondTag: "art", second: Self.ids(b, "C-art"),
          min: 2),
        .teachersMinGapsBetweenTagPair(
          teacher: nil, firstTag: "lab", first: Self.ids(b, "C-chem"), secondTag: "art", second: Self.ids(b, "C-art"),
          min: 1),
      ])
  }

  @Test func studentsMaxDaysPerWeekIsKept() throws {
    var b = Self.base()
    b.addClass("E", compact: false)
    b.addLessons(6, subject: "music", class: "E", teacher: "t2", oncePerDay: false)
    try Self.solveAndCheck(b, [.studentsMaxDaysPerWeek(students: "E", max: 2)], useMIP: true)
  }

  /// Class F (t1) has geography in r1 (Main) or the lab (Annex) and lab lessons in the lab.
  static func withBuildings() -> ProblemFixture.Builder {
    var b = base()
    b.addRoom("r1")
    b.addRoom("r2")
    b.addRoom("lab", type: .laboratory)
    for k in b.rooms.indices { b.rooms[k].building = b.rooms[k].id == "lab" ? "Annex" : "Main" }
    b.addClass("F", compact: false)
    b.addLessons(5, subject: "geo", class: "F", teacher: "t1", rooms: [["r1", "r2", "lab"]], oncePerDay: false)
    b.addLessons(3, subject: "lab", class: "F", teacher: "t2", rooms: [["lab"]], oncePerDay: false)
    return b
  }

  @Test func buildingChangesAreKept() throws {
    try Self.solveAndCheck(
      Self.withBuildings(),
      [
        .studentsMaxBuildingChangesPerDay(students: "F", max: 0),
        .studentsMinGapsBetweenBuildingChanges(students: nil, min: 1),
        .teachersMaxBuildingChangesPerWeek(teacher: nil, max: 0),
      ], useMIP: true)
  }

  /// Every kind of this family, hard and soft, with the basic rules of `base()`.
  static func problem() -> TimetableProblem {
    var b = withBuildings()
    b.addLessons(2, subject: "art", class: "F", teacher: "t2", rooms: [["r2", "lab"]], oncePerDay: false)
    b.addClass("B", units: ["B/1", "B/2"], compact: false)
    b.addLessons(4, subject: "math", class: "B", teacher: "t1")
    b.addLessons(2, subject: "eng", class: "B", teacher: "t2", units: ["B/1"], group: "1", duration: 2)
    b.addLessons(3, subject: "eng", class: "B", teacher: "t3", units: ["B/2"], group: "2")
    let lab = ids(b, "C-phy") + ids(b, "C-chem") + ids(b, "B-eng-1")
    b.constraints += [
      TimetableConstraint(
        .teachersIntervalMaxDaysPerWeek(teacher: nil, startPeriod: 1, endPeriod: 3, max: 2), weight: .soft(3)),
      TimetableConstraint(
        .studentsIntervalMaxDaysPerWeek(students: "B", startPeriod: 4, endPeriod: 7, max: 1), weight: .hard),
      TimetableConstraint(.teachersTagMaxHoursDaily(teacher: nil, tag: "lab", lessons: lab, max: 1), weight: .soft(2)),
      TimetableConstraint(.studentsTagMaxHoursDaily(students: "B", tag: "lab", lessons: lab, max: 1), weight: .hard),
      TimetableConstraint(
        .teachersTagMaxHoursContinuously(teacher: "t2", tag: "lab", lessons: lab, max: 2), weight: .hard),
      TimetableConstraint(
        .studentsTagMaxHoursContinuously(students: nil, tag: "lab", lessons: lab, max: 1), weight: .soft(5)),
      TimetableConstraint(.teachersMaxSpanPerDay(teacher: nil, max: 3, oneDayPlusOne: true), weight: .soft(4)),
      TimetableConstraint(.studentsMaxSpanPerDay(students: "C", max: 3, oneDayPlusOne: false), weight: .hard),
      TimetableConstraint(.teachersMinRestingHours(teacher: "t4", min: 5, circular: true), weight: .hard),
      TimetableConstraint(.studentsMinRestingHours(students: nil, min: 4, circular: false), weight: .soft(7)),
      TimetableConstraint(.studentsMaxDaysPerWeek(students: "B", max: 3), weight: .soft(6)),
      TimetableConstraint(.teachersMaxDaysPerWeek(teacher: "t2", max: 4), weight: .hard),
      TimetableConstraint(
        .studentsMinGapsBetweenTagPair(
          students: nil, firstTag: "lab", first: ids(b, "C-phy") + ids(b, "B-math"), secondTag: "x",
          second: ids(b, "C-art") + ids(b, "B-eng"), min: 1), weight: .soft(3)),
      TimetableConstraint(
        .teachersMinGapsBetweenTagPair(
          teacher: "t1", firstTag: "lab", first: ids(b, "A-math"), secondTag: "x", second: ids(b, "B-math"), min: 2),
        weight: .hard),
      TimetableConstraint(.teachersMaxBuildingChangesPerDay(teacher: nil, max: 0), weight: .soft(2)),
      TimetableConstraint(.teachersMaxBuildingChangesPerWeek(teacher: "t2", max: 1), weight: .hard),
      TimetableConstraint(.teachersMinGapsBetweenBuildingChanges(teacher: nil, min: 2), weight: .soft(3)),
      TimetableConstraint(.studentsMaxBuildingChangesPerDay(students: "F", max: 1), weight: .hard),
      TimetableConstraint(.studentsMaxBuildingChangesPerWeek(students: nil, max: 2), weight: .soft(4)),
      TimetableConstraint(.studentsMinGapsBetweenBuildingChanges(students: "F", min: 1), weight: .hard),
    ]
    return b.problem
  }

  /// A broken hard rule of a day that no move can mend (a class with more lessons than days, at
  /// most one a day) grows dearer to the repair with `breakoutOnDayRules`, and not without it.
  @Test func theBreakoutWeightsRiseOnTheRulesOfDaysOnlyWhenAsked() throws {
    var problem = Self.problem()
    problem.constraints.append(TimetableConstraint(.studentsMaxHoursDaily(students: "B", max: 1), weight: .hard))
    let model = try TimetableModel(problem: problem)
    for onDayRules in [true, false] {
      let state = SearchState(model: model)
      var construction = Construction(state: state, random: SeededGenerator(seed: 5), shouldStop: { false })
      construction.run()
      var parameters = SearchParameters()
      parameters.annealing.breakoutOnDayRules = onDayRules
      var search = LocalSearch(state: state, seed: 3, parameters: parameters)
      search.hardWeight = 1500
      search.breakoutEvery = 100
      search.anneal(steps: 2000, startTemperature: 750, endTemperature: 50, stop: { false })
      #expect(state.cost.hard > 0)
      #expect(state.resourceDayExtra.contains { $0 > 0 } == onDayRules, "on day rules: \(onDayRules)")
      #expect(state.penalty == state.recomputedPenalty())
    }
  }

  @Test func theRunningCostEqualsARecomputationAndTheChecker() throws {
    let problem = Self.problem()
    let model = try TimetableModel(problem: problem)
    let state = SearchState(model: model)
    var construction = Construction(state: state, random: SeededGenerator(seed: 5), shouldStop: { false })
    construction.run()
    #expect(state.cost == state.recomputedCost())
    var random = SeededGenerator(seed: 17)
    var compared = 0
    for step in 0..<2000 {
      let b = random.below(model.blockLessons.count)
      let domain = model.domain[b]
      guard !domain.isEmpty else { continue }
      _ = state.delta(moving: b, to: Int(domain[random.below(domain.count)]))
      state.move(b, to: Int(domain[random.below(domain.count)]))
      // Another room for a lesson with a choice (the building rules follow rooms).
      let l = random.below(model.lessonIDs.count)
      if let choices = model.roomChoices[l].first, choices.count > 1 {
        state.setRoom(lesson: l, choice: 0, room: choices[random.below(choices.count)])
      }
      // Breakout weights on the broken rules of days and weeks follow every change too.
      if step % 100 == 0 { state.raiseBreakoutWeights(dayRules: true) }
      if step % 40 == 0 {
        #expect(state.cost == state.recomputedCost(), "step \(step)")
        #expect(state.penalty == state.recomputedPenalty(), "step \(step)")
        #expect(state.shadow == state.recomputedShadow(), "step \(step)")
        if let text = SolverCheckerAgreementTests.disagreement(state, problem) {
          Issue.record("step \(step): \(text)")
        }
        compared += 1
      }
    }
    #expect(compared > 10)
    #expect(state.cost.soft > 0)
    #expect(state.resourceDayExtra.contains { $0 > 0 } && state.resourceWeekExtra.contains { $0 > 0 })
  }

  /// A hard maximum of days a week costs whole days over; the search also sees the lessons on
  /// the lightest day over it, so that moving one of them off is progress before the day is empty.
  @Test func aLessonMovedOffTheLightestDayOverTheMaximumIsProgress() throws {
    var b = ProblemFixture.Builder()
    b.addClass("C", compact: false)
    b.addTeacher("t1")
    b.addLessons(6, subject: "music", class: "C", teacher: "t1", oncePerDay: false)
    b.constraints.append(TimetableConstraint(.teachersMaxDaysPerWeek(teacher: "t1", max: 2), weight: .hard))
    let model = try TimetableModel(problem: b.problem)
    let state = SearchState(model: model)
    let periods = model.periods
    // Mon 1–2, Tue 1–2, Wed 1–2: one day over, two lessons on each day.
    for (b, slot) in [0, 1, periods, periods + 1, 2 * periods, 2 * periods + 1].enumerated() {
      state.place(b, at: slot)
    }
    #expect(state.cost.hard == 1)
    #expect(state.shadow == 1)
    #expect(state.shadow == state.recomputedShadow())
    // One lesson off Wednesday: the day is still worked, but the search sees the gain.
    state.move(5, to: 2)
    #expect(state.cost.hard == 1)
    #expect(state.shadow == 0)
    // The last one off: no day over, no shadow.
    state.move(4, to: periods + 2)
    #expect(state.cost.hard == 0)
    #expect(state.shadow == 0)
    // Clearing the breakout weights keeps the shadow of a day over.
    state.move(4, to: 2 * periods)
    state.move(5, to: 2 * periods + 1)
    state.clearBreakoutWeights()
    #expect(state.shadow == 1)
    #expect(state.shadow == state.recomputedShadow())
  }
}
