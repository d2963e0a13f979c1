import Testing
import Planner

@testable import Solver

@Suite struct NeighbourhoodTests {
  @Test func theMIPClosesATeachersGap() throws {
    var b = ProblemFixture.Builder()
    b.periods = 4
    b.days = [.mon]
    b.addClass("A")
    b.addClass("B")
    b.addTeacher("t1")
    b.addTeacher("t2")
    b.addLessons(2, subject: "math", class: "A", teacher: "t1", oncePerDay: false)
    b.addLessons(2, subject: "art", class: "A", teacher: "t2", oncePerDay: false)
    b.addLessons(2, subject: "math", class: "B", teacher: "t2", oncePerDay: false)
    b.addLessons(2, subject: "art", class: "B", teacher: "t1", oncePerDay: false)
    b.constraints.append(TimetableConstraint(.teacherGaps, weight: .soft(3)))
    let model = try TimetableModel(problem: b.problem)
    let state = SearchState(model: model)
    // t1: A math at 1 and 4, B art at 2, 3 → no gap; make t1 gappy: A math 1,3 ; B art 2? use explicit.
    state.place(0, at: 0)  // A math 1 → t1
    state.place(1, at: 3)  // A math 4 → t1
    state.place(2, at: 1)  // A art 2 → t2
    state.place(3, at: 2)  // A art 3 → t2
    state.place(4, at: 0)  // B math 1 → t2
    state.place(5, at: 3)  // B math 4 → t2
    state.place(6, at: 1)  // B art 2 → t1
    state.place(7, at: 2)  // B art 3 → t1
    #expect(state.cost.hard == 0)
    let before = state.cost
    var search = NeighbourhoodSearch(state: state, seed: 1, timeLimit: 5)
    for _ in 0..<3 { search.improve(stop: { false }) }
    #expect(state.cost.hard == 0)
    #expect(state.cost.soft <= before.soft)
    #expect(state.cost == state.recomputedCost())
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
      b.addLessons(lessonsPerUnit, subject: "course\(k)", class: "Y", teacher: "t\(k)", units: [unit], group: unit, oncePerDay: false)
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
