import Checker
import Planner
import Testing

@testable import Solver

/// GLPK's neighbourhoods and the rules on changes of building (`NeighbourhoodRules+Buildings`).
/// One class on one day of `periods` periods, maths with t1 in room m (building Main) and art
/// with t2 in room a (Annex), placed at `slots`, one hard rule on the class's changes of
/// building, which the Checker must find broken and nothing else. Then one neighbourhood (the
/// class over its week, the only class): with nothing else broken, the start is already optimal
/// unless the rule has rows, so each test fails with `buildingRules` off.
@Suite struct BuildingNeighbourhoodTests {
  private func afterOneNeighbourhood(
    periods: Int, maths: Int, arts: Int, rule: ConstraintRule, slots: [Int], buildingRules: Bool
  ) throws -> (starts: [Int], after: TimetableCheck, improved: Int) {
    var b = ProblemFixture.Builder()
    b.days = [.mon]
    b.periods = periods
    b.addTeacher("t1")
    b.addTeacher("t2")
    b.addRoom("m")
    b.addRoom("a")
    for k in b.rooms.indices { b.rooms[k].building = b.rooms[k].id == "m" ? "Main" : "Annex" }
    b.addClass("A", compact: false)
    b.addLessons(maths, subject: "math", class: "A", teacher: "t1", rooms: [["m"]], oncePerDay: false)
    b.addLessons(arts, subject: "art", class: "A", teacher: "t2", rooms: [["a"]], oncePerDay: false)
    b.constraints.append(TimetableConstraint(rule, weight: .hard))
    let problem = b.problem
    let model = try TimetableModel(problem: problem)
    let state = SearchState(model: model)
    #expect(model.lessonIDs == (1...maths).map { "A-math-whole-\($0)" } + (1...arts).map { "A-art-whole-\($0)" })
    for (lesson, slot) in slots.enumerated() { state.place(Int(model.blockOf[lesson]), at: slot) }
    let before = TimetableCheck(
      problem: problem, timetable: TimetableWriter.timetable(from: state, problem: problem, locks: [:]))
    #expect(before.hardViolations.count == 1, "\(before.text())")
    #expect(before.softViolations.isEmpty, "\(before.text())")
    var parameters = SearchParameters()
    parameters.neighbourhoods.buildingRules = buildingRules
    var search = NeighbourhoodSearch(state: state, seed: 1, timeLimit: 30, parameters: parameters)
    search.improve(stop: { false })
    let after = TimetableCheck(
      problem: problem, timetable: TimetableWriter.timetable(from: state, problem: problem, locks: [:]))
    #expect(state.cost == state.recomputedCost())
    #expect(state.cost.hard == after.hardViolationCount)
    let starts = (0..<(maths + arts)).map { Int(state.start[Int(model.blockOf[$0])]) }
    return (starts, after, search.improved)
  }

  /// Four periods: maths, art, maths, art is three changes of building; at most one is allowed.
  /// The way out is both maths together and both arts together.
  @Test(arguments: [true, false]) func theMIPGroupsTheLessonsOfEachBuilding(buildingRules: Bool) throws {
    let (starts, after, improved) = try afterOneNeighbourhood(
      periods: 4, maths: 2, arts: 2, rule: .studentsMaxBuildingChangesPerDay(students: "A", max: 1),
      slots: [0, 2, 1, 3], buildingRules: buildingRules)
    if buildingRules {
      #expect(after.isFeasible, "\(after.text())")
      #expect(abs(starts[0] - starts[1]) == 1 && abs(starts[2] - starts[3]) == 1, "\(starts)")
      #expect(improved == 1)
    } else {
      #expect(!after.isFeasible)
      #expect(improved == 0)
    }
  }

  /// Three periods: maths then art right after it, with no free period between the change of
  /// building, where one is needed. The way out is the first and the last period.
  @Test(arguments: [true, false]) func theMIPLeavesAFreePeriodBeforeAChangeOfBuilding(buildingRules: Bool) throws {
    let (starts, after, improved) = try afterOneNeighbourhood(
      periods: 3, maths: 1, arts: 1, rule: .studentsMinGapsBetweenBuildingChanges(students: "A", min: 1),
      slots: [0, 1], buildingRules: buildingRules)
    if buildingRules {
      #expect(after.isFeasible, "\(after.text())")
      #expect(Set(starts) == [0, 2], "\(starts)")
      #expect(improved == 1)
    } else {
      #expect(!after.isFeasible)
      #expect(improved == 0)
    }
  }
}
