import Checker
import Planner
import Testing

@testable import Solver

/// A neighbourhood's result has its rooms chosen again before it is judged
/// (`SearchParameters.Neighbourhoods.roomsAfterSolve`).
@Suite struct NeighbourhoodRoomTests {
  /// One day of three periods; class A in two groups. Group g1's lesson x (t1) may use room r1
  /// or r2, group g2's lesson y (t2) only r1; they must start in the same period (hard), and
  /// start at periods 1 and 2. GLPK puts them together, which its count of free rooms allows;
  /// placed in turn, x takes r1, the first free room, and y then clashes with it there. Only
  /// with the rooms chosen again (x in r2) is the result better than the start.
  @Test(arguments: [true, false]) func aResultIsJudgedWithItsRoomsChosenAgain(roomsAfterSolve: Bool) throws {
    var b = ProblemFixture.Builder()
    b.days = [.mon]
    b.periods = 3
    b.addTeacher("t1")
    b.addTeacher("t2")
    b.addRoom("r1")
    b.addRoom("r2")
    b.addClass("A", units: ["g1", "g2"], compact: false)
    b.addLessons(1, subject: "x", class: "A", teacher: "t1", units: ["g1"], group: "g1", rooms: [["r1", "r2"]])
    b.addLessons(1, subject: "y", class: "A", teacher: "t2", units: ["g2"], group: "g2", rooms: [["r1"]])
    b.constraints.append(
      TimetableConstraint(.sameStartingPeriod(lessons: ["A-x-g1-1", "A-y-g2-1"]), weight: .hard))
    let problem = b.problem
    let model = try TimetableModel(problem: problem)
    let state = SearchState(model: model)
    #expect(model.lessonIDs == ["A-x-g1-1", "A-y-g2-1"])
    state.place(Int(model.blockOf[0]), at: 0)
    state.place(Int(model.blockOf[1]), at: 1)
    func check() -> TimetableCheck {
      TimetableCheck(problem: problem, timetable: TimetableWriter.timetable(from: state, problem: problem, locks: [:]))
    }
    #expect(check().hardViolations.map(\.kind) == ["same-starting-period"], "\(check().text())")

    var parameters = SearchParameters()
    parameters.neighbourhoods.roomsAfterSolve = roomsAfterSolve
    var search = NeighbourhoodSearch(state: state, seed: 1, timeLimit: 30, parameters: parameters)
    search.improve(stop: { false })
    let after = check()
    #expect(state.cost == state.recomputedCost())
    #expect(state.cost.hard == after.hardViolationCount)
    if roomsAfterSolve {
      #expect(after.isFeasible, "\(after.text())")
      #expect(state.start[Int(model.blockOf[0])] == state.start[Int(model.blockOf[1])])
      #expect(search.improved == 1)
    } else {
      // The same rule broken as before: the result, with its room clash, was refused.
      #expect(after.hardViolations.map(\.kind) == ["same-starting-period"], "\(after.text())")
      #expect(search.improved == 0)
    }
  }
}
