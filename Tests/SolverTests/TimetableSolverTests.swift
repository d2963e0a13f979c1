import Checker
import Foundation
import Planner
import SampleSchools
import Testing

@testable import Solver

/// Solver results are judged by the independent Checker, never by the solver's own count.
@Suite struct TimetableSolverTests {
  static let school = SampleSchools.smallKazakhSchool()
  static let problem = try! LessonDemandBuilder.problem(for: school)

  func solve(_ problem: TimetableProblem, _ settings: SolveSettings) throws -> (SolveResult, TimetableCheck) {
    let result = try TimetableSolver.solve(problem, settings: settings)
    return (result, TimetableCheck(problem: problem, timetable: result.timetable))
  }

  @Test func theSmallSchoolGetsATimetableWithNoHardViolation() throws {
    let (result, check) = try solve(Self.problem, SolveSettings(timeLimit: 60, stopWhenFeasible: true, useMIP: false))
    #expect(check.isFeasible, "\(check.text())")
    #expect(check.placedCount == Self.problem.lessons.count)
    #expect(result.secondsToFeasible != nil)
    #expect(result.timetable.placements.count == Self.problem.lessons.count)
  }

  /// Every lesson locked in time (as when a timetable from another tool is confirmed): the rooms
  /// are still the solver's to choose, and a double lesson must give up the room a single lesson
  /// needs. Rooms chosen slot by slot (without GLPK) leave the clash.
  @Test func lockedLessonsGetRoomsWithoutAClash() throws {
    let problem = RoomAssignmentTests.doubleLessonInTheWay()
    let ids = problem.lessons.map(\.id)
    let locks = [
      Placement(lesson: ids[0], day: .mon, period: 1), Placement(lesson: ids[1], day: .mon, period: 1),
      Placement(lesson: ids[2], day: .mon, period: 2),
    ]
    let (result, check) = try solve(problem, SolveSettings(timeLimit: 20, locks: locks, stopWhenFeasible: true))
    #expect(check.isFeasible, "\(check.text())")
    #expect(result.timetable.placements.first { $0.lesson == ids[0] }?.rooms == ["R2"])
    let (_, slotBySlot) = try solve(
      problem, SolveSettings(timeLimit: 2, locks: locks, stopWhenFeasible: true, useMIP: false))
    #expect(slotBySlot.hardViolationCount == 1, "\(slotBySlot.text())")
  }

  /// Four classes of five lessons a day over five days; each takes three of six teachers (nine,
  /// eight and eight lessons), and each teacher teaches two classes, about 16 lessons in 25 periods.
  static func sharedTeachers() -> TimetableProblem {
    var b = ProblemFixture.Builder()
    b.periods = 5
    let teachers = ["t0", "t1", "t2", "t3", "t4", "t5"]
    for t in teachers { b.addTeacher(t) }
    for (c, id) in ["A", "B", "C", "D"].enumerated() {
      b.addClass(id)
      for k in 0..<3 {
        let t = teachers[(c * 3 / 2 + k) % teachers.count]
        b.addLessons(k == 0 ? 9 : 8, subject: "s\(t)", class: id, teacher: t, oncePerDay: false)
      }
    }
    b.constraints.append(TimetableConstraint(.teacherGaps, weight: .soft(3)))
    return b.problem
  }

  /// Fix-and-optimize alone, from a start with room for improvement: a construction of
  /// `sharedTeachers` (no hard violation; six teacher gaps, soft cost 18 by the Checker). A few
  /// GLPK neighbourhoods (with a time limit no sub-problem reaches) must lower its soft cost, by the
  /// Checker, and leave it without hard violations.
  @Test func fixAndOptimizeImprovesAndKeepsTheTimetableValid() throws {
    let problem = Self.sharedTeachers()
    let model = try TimetableModel(problem: problem)
    let state = SearchState(model: model)
    var construction = Construction(state: state, random: SeededGenerator(seed: 1), shouldStop: { false })
    construction.run()
    func check() -> TimetableCheck {
      TimetableCheck(problem: problem, timetable: TimetableWriter.timetable(from: state, problem: problem, locks: [:]))
    }
    let before = check()
    try #require(before.isFeasible, "\(before.text())")
    try #require(before.placedCount == problem.lessons.count)
    #expect(before.softCost.total == state.cost.soft)
    #expect(before.softCost.total == 18)

    var neighbourhoods = NeighbourhoodSearch(state: state, seed: 3, timeLimit: 60)
    for _ in 0..<4 { neighbourhoods.improve(stop: { false }) }

    let after = check()
    #expect(after.isFeasible, "\(after.text())")
    #expect(after.placedCount == problem.lessons.count)
    #expect(neighbourhoods.improved > 0)
    #expect(after.softCost.total < before.softCost.total)
    // The Checker's soft cost is what the search optimised.
    #expect(after.softCost.total == state.cost.soft)
  }

  @Test func theSameInputAndSeedGiveTheSameTimetable() throws {
    let settings = SolveSettings(timeLimit: 300, seed: 7, maxRounds: 1, useMIP: true, mipTimeLimit: 60)
    let first = try TimetableSolver.solve(Self.problem, settings: settings)
    let second = try TimetableSolver.solve(Self.problem, settings: settings)
    #expect(first.timetable == second.timetable)
    var other = settings
    other.seed = 8
    #expect(try TimetableSolver.solve(Self.problem, settings: other).timetable != first.timetable)
  }

  @Test func lockedLessonsStayExactlyWhereTheyAre() throws {
    let lesson = Self.problem.lessons.first { $0.classes.count == 1 && $0.duration == 1 && $0.weeks == .every }!
    let schoolClass = Self.problem.classes.first { $0.id == lesson.classes[0] }!
    let lock = Placement(
      lesson: lesson.id, day: .wed, period: schoolClass.firstPeriod + 1, rooms: lesson.rooms.map { $0.allowed[0] },
      locked: true)
    let (result, check) = try solve(
      Self.problem, SolveSettings(timeLimit: 60, locks: [lock], stopWhenFeasible: true, useMIP: false))
    let placed = try #require(result.timetable.placement(of: lesson.id))
    #expect(placed.day == .wed)
    #expect(placed.period == lock.period)
    #expect(placed.rooms == lock.rooms)
    #expect(placed.locked == true)
    #expect(check.isFeasible, "\(check.text())")
  }

  @Test func aChangeIsRepairedMovingFewLessons() throws {
    let (published, _) = try solve(Self.problem, SolveSettings(timeLimit: 60, stopWhenFeasible: true, useMIP: false))
    // A teacher cannot come on Mondays any more.
    var school = Self.school
    let busiest = Dictionary(grouping: Self.problem.lessons.flatMap(\.teachers), by: { $0 }).max {
      $0.value.count < $1.value.count
    }!.key
    let index = school.teachers.firstIndex { $0.id == busiest }!
    school.teachers[index].unavailable = (1...7).map { TimeSlot(day: .mon, period: $0) }
    let changed = try LessonDemandBuilder.problem(for: school)
    let (repaired, check) = try solve(
      changed, SolveSettings(timeLimit: 60, previous: published.timetable, stopWhenFeasible: true, useMIP: false))
    #expect(check.isFeasible, "\(check.text())")
    let moved = try #require(repaired.movedLessons)
    let onMonday = published.timetable.placements.filter { p in
      p.day == .mon && changed.lesson(p.lesson)!.teachers.contains(busiest)
    }.count
    #expect(moved >= onMonday)
    #expect(moved < changed.lessons.count / 4)
  }

  @Test func theProgressIsReportedAndASolveCanBeCancelled() throws {
    let lines = ProgressLines()
    let flag = CancellationFlag()
    flag.cancel()
    let result = try TimetableSolver.solve(
      Self.problem, settings: SolveSettings(timeLimit: 120, progress: { lines.add($0) }, cancellation: flag))
    #expect(!lines.all.isEmpty)
    #expect(lines.all.last?.phase == "done")
    // Cancelled before it began: no search round, no GLPK neighbourhood, and the construction
    // stopped before placing a lesson (whatever the machine's speed).
    #expect(result.rounds == 0)
    #expect(result.mipNeighbourhoods == 0)
    #expect(result.unplacedLessons.count == Self.problem.lessons.count)
  }

  /// Two searches at once, each with GLPK in its own thread: the result is the better of what
  /// each search gives alone from its seed (each deterministic under `maxRounds`).
  @Test func aRaceOfTwoSearchesGivesTheBetterOfTheirResults() throws {
    var settings = SolveSettings(timeLimit: 300, seed: 3, maxRounds: 1, useMIP: true, mipTimeLimit: 60)
    let alone = try [settings.seed, settings.seed &+ 1_000_003].map { seed in
      var one = settings
      one.seed = seed
      return try TimetableSolver.solve(Self.problem, settings: one)
    }
    #expect(alone[0].timetable != alone[1].timetable)
    settings.workers = 2
    let lines = ProgressLines()
    settings.progress = { lines.add($0) }
    let (raced, check) = try solve(Self.problem, settings)
    let better = alone.min { ($0.hardViolations, $0.softCost) < ($1.hardViolations, $1.softCost) }!
    #expect(raced.timetable == better.timetable)
    #expect((raced.hardViolations, raced.softCost) == (better.hardViolations, better.softCost))
    #expect(check.hardViolationCount == raced.hardViolations, "\(check.text())")
    #expect(lines.all.contains { $0.phase.hasPrefix("search 1: ") })
    #expect(lines.all.contains { $0.phase.hasPrefix("search 2: ") })
  }

  @Test func aRaceForAFirstTimetableEndsWithOneWithoutHardViolationsAndCanBeCancelled() throws {
    var settings = SolveSettings(timeLimit: 60, stopWhenFeasible: true)
    settings.workers = 2
    let (result, check) = try solve(Self.problem, settings)
    #expect(check.isFeasible, "\(check.text())")
    #expect(result.secondsToFeasible != nil)
    // The caller's cancellation reaches every search.
    let flag = CancellationFlag()
    flag.cancel()
    settings.cancellation = flag
    settings.timeLimit = 120
    settings.stopWhenFeasible = false
    let cancelled = try TimetableSolver.solve(Self.problem, settings: settings)
    #expect(cancelled.rounds == 0)
    #expect(cancelled.mipNeighbourhoods == 0)
    #expect(cancelled.unplacedLessons.count == Self.problem.lessons.count)
    // Bad input fails every search alike, and the race says why.
    settings.locks = [Placement(lesson: "no-such-lesson", day: .mon, period: 1)]
    let error = #expect(throws: SolverError.self) { try TimetableSolver.solve(Self.problem, settings: settings) }
    #expect(error?.description.contains("no-such-lesson") == true)
  }

  @Test func aFlagIsCancelledWithItsParent() {
    let parent = CancellationFlag()
    let child = CancellationFlag(parent: parent)
    #expect(!child.isCancelled)
    child.cancel()
    #expect(child.isCancelled && !parent.isCancelled)
    let other = CancellationFlag(parent: parent)
    parent.cancel()
    #expect(other.isCancelled)
  }

  @Test func aBiggerSchoolWithSubgroupsStreamsAndTwoShiftsIsSolved() throws {
    let problem = try LessonDemandBuilder.problem(for: SampleSchools.cityGymnasium())
    let (_, check) = try solve(problem, SolveSettings(timeLimit: 240, stopWhenFeasible: true, useMIP: false))
    #expect(check.isFeasible, "\(check.text())")
  }
}

final class ProgressLines: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [SolveProgress] = []
  func add(_ line: SolveProgress) { lock.withLock { lines.append(line) } }
  var all: [SolveProgress] { lock.withLock { lines } }
}
