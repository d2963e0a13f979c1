import Checker
import Foundation
import Interchange
import Planner
import SampleSchools
import Solver
import Testing

@testable import Timetabling

/// A solve as a library call, judged by the Checker on the timetable it returns.
@Suite struct TimetablingTests {
  static let school = SampleSchools.smallKazakhSchool()

  /// Deterministic options: one search, a budget of rounds, no GLPK (whose time limits depend on
  /// the machine), a time limit far away.
  static func deterministic(seed: UInt64 = 1, rounds: Int = 2) -> TimetablingOptions {
    var options = TimetablingOptions()
    options.timeLimit = 600
    options.seed = seed
    options.rounds = rounds
    options.useMIP = false
    return options
  }

  @Test func aBuildReturnsTheTimetableWithTheCheckersOwnReport() throws {
    let result = try Timetabling.build(TimetablingInput(organisation: Self.school), options: Self.deterministic())
    let problem = try LessonDemandBuilder.problem(for: Self.school)
    let check = TimetableCheck(problem: problem, timetable: result.timetable)
    #expect(result.feasible == check.isFeasible)
    #expect(result.feasible, "\(check.text())")
    #expect(result.check.summary.hardViolationCount == check.hardViolationCount)
    #expect(result.check.softCost == check.softCost)
    #expect(result.lessons == problem.lessons.count)
    #expect(result.timetable.placements.count == problem.lessons.count)
    #expect(result.secondsToFirstTimetable != nil)
    #expect(result.seeds == [1])
    #expect(result.rounds <= 2)
    #expect(result.moves == nil && result.roomChanges == nil)
    #expect(result.peakMemoryMiB > 0)
    #expect(result.period == problem.period)
  }

  @Test func theSameInputSeedAndRoundsGiveTheSameTimetable() throws {
    let input = TimetablingInput(organisation: Self.school)
    let first = try Timetabling.build(input, options: Self.deterministic(seed: 3))
    let second = try Timetabling.build(input, options: Self.deterministic(seed: 3))
    #expect(first.timetable == second.timetable)
    let other = try Timetabling.build(input, options: Self.deterministic(seed: 4))
    #expect(other.timetable != first.timetable)
  }

  @Test func theResultIsWrittenAndReadBackAsJSON() throws {
    let result = try Timetabling.build(TimetablingInput(organisation: Self.school), options: Self.deterministic())
    let data = try InstanceFile.encoder.encode(result)
    let read = try JSONDecoder().decode(TimetablingResult.self, from: data)
    #expect(read.timetable == result.timetable)
    #expect(read.check.summary.hardViolationCount == result.check.summary.hardViolationCount)
    #expect(read.diagnosisBefore == result.diagnosisBefore)
    #expect(try InstanceFile.encoder.encode(read) == data)
  }

  @Test func lockedPlacementsStayAndOnlyMarkedOnesWhenSomeAreMarked() throws {
    let first = try Timetabling.build(TimetablingInput(organisation: Self.school), options: Self.deterministic())
    // None marked: every placement is a lock.
    var lockAll = first.timetable
    lockAll.placements = lockAll.placements.map {
      var p = $0; p.locked = nil; return p
    }
    var options = Self.deterministic(seed: 9)
    options.lock = lockAll
    #expect(options.lockedPlacements.count == first.timetable.placements.count)
    let relocked = try Timetabling.build(TimetablingInput(organisation: Self.school), options: options)
    for placement in first.timetable.placements {
      let now = try #require(relocked.timetable.placement(of: placement.lesson))
      #expect(now.day == placement.day && now.period == placement.period)
    }
    // Three marked: only they are locks, and they stay.
    var marked = first.timetable
    for k in [0, 5, 10] { marked.placements[k].locked = true }
    options.lock = marked
    #expect(options.lockedPlacements.map(\.lesson) == [0, 5, 10].map { first.timetable.placements[$0].lesson })
    let partly = try Timetabling.build(TimetablingInput(organisation: Self.school), options: options)
    for k in [0, 5, 10] {
      let lock = first.timetable.placements[k]
      let now = try #require(partly.timetable.placement(of: lock.lesson))
      #expect(now.day == lock.day && now.period == lock.period && now.locked == true)
    }
  }

  @Test func aReSolveListsTheLessonsMovedAndTheRoomsChanged() throws {
    let input = TimetablingInput(organisation: Self.school)
    let first = try Timetabling.build(input, options: Self.deterministic())
    var previous = first.timetable
    // Two lessons of the previous timetable exchange their times: a re-solve moves them back or
    // leaves them; whatever it does, the list is exactly the difference of the two timetables.
    let (a, b) = (0, previous.placements.count - 1)
    (previous.placements[a].day, previous.placements[b].day) = (previous.placements[b].day, previous.placements[a].day)
    var options = Self.deterministic(seed: 2)
    options.previous = previous
    let again = try Timetabling.build(input, options: options)
    let moves = try #require(again.moves)
    let before = Dictionary(uniqueKeysWithValues: previous.placements.map { ($0.lesson, $0) })
    let moved = again.timetable.placements.filter {
      let then = before[$0.lesson]!
      return then.day != $0.day || then.period != $0.period
    }
    #expect(moves.map(\.lesson) == moved.map(\.lesson))
    for move in moves {
      #expect(move.from == TimeSlot(day: before[move.lesson]!.day, period: before[move.lesson]!.period))
    }
    let roomChanges = try #require(again.roomChanges)
    #expect(
      roomChanges.map(\.lesson)
        == again.timetable.placements.filter { p in
          let then = before[p.lesson]!
          return then.day == p.day && then.period == p.period && then.rooms != p.rooms
        }.map(\.lesson))
  }

  @Test func eventsComeInOrderAndEndWithTheResult() async throws {
    var events: [TimetablingEvent] = []
    for try await event in Timetabling.events(
      TimetablingInput(organisation: Self.school), options: Self.deterministic())
    {
      events.append(event)
    }
    guard case .diagnosed = events.first else { Issue.record("the first event is not the diagnosis"); return }
    guard case .finished(let result) = events.last else { Issue.record("the last event is not the result"); return }
    #expect(result.feasible)
    let progress = events.compactMap { event -> SolveProgress? in
      if case .progress(let p) = event { return p }
      return nil
    }
    #expect(progress.first?.phase == "construction")
    #expect(progress.last?.phase == "done")
  }

  @Test func aCancelledBuildStopsAndSaysWhatIsLeft() throws {
    let cancellation = CancellationFlag()
    cancellation.cancel()
    var options = Self.deterministic()
    options.rounds = nil
    options.timeLimit = 3600
    let result = try Timetabling.build(
      TimetablingInput(organisation: Self.school), options: options, cancellation: cancellation)
    #expect(result.rounds == 0)
    #expect(!result.feasible)
    #expect(!result.unplacedLessons.isEmpty)
    #expect(!result.diagnosisAfter.isEmpty)
  }

  @Test func theOptionsReachTheSolverAsSettings() throws {
    var options = Self.deterministic(seed: 5, rounds: 7)
    options.parameters.annealing.repairHardWeight = 2222
    options.searches = 3
    options.firstFeasible = true
    let settings = Timetabling.solveSettings(
      TimetablingInput(organisation: Self.school), options, cancellation: nil, report: nil)
    #expect(settings.parameters == options.parameters)
    #expect(settings.seed == 5 && settings.maxRounds == 7 && settings.workers == 3 && settings.stopWhenFeasible)
    #expect(!settings.useMIP && settings.timeLimit == 600)
    #expect(TimetableSolver.seeds(for: settings) == [5, 5 + 1_000_003, 5 + 2_000_006])
    var resolve = settings
    resolve.previous = Timetable(organisation: Self.school.id, period: nil, placements: [])
    #expect(TimetableSolver.seeds(for: resolve) == [5])
  }

  @Test func anUnknownPeriodIsAPlanningError() throws {
    #expect(throws: PlanningErrors.self) {
      try Timetabling.build(TimetablingInput(organisation: Self.school, period: "Q9"), options: Self.deterministic())
    }
  }

  @Test func aLockOfALessonNotInTheDemandIsRefused() throws {
    var options = Self.deterministic()
    options.lock = Timetable(
      organisation: Self.school.id, period: nil, placements: [Placement(lesson: "no-such-lesson", day: .mon, period: 1)]
    )
    #expect(throws: SolverError.self) {
      try Timetabling.build(TimetablingInput(organisation: Self.school), options: options)
    }
  }

  @Test func aFETFileKeepsItsStrongSoftRulesAndItsImportReport() throws {
    let path = "\(FETFixtures.examples)/Denmark/small-school.fet"
    let source = try InstanceSource.read(path)
    let report = try #require(source.fetImport)
    var options = Self.deterministic()
    options.firstFeasible = true
    let result = try Timetabling.build(TimetablingInput(source), options: options)
    #expect(result.feasible)
    #expect(result.fetImport?.supported == report.supported)
    #expect(result.secondsToStrongRules != nil)
    let settings = Timetabling.solveSettings(TimetablingInput(source), options, cancellation: nil, report: nil)
    #expect(settings.strongSoftWeight == report.strongSoftWeight)
    #expect(settings.strongSoftWeight != nil)
    let native = Timetabling.solveSettings(
      TimetablingInput(organisation: Self.school), options, cancellation: nil, report: nil)
    #expect(native.strongSoftWeight == nil)
  }
}

enum FETFixtures {
  static let examples = "/usr/share/doc/fet-data/examples/FET-5-official"
}
