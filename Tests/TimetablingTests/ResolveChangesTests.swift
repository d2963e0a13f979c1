import Checker
import Foundation
import Planner
import SampleSchools
import Testing

@testable import Timetabling

/// A re-solve lists each moved lesson and each room change in a sentence, also when the previous
/// timetable has entries that cannot stand (a period outside the day).
@Suite struct ResolveChangesTests {
  static let school = SampleSchools.smallKazakhSchool()

  static func deterministic(seed: UInt64) -> TimetablingOptions {
    var options = TimetablingOptions()
    options.timeLimit = 600
    options.seed = seed
    options.rounds = 2
    options.useMIP = false
    return options
  }

  @Test func lessonsAtInvalidPlacesCountAsMovedAndEveryChangeIsListed() throws {
    let input = TimetablingInput(organisation: Self.school)
    let demand = try Timetabling.demand(for: input)
    let first = try Timetabling.build(input, options: Self.deterministic(seed: 1))
    var previous = first.timetable
    // Three entries edited by hand into places that do not exist.
    for k in 0..<3 { previous.placements[k].period = 99 }
    var options = Self.deterministic(seed: 2)
    options.previous = previous
    let again = try Timetabling.build(input, demand: demand, options: options)
    let moves = try #require(again.moves)
    let invalid = Set(previous.placements.prefix(3).map(\.lesson))
    #expect(invalid.isSubset(of: Set(moves.map(\.lesson))))
    #expect(moves.count >= 3)
    let lines = again.changeLines(demand: demand)
    #expect(lines.count == moves.count + (again.roomChanges?.count ?? 0))
    #expect(lines.filter { $0.hasPrefix("moved: ") }.count == moves.count)
    #expect(lines.filter { $0.hasPrefix("room changed: ") }.count == (again.roomChanges?.count ?? 0))
    // Each line names the class and the subject of its lesson and the old and new place.
    let move = moves[0]
    let lesson = try #require(demand.lesson(move.lesson))
    let line = try #require(lines.first)
    let className = try #require(demand.classes.first { $0.id == lesson.classes[0] }?.name)
    let subjectName = try #require(demand.subjects.first { $0.id == lesson.subject }?.name)
    #expect(line.contains(className) && line.contains(subjectName))
    #expect(line.contains("\(move.from.period) → "))
    #expect(line.hasSuffix("\(move.to.period)"))
    // The re-solve's timetable is judged by the Checker like any other.
    #expect(TimetableCheck(problem: demand, timetable: again.timetable).isFeasible == again.feasible)
  }

  @Test func aSolveWithoutAPreviousTimetableListsNothing() throws {
    let input = TimetablingInput(organisation: Self.school)
    let demand = try Timetabling.demand(for: input)
    let result = try Timetabling.build(input, demand: demand, options: Self.deterministic(seed: 1))
    #expect(result.changeLines(demand: demand).isEmpty)
  }
}
