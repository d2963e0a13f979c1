import Checker
import Planner
import Testing

@testable import Solver

@Suite struct NeighbourhoodTests {
  /// One class of four periods on one day: two lessons of maths with t1 and two of art with t2,
  /// placed maths, art, maths, art. Each teacher has a free period between their two lessons (t1
  /// at period 2, t2 at period 3), while maths, maths, art, art has no gap at all. The class's day
  /// is full, so no single move closes a gap; GLPK's neighbourhood (the class over its week) must
  /// re-place the lessons together. Judged by the Checker.
  @Test func theMIPClosesATeachersGap() throws {
    var b = ProblemFixture.Builder()
    b.periods = 4
    b.days = [.mon]
    b.addClass("A")
    b.addTeacher("t1")
    b.addTeacher("t2")
    b.addLessons(2, subject: "math", class: "A", teacher: "t1", oncePerDay: false)
    b.addLessons(2, subject: "art", class: "A", teacher: "t2", oncePerDay: false)
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

  /// One class of four periods on one day: three lessons of maths with t1, tagged, at most two
  /// of them in a row (a hard rule), and one of art with t2, placed maths, maths, maths, art. The
  /// only way out is art between the maths, which the MIP of the class's week finds only if the
  /// tag's rule is among its rows: without it the start is already optimal (nothing else is
  /// broken) and GLPK keeps it. Judged by the Checker.
  @Test func theMIPBreaksATeachersRunOfTaggedLessons() throws {
    var b = ProblemFixture.Builder()
    b.periods = 4
    b.days = [.mon]
    b.addClass("A")
    b.addTeacher("t1")
    b.addTeacher("t2")
    b.addLessons(3, subject: "math", class: "A", teacher: "t1", oncePerDay: false)
    b.addLessons(1, subject: "art", class: "A", teacher: "t2", oncePerDay: false)
    let maths = ["A-math-whole-1", "A-math-whole-2", "A-math-whole-3"]
    b.constraints.append(
      TimetableConstraint(
        .teachersTagMaxHoursContinuously(teacher: "t1", tag: "Class", lessons: maths, max: 2), weight: .hard))
    let problem = b.problem
    let model = try TimetableModel(problem: problem)
    let state = SearchState(model: model)
    #expect(model.lessonIDs == maths + ["A-art-whole-1"])
    for (lesson, slot) in [(0, 0), (1, 1), (2, 2), (3, 3)] { state.place(Int(model.blockOf[lesson]), at: slot) }
    let before = TimetableCheck(
      problem: problem, timetable: TimetableWriter.timetable(from: state, problem: problem, locks: [:]))
    #expect(before.hardViolations.map(\.kind) == ["teachers-tag-max-hours-continuously"], "\(before.text())")

    var search = NeighbourhoodSearch(state: state, seed: 1, timeLimit: 30)
    search.improve(stop: { false })

    let after = TimetableCheck(
      problem: problem, timetable: TimetableWriter.timetable(from: state, problem: problem, locks: [:]))
    #expect(after.isFeasible, "\(after.text())")
    #expect(state.start[Int(model.blockOf[3])] == 1 || state.start[Int(model.blockOf[3])] == 2)
    #expect(state.cost == state.recomputedCost())
    #expect(search.improved == 1)
  }

  /// One class on two days of three periods: three tagged lessons of maths with t1, at most two
  /// a day (hard), all on Monday, and one of art with t2 on Tuesday. The MIP of the class's week
  /// must take a maths to Tuesday, which it sees only through the tag's daily rule.
  @Test func theMIPTakesATaggedLessonToAnotherDay() throws {
    var b = ProblemFixture.Builder()
    b.periods = 3
    b.days = [.mon, .tue]
    b.addClass("A")
    b.addTeacher("t1")
    b.addTeacher("t2")
    b.addLessons(3, subject: "math", class: "A", teacher: "t1", oncePerDay: false)
    b.addLessons(1, subject: "art", class: "A", teacher: "t2", oncePerDay: false)
    let maths = ["A-math-whole-1", "A-math-whole-2", "A-math-whole-3"]
    b.constraints.append(
      TimetableConstraint(.teachersTagMaxHoursDaily(teacher: "t1", tag: "Class", lessons: maths, max: 2), weight: .hard)
    )
    let problem = b.problem
    let model = try TimetableModel(problem: problem)
    let state = SearchState(model: model)
    for (lesson, slot) in [(0, 0), (1, 1), (2, 2), (3, 3)] { state.place(Int(model.blockOf[lesson]), at: slot) }
    let before = TimetableCheck(
      problem: problem, timetable: TimetableWriter.timetable(from: state, problem: problem, locks: [:]))
    #expect(before.hardViolations.map(\.kind) == ["teachers-tag-max-hours-daily"], "\(before.text())")

    var search = NeighbourhoodSearch(state: state, seed: 1, timeLimit: 30)
    search.improve(stop: { false })

    let after = TimetableCheck(
      problem: problem, timetable: TimetableWriter.timetable(from: state, problem: problem, locks: [:]))
    #expect(after.isFeasible, "\(after.text())")
    #expect((0..<3).filter { state.start[Int(model.blockOf[$0])] >= 3 }.count == 1)
    #expect(search.improved == 1)
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
