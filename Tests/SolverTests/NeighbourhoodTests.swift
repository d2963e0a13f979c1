import Checker
import Planner
import Testing

@testable import Solver

@Suite struct NeighbourhoodTests {
  /// Class A on the given days: `maths` lessons of maths with t1, then `arts` of art with t2.
  static func mathsAndArt(days: [Weekday], periods: Int, maths: Int, arts: Int) -> ProblemFixture.Builder {
    var b = ProblemFixture.Builder()
    b.periods = periods
    b.days = days
    b.addClass("A")
    b.addTeacher("t1")
    b.addTeacher("t2")
    b.addLessons(maths, subject: "math", class: "A", teacher: "t1", oncePerDay: false)
    b.addLessons(arts, subject: "art", class: "A", teacher: "t2", oncePerDay: false)
    return b
  }

  /// One class of four periods on one day: two lessons of maths with t1 and two of art with t2,
  /// placed maths, art, maths, art. Each teacher has a free period between their two lessons (t1
  /// at period 2, t2 at period 3), while maths, maths, art, art has no gap at all. The class's day
  /// is full, so no single move closes a gap; GLPK's neighbourhood (the class over its week) must
  /// re-place the lessons together. Judged by the Checker.
  @Test func theMIPClosesATeachersGap() throws {
    var b = Self.mathsAndArt(days: [.mon], periods: 4, maths: 2, arts: 2)
    b.constraints.append(TimetableConstraint(.teacherGaps, weight: .soft(3)))
    let problem = b.problem
    let model = try TimetableModel(problem: problem)
    let state = SearchState(model: model)
    let (math1, math2, art1, art2) = (0, 1, 2, 3)
    #expect(model.lessonIDs == ["A-math-whole-1", "A-math-whole-2", "A-art-whole-1", "A-art-whole-2"])
    state.place(Int(model.blockOf[math1]), at: 0)
    state.place(Int(model.blockOf[art1]), at: 1)
    state.place(Int(model.blockOf[math2]), at: 2)
    state.place(Int(model.blockOf[art2]), at: 3)
    let before = TimetableCheck(
      problem: problem, timetable: TimetableWriter.timetable(from: state, problem: problem, locks: [:]))
    #expect(before.isFeasible, "\(before.text())")
    // The two gaps of the start, as the Checker sees them: one period each, weight 3.
    #expect(before.softViolations.map(\.kind) == ["teacherGaps", "teacherGaps"])
    #expect(before.softViolations.map(\.period) == [2, 3])
    #expect(before.softCost.total == 6)
    #expect(state.cost == Cost(hard: 0, soft: 6))

    var search = NeighbourhoodSearch(state: state, seed: 1, timeLimit: 30)
    search.improve(stop: { false })

    let after = TimetableCheck(
      problem: problem, timetable: TimetableWriter.timetable(from: state, problem: problem, locks: [:]))
    #expect(after.isFeasible, "\(after.text())")
    #expect(after.softViolations.isEmpty, "\(after.text())")
    #expect(after.softCost.byKind["teacherGaps"] == 0)
    #expect(after.softCost.total < before.softCost.total)
    #expect(state.cost.soft < 6)
    #expect(state.cost == Cost(hard: 0, soft: after.softCost.total))
    #expect(state.cost == state.recomputedCost())
    #expect(search.improved == 1)
  }

  /// One day of five periods, four maths (t1) and an art (t2, the fifth lesson) that must end
  /// class A's day.
  static func artMustEndTheDay() -> TimetableProblem {
    var b = mathsAndArt(days: [.mon], periods: 5, maths: 4, arts: 1)
    b.constraints.append(TimetableConstraint(.endsStudentsDay(lessons: ["A-art-whole-1"]), weight: .hard))
    return b.problem
  }

  /// The art comes first, the four maths after it. The search counts one violation (one lesson
  /// not ending the day); the MIP must price the start the same (one hard unit), not once per
  /// later lesson (four), or GLPK would trade other hard rules against it by the wrong measure.
  @Test func theMIPCountsALessonNotEndingTheDayOnce() throws {
    let problem = Self.artMustEndTheDay()
    let model = try TimetableModel(problem: problem)
    let state = SearchState(model: model)
    let slots = [1, 2, 3, 4, 0]
    for (lesson, slot) in slots.enumerated() { state.place(Int(model.blockOf[lesson]), at: slot) }
    let before = TimetableCheck(
      problem: problem, timetable: TimetableWriter.timetable(from: state, problem: problem, locks: [:]))
    #expect(before.hardViolations.count == 1, "\(before.text())")
    #expect(state.cost == Cost(hard: 1, soft: 0))
    let blocks = (0..<5).map { Int(model.blockOf[$0]) }
    for block in blocks { state.remove(block) }
    var mip = NeighbourhoodMIP(
      state: state, blocks: blocks, old: slots, days: nil, parameters: SearchParameters().neighbourhoods)
    let subProblem = try mip.build()
    var options = SolveOptions(timeLimit: 30)
    options.startingFixes = subProblem.startingFixes
    let solution = try subProblem.program.solve(options)
    let hardPrice = SearchParameters().neighbourhoods.mipHardPrice
    #expect(abs(try #require(solution.startObjective) - hardPrice) < 1e-6)
    #expect(abs(try #require(solution.objective)) < 1e-6)
  }

  /// The same day for the search with `endsDayDistance`: the true cost stays one violation
  /// wherever the art is before the end, but the search also sees a unit for each period but one
  /// that the day runs on past it (3 at the first period, none at the fourth or the last), and a
  /// breakout weight where the violation persists; without the setting, neither.
  @Test func theSearchSeesHowFarTheDayRunsPastALessonThatMustEndIt() throws {
    let model = try TimetableModel(problem: Self.artMustEndTheDay())
    for distance in [false, true] {
      let state = SearchState(model: model)
      state.endsDayDistance = distance
      for (lesson, slot) in [1, 2, 3, 4, 0].enumerated() { state.place(Int(model.blockOf[lesson]), at: slot) }
      let art = Int(model.blockOf[4])
      #expect(state.cost == Cost(hard: 1, soft: 0))
      #expect(state.penalty == (distance ? 3 : 0))
      state.raiseBreakoutWeights()
      #expect(state.penalty == (distance ? 4 : 0))
      #expect(state.penalty == state.recomputedPenalty())
      // The art and the maths at the fourth period exchange places: one lesson after it, so no
      // unit for the distance, and the breakout weight's one.
      state.remove(Int(model.blockOf[2]))
      state.move(art, to: 3)
      state.place(Int(model.blockOf[2]), at: 0)
      #expect(state.cost == Cost(hard: 1, soft: 0))
      #expect(state.penalty == (distance ? 1 : 0))
      state.remove(Int(model.blockOf[3]))
      state.move(art, to: 4)
      state.place(Int(model.blockOf[3]), at: 3)
      #expect(state.cost == .zero)
      #expect(state.penalty == 0)
      #expect(state.penalty == state.recomputedPenalty())
    }
  }

  /// One class, maths with t1 and art with t2 (`maths` and `arts` lessons), one hard rule, the
  /// lessons (in that order) placed at `slots`: the Checker must find the rule `broken` and
  /// nothing else. Then one neighbourhood of GLPK (the class over its week, the only class):
  /// with nothing else broken, the start is already optimal unless the rule is among the MIP's
  /// rows, so each test below fails without its rows. Lessons in `locks` stay fixed.
  private func afterOneNeighbourhood(
    days: [Weekday], periods: Int, maths: Int, arts: Int, rule: ConstraintRule, slots: [Int], broken: String,
    locks: [String: Placement] = [:]
  ) throws -> (state: SearchState, blockOf: [Int32], after: TimetableCheck, improved: Int) {
    var b = Self.mathsAndArt(days: days, periods: periods, maths: maths, arts: arts)
    b.constraints.append(TimetableConstraint(rule, weight: .hard))
    let problem = b.problem
    let model = try TimetableModel(problem: problem, locks: locks)
    let state = SearchState(model: model)
    #expect(model.lessonIDs == (1...maths).map { "A-math-whole-\($0)" } + (1...arts).map { "A-art-whole-\($0)" })
    for (lesson, slot) in slots.enumerated() { state.place(Int(model.blockOf[lesson]), at: slot) }
    let before = TimetableCheck(
      problem: problem, timetable: TimetableWriter.timetable(from: state, problem: problem, locks: [:]))
    #expect(before.hardViolations.map(\.kind) == [broken], "\(before.text())")
    var search = NeighbourhoodSearch(state: state, seed: 1, timeLimit: 30)
    search.improve(stop: { false })
    let after = TimetableCheck(
      problem: problem, timetable: TimetableWriter.timetable(from: state, problem: problem, locks: [:]))
    #expect(state.cost == state.recomputedCost())
    return (state, model.blockOf, after, search.improved)
  }

  /// Four periods on one day: three tagged maths, at most two in a row, placed maths, maths,
  /// maths, art. The way out is the art between the maths.
  @Test func theMIPBreaksATeachersRunOfTaggedLessons() throws {
    let maths = ["A-math-whole-1", "A-math-whole-2", "A-math-whole-3"]
    let (state, blockOf, after, improved) = try afterOneNeighbourhood(
      days: [.mon], periods: 4, maths: 3, arts: 1,
      rule: .teachersTagMaxHoursContinuously(teacher: "t1", tag: "Class", lessons: maths, max: 2),
      slots: [0, 1, 2, 3], broken: "teachers-tag-max-hours-continuously")
    #expect(after.isFeasible, "\(after.text())")
    #expect([1, 2].contains(state.start[Int(blockOf[3])]))
    #expect(improved == 1)
  }

  /// Two days of three periods: three tagged maths, at most two a day, all on Monday, the art
  /// on Tuesday. A maths must go to Tuesday.
  @Test func theMIPTakesATaggedLessonToAnotherDay() throws {
    let maths = ["A-math-whole-1", "A-math-whole-2", "A-math-whole-3"]
    let (state, blockOf, after, improved) = try afterOneNeighbourhood(
      days: [.mon, .tue], periods: 3, maths: 3, arts: 1,
      rule: .teachersTagMaxHoursDaily(teacher: "t1", tag: "Class", lessons: maths, max: 2),
      slots: [0, 1, 2, 3], broken: "teachers-tag-max-hours-daily")
    #expect(after.isFeasible, "\(after.text())")
    #expect((0..<3).filter { state.start[Int(blockOf[$0])] >= 3 }.count == 1)
    #expect(improved == 1)
  }

  /// Two days of two periods: t1 may teach in the second period on one day only, and teaches
  /// there on both (the art first each day). On one day the maths must come first.
  @Test func theMIPKeepsATeachersIntervalMaxDays() throws {
    let (state, blockOf, after, improved) = try afterOneNeighbourhood(
      days: [.mon, .tue], periods: 2, maths: 2, arts: 2,
      rule: .teachersIntervalMaxDaysPerWeek(teacher: "t1", startPeriod: 2, endPeriod: 3, max: 1),
      slots: [1, 3, 0, 2], broken: "teachers-interval-max-days-per-week")
    #expect(after.isFeasible, "\(after.text())")
    #expect((0..<2).filter { state.start[Int(blockOf[$0])] % 2 == 1 }.count == 1)
    #expect(improved == 1)
  }

  /// Two days of two periods: the first maths and the first art on one day (FET's same
  /// starting day), placed on Monday and Tuesday.
  @Test func theMIPBringsAPairToOneDay() throws {
    let (state, blockOf, after, improved) = try afterOneNeighbourhood(
      days: [.mon, .tue], periods: 2, maths: 2, arts: 2,
      rule: .sameStartingDay(lessons: ["A-math-whole-1", "A-art-whole-1"]),
      slots: [0, 2, 3, 1], broken: "same-starting-day")
    #expect(after.isFeasible, "\(after.text())")
    #expect(state.start[Int(blockOf[0])] / 2 == state.start[Int(blockOf[2])] / 2)
    #expect(improved == 1)
  }

  /// The same with the first art locked on Monday and listed first (the rule's first lesson is
  /// a constant of the MIP, its second free): the first maths must come to Monday.
  @Test func theMIPBringsAPairToTheDayOfALockedLesson() throws {
    let (state, blockOf, after, improved) = try afterOneNeighbourhood(
      days: [.mon, .tue], periods: 2, maths: 2, arts: 2,
      rule: .sameStartingDay(lessons: ["A-art-whole-1", "A-math-whole-1"]),
      slots: [2, 1, 0, 3], broken: "same-starting-day",
      locks: ["A-art-whole-1": Placement(lesson: "A-art-whole-1", day: .mon, period: 1, locked: true)])
    #expect(after.isFeasible, "\(after.text())")
    #expect(state.start[Int(blockOf[2])] == 0)
    #expect(state.start[Int(blockOf[0])] == 1)
    #expect(improved == 1)
  }

  /// Two days of two periods: the first art before the first maths, placed after it (Monday
  /// and Tuesday).
  @Test func theMIPPutsAnOrderedPairInOrder() throws {
    let (state, blockOf, after, improved) = try afterOneNeighbourhood(
      days: [.mon, .tue], periods: 2, maths: 2, arts: 2,
      rule: .ordered(first: "A-art-whole-1", second: "A-math-whole-1", ifSameDay: false),
      slots: [0, 2, 3, 1], broken: "ordered")
    #expect(after.isFeasible, "\(after.text())")
    #expect(state.start[Int(blockOf[2])] < state.start[Int(blockOf[0])])
    #expect(improved == 1)
  }

  /// A course-system year: one class of four student units (each its own courses), 12 periods
  /// a day. With 30 lessons a unit it has 120 lessons × 60 slots = 7,200 placement variables over
  /// the week, beyond `largeClass`; with 5 a unit, 20 × 60 = 1,200, below it.
  private func courseYear(lessonsPerUnit: Int) -> TimetableProblem {
    var b = ProblemFixture.Builder()
    b.periods = 12
    let units = ["q1", "q2", "q3", "q4"]
    b.addClass("Y", units: units, compact: false)
    for (k, unit) in units.enumerated() {
      b.addTeacher("t\(k)")
      b.addLessons(
        lessonsPerUnit, subject: "course\(k)", class: "Y", teacher: "t\(k)", units: [unit], group: unit,
        oncePerDay: false)
    }
    return b.problem
  }

  @Test func aClassTooBigForTheWeekIsFreedOnTwoDays() throws {
    let model = try TimetableModel(problem: courseYear(lessonsPerUnit: 30))
    let state = SearchState(model: model)
    var construction = Construction(state: state, random: SeededGenerator(seed: 1), shouldStop: { false })
    construction.run()
    #expect(state.unplaced == 0)
    var search = NeighbourhoodSearch(state: state, seed: 1, timeLimit: 2)
    for _ in 0..<6 {
      let (blocks, days) = search.chooseNeighbourhood()
      let chosenDays = try #require(days)
      #expect(chosenDays.count == 2)
      #expect(!blocks.isEmpty)
      #expect(blocks.allSatisfy { chosenDays.contains(Int(state.start[$0]) / model.periods) })
    }
  }

  @Test func aSmallClassIsStillFreedOverTheWholeWeek() throws {
    let model = try TimetableModel(problem: courseYear(lessonsPerUnit: 5))
    let state = SearchState(model: model)
    var construction = Construction(state: state, random: SeededGenerator(seed: 1), shouldStop: { false })
    construction.run()
    var search = NeighbourhoodSearch(state: state, seed: 1, timeLimit: 2)
    // One neighbourhood kind of three is the class over the whole week.
    let wholeWeeks = (0..<6).filter { _ in search.chooseNeighbourhood().1 == nil }.count
    #expect(wholeWeeks >= 1)
  }
}
