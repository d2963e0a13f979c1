import Planner
import Testing

@testable import Solver

/// A ruin around a lesson too close to another under a hard rule of days between lessons sends it
/// to a day apart from them first (`SearchParameters.Moves.ruinSendsApart`).
@Suite struct DaysApartMoveTests {
  /// Class C, 2 periods a day, no free slot: religion (t1) twice on Monday under a hard minimum of
  /// 2 days between; art (t2) the other eight slots.
  static func pairOnOneDay() throws -> (TimetableProblem, SearchState) {
    var b = ProblemFixture.Builder()
    b.periods = 2
    b.addClass("C", compact: false)
    b.addTeacher("t1")
    b.addTeacher("t2")
    b.addLessons(2, subject: "religion", class: "C", teacher: "t1", oncePerDay: false)
    b.addLessons(8, subject: "art", class: "C", teacher: "t2", oncePerDay: false)
    b.constraints.append(
      TimetableConstraint(
        .minDaysBetween(
          lessons: ["C-religion-whole-1", "C-religion-whole-2"], minDays: 2, consecutiveIfSameDay: false),
        weight: .hard))
    let problem = b.problem
    let state = SearchState(model: try TimetableModel(problem: problem))
    for block in 0..<10 { state.place(block, at: block) }
    return (problem, state)
  }

  @Test func theSlotIsOnADayFarEnoughFromThePartner() throws {
    let (_, state) = try Self.pairOnOneDay()
    #expect(state.cost.hard == 1)
    var days = Set<Int>()
    for seed in 1...40 {
      var search = LocalSearch(state: state, seed: UInt64(seed))
      let found = search.slotApart(for: 0)
      let slot = try #require(found)
      days.insert(state.model.day(of: slot))
    }
    // Monday holds the partner and Tuesday is one day from it: Wednesday to Friday are open.
    #expect(days == [2, 3, 4])
  }

  @Test func aLessonFarEnoughAlreadyHasNoSlotApart() throws {
    let (_, state) = try Self.pairOnOneDay()
    state.move(1, to: 4)
    state.move(4, to: 1)
    var search = LocalSearch(state: state, seed: 1)
    #expect(state.cost.hard == 0)
    #expect(search.slotApart(for: 0) == nil)
    #expect(search.slotApart(for: 1) == nil)
  }

  @Test func theRuinPutsTheLessonApartAndMendsTheRule() throws {
    let (problem, state) = try Self.pairOnOneDay()
    var parameters = SearchParameters()
    parameters.moves.ruinExtraLessons = 0
    var search = LocalSearch(state: state, seed: 3, parameters: parameters)
    search.hardWeight = 1500
    let found = search.slotApart(for: 0)
    let apart = try #require(found)
    search.ruinAndRecreate(around: 0, apart: apart, temperature: 1e-9)
    #expect(Int(state.start[0]) == apart)
    #expect(state.cost.hard == 0)
    #expect(search.accepted == 1)
    #expect(SolverCheckerAgreementTests.disagreement(state, problem) == nil)
  }
}
