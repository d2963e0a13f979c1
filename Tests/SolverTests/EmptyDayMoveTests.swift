import Planner
import Testing

@testable import Solver

/// The move that empties a teacher's lightest day when the week is over a hard maximum of days,
/// where a teacher also works at least two hours a day: no single move or exchange gains, one
/// move of the whole day does.
@Suite struct EmptyDayMoveTests {
  /// Class C, 4 periods a day; t1 teaches it Mon 1–3, Tue 1–3, Wed 1–2 (one day over a maximum of
  /// 2, at least 2 lessons a working day; Wednesday the lightest); t2 teaches it Mon 4, Tue 4 and
  /// on Thursday and Friday. Monday and Tuesday are full.
  static func overOneDay(t2Unavailable: [TimeSlot] = []) throws -> (TimetableProblem, SearchState) {
    var b = ProblemFixture.Builder()
    b.periods = 4
    b.addClass("C", compact: false)
    b.addTeacher("t1")
    b.addTeacher("t2", unavailable: t2Unavailable)
    b.addLessons(8, subject: "music", class: "C", teacher: "t1", oncePerDay: false)
    b.addLessons(6, subject: "art", class: "C", teacher: "t2", oncePerDay: false)
    b.constraints.append(TimetableConstraint(.teachersMaxDaysPerWeek(teacher: "t1", max: 2), weight: .hard))
    b.constraints.append(
      TimetableConstraint(.teachersMinHoursDaily(teacher: "t1", min: 2, allowEmptyDays: true), weight: .hard))
    let problem = b.problem
    let state = SearchState(model: try TimetableModel(problem: problem))
    let p = 4
    let slots = [0, 1, 2, p, p + 1, p + 2, 2 * p, 2 * p + 1] + [3, p + 3, 3 * p, 3 * p + 1, 4 * p, 4 * p + 1]
    for (block, slot) in slots.enumerated() { state.place(block, at: slot) }
    return (problem, state)
  }

  @Test func noSingleMoveOrExchangeOfTheLightestDayGains() throws {
    let (_, state) = try Self.overOneDay()
    #expect(state.cost.hard == 1)
    let model = state.model
    for block in [6, 7] {
      for slot in model.domain[block].map(Int.init) where slot != Int(state.start[block]) {
        let conflicts = state.conflictingBlocks(block, at: slot)
        if conflicts.isEmpty {
          #expect(state.delta(moving: block, to: slot).hard >= 0, "block \(block) to \(slot)")
          continue
        }
        // The exchange with the lesson in the way.
        let from = Int(state.start[block])
        let before = state.cost.hard
        let other = conflicts[0]
        state.move(block, to: slot)
        state.move(other, to: from)
        #expect(state.cost.hard >= before, "block \(block) exchanged with \(other)")
        state.move(other, to: slot)
        state.move(block, to: from)
      }
    }
  }

  @Test func theMoveEmptiesTheDayAtOnce() throws {
    let (problem, state) = try Self.overOneDay()
    var search = LocalSearch(state: state, seed: 1)
    search.hardWeight = 1500
    search.emptyLightestDay(around: 6, temperature: 1e-9)
    #expect(state.cost.hard == 0)
    #expect(search.accepted == 1)
    // t1 no longer works on Wednesday, and the Checker agrees with the search's cost.
    #expect(state.resourceMask(0, 2) == 0)
    #expect(SolverCheckerAgreementTests.disagreement(state, problem) == nil)
  }

  @Test func aDayThatCannotBeEmptiedStaysAsItWas() throws {
    // t2 may not teach in Wednesday's second period: t1's first Wednesday lesson can go (its
    // exchange sends t2 to Wednesday's first), the second cannot, and the first goes back.
    let (_, state) = try Self.overOneDay(t2Unavailable: [TimeSlot(day: .wed, period: 2)])
    let start = state.start
    let cost = state.cost
    var search = LocalSearch(state: state, seed: 1)
    search.emptyLightestDay(around: 6, temperature: 1e-9)
    #expect(state.start == start)
    #expect(state.cost == cost)
    #expect(search.accepted == 0)
  }
}
