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
}
