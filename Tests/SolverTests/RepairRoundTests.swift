// Where a repair round starts: from the best timetable so far, or from where the round before it
// ended (`SearchParameters.Rounds.repairFromRoundEnd`).
import Checker
import Foundation
import Planner
import Testing

@testable import Solver

@Suite struct RepairRoundTests {
  /// Four classes sharing six teachers (`TimetableSolverTests.sharedTeachers`), with t0 away from
  /// Monday to Wednesday: its 17 lessons cannot fit its 10 periods, so every round repairs.
  static func teacherAwayMostOfTheWeek() -> TimetableProblem {
    var problem = TimetableSolverTests.sharedTeachers()
    let away = [Weekday.mon, .tue, .wed].flatMap { day in
      (1...problem.periodsPerDay).map { TimeSlot(day: day, period: $0) }
    }
    problem.teachers = problem.teachers.map { teacher in
      teacher.id == "t0" ? ProblemTeacher(id: "t0", name: teacher.name, unavailable: away) : teacher
    }
    return problem
  }

  func repair(fromRoundEnd: Bool) throws -> (result: SolveResult, rounds: [SolveProgress]) {
    let lines = ProgressLines()
    var settings = SolveSettings(timeLimit: 300, seed: 5, maxRounds: 8, useMIP: false)
    settings.parameters.rounds.repairFromRoundEnd = fromRoundEnd
    settings.parameters.rounds.restartAfter = 100
    settings.progress = { lines.add($0) }
    let result = try TimetableSolver.solve(Self.teacherAwayMostOfTheWeek(), settings: settings)
    return (result, lines.all.filter { $0.phase == "repairing" })
  }

  /// Off, each round starts from the best timetable and ends no worse. On, a round that found
  /// nothing better hands the next its end, which can be worse than the best; the solve still
  /// returns the best it saw, and the Checker finds no more clashes than there must be.
  @Test func aRepairRoundStartsFromTheBestOrFromWhereTheLastEnded() throws {
    func worse(_ a: SolveProgress, than b: SolveProgress) -> Bool {
      (a.hardViolations, a.softCost) > (b.hardViolations, b.softCost)
    }
    let (_, bestRounds) = try repair(fromRoundEnd: false)
    #expect(bestRounds.count == 8)
    for (before, after) in zip(bestRounds, bestRounds.dropFirst()) {
      #expect(!worse(after, than: before), "a round ended worse than the best it started from")
    }

    let (fromEnd, endRounds) = try repair(fromRoundEnd: true)
    #expect(endRounds.count == 8)
    let least = try #require(endRounds.min { worse($1, than: $0) })
    #expect(zip(endRounds, endRounds.dropFirst()).contains { worse($1, than: $0) })
    #expect((fromEnd.hardViolations, fromEnd.softCost) <= (least.hardViolations, least.softCost))
    // The fewest clashes there can be: t0's 17 lessons in 10 periods.
    let check = TimetableCheck(problem: Self.teacherAwayMostOfTheWeek(), timetable: fromEnd.timetable)
    #expect(check.hardViolationCount == 7, "\(check.text())")
  }
}
