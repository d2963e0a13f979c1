// The one library entry for "build a timetable": Planner → Solver → Checker, with progress,
// cancellation and a structured result.
import Checker
import Foundation
import Interchange
import Logging
import Planner
import Solver

/// Builds the timetable of one organisation's study period as `sabaq solve`, the server, the
/// solve workers and the benchmarks all do: the lesson demand (Planner), the diagnosis that needs
/// no search, the solve (Solver), the independent judgement (Checker), and a comparison with the
/// previous timetable of a re-solve.
///
/// ```swift
/// let result = try Timetabling.build(TimetablingInput(organisation: school), options: options)
/// if !result.feasible { print(result.diagnosisAfter) }
/// ```
public enum Timetabling {
  /// Builds the timetable, calling `report` with each event as it happens (on the solving
  /// thread; with several searches, from several threads). Stops early, with the best timetable
  /// so far, once `cancellation` is cancelled. Throws `PlanningErrors` for a demand that cannot
  /// be built (an unknown period, a broken curriculum) and `SolverError` for locks or a previous
  /// timetable that do not fit the demand. The search's debug lines go to `logger` at level
  /// debug.
  public static func build(
    _ input: TimetablingInput, options: TimetablingOptions, cancellation: CancellationFlag? = nil,
    logger: Logger? = nil, report: (@Sendable (TimetablingEvent) -> Void)? = nil
  ) throws -> TimetablingResult {
    let problem = try demand(for: input)
    return try build(
      input, demand: problem, options: options, cancellation: cancellation, logger: logger, report: report)
  }

  /// The lesson demand of the input's study period (what `build` solves).
  public static func demand(for input: TimetablingInput) throws -> TimetableProblem {
    try LessonDemandBuilder.problem(for: input.organisation, period: input.period)
  }

  /// `build` for the lesson demand already derived from the input by `demand(for:)`, for a caller
  /// that needs it as well (to print the timetable by class, teacher and room).
  public static func build(
    _ input: TimetablingInput, demand problem: TimetableProblem, options: TimetablingOptions,
    cancellation: CancellationFlag? = nil, logger: Logger? = nil, report: (@Sendable (TimetablingEvent) -> Void)? = nil
  ) throws -> TimetablingResult {
    let before = DemandCapacity.issues(in: problem)
    report?(.diagnosed(before))
    var settings = solveSettings(input, options, cancellation: cancellation, report: report)
    settings.logger = logger
    let solved = try TimetableSolver.solve(problem, settings: settings)
    let check = TimetableCheck(problem: problem, timetable: solved.timetable)
    let changes = options.previous.map { solved.timetable.changes(since: $0) }
    return TimetablingResult(
      organisation: problem.organisation, period: problem.period, timetable: solved.timetable, check: check.report,
      feasible: check.isFeasible, diagnosisBefore: before, diagnosisAfter: solved.diagnosis, moves: changes?.moves,
      roomChanges: changes?.roomChanges, secondsToFirstTimetable: solved.secondsToFeasible,
      secondsToStrongRules: solved.secondsToStrongFeasible, seconds: solved.elapsed,
      peakMemoryMiB: PeakMemory.mebibytes(), seeds: TimetableSolver.seeds(for: settings), rounds: solved.rounds,
      mipNeighbourhoods: solved.mipNeighbourhoods, mipImprovements: solved.mipImprovements,
      unplacedLessons: solved.unplacedLessons, lessons: problem.lessons.count, fetImport: input.fetImport)
  }

  /// A timetable made elsewhere (edited by hand, imported from fet-cl) as a result: the checker's
  /// report on it against the demand, with no search (no seconds, seeds or rounds).
  public static func judge(_ timetable: Timetable, demand problem: TimetableProblem) -> TimetablingResult {
    let check = TimetableCheck(problem: problem, timetable: timetable)
    let placed = Set(timetable.placements.map(\.lesson))
    return TimetablingResult(
      organisation: problem.organisation, period: problem.period, timetable: timetable, check: check.report,
      feasible: check.isFeasible, diagnosisBefore: DemandCapacity.issues(in: problem), diagnosisAfter: [], moves: nil,
      roomChanges: nil, secondsToFirstTimetable: nil, secondsToStrongRules: nil, seconds: 0,
      peakMemoryMiB: PeakMemory.mebibytes(), seeds: [], rounds: 0, mipNeighbourhoods: 0, mipImprovements: 0,
      unplacedLessons: problem.lessons.map(\.id).filter { !placed.contains($0) }, lessons: problem.lessons.count,
      fetImport: nil)
  }

  /// The same build as a stream of events ending with `.finished`; the solve runs on a thread of
  /// its own and is cancelled when the stream's consumer stops listening (or its task is
  /// cancelled).
  public static func events(_ input: TimetablingInput, options: TimetablingOptions) -> AsyncThrowingStream<
    TimetablingEvent, Error
  > {
    AsyncThrowingStream { continuation in
      let cancellation = CancellationFlag()
      continuation.onTermination = { _ in cancellation.cancel() }
      let thread = Thread {
        do {
          let result = try build(input, options: options, cancellation: cancellation) { continuation.yield($0) }
          continuation.yield(.finished(result))
          continuation.finish()
        } catch {
          continuation.finish(throwing: error)
        }
      }
      thread.stackSize = 16 << 20
      thread.start()
    }
  }

  /// The solver's settings for these options.
  static func solveSettings(
    _ input: TimetablingInput, _ options: TimetablingOptions, cancellation: CancellationFlag?,
    report: (@Sendable (TimetablingEvent) -> Void)?
  ) -> SolveSettings {
    var progress: (@Sendable (SolveProgress) -> Void)?
    if let report { progress = { report(.progress($0)) } }
    var settings = SolveSettings(
      timeLimit: options.timeLimit, seed: options.seed, locks: options.lockedPlacements, previous: options.previous,
      stopWhenFeasible: options.firstFeasible, maxRounds: options.rounds, useMIP: options.useMIP, progress: progress,
      cancellation: cancellation)
    // From a FET file: its 95% rules are ones FET nearly always keeps (docs/fet-import.md).
    settings.strongSoftWeight = input.fetImport?.strongSoftWeight
    settings.workers = max(1, options.searches)
    settings.parameters = options.parameters
    return settings
  }
}
