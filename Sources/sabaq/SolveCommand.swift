import ArgumentParser
import Foundation
import Interchange
import Planner
import Reports
import Solver

struct SolveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "solve",
    abstract: "Build the weekly timetable of a study period.",
    discussion: """
      Writes DIR/timetable.json, readable tables per class, teacher and room, and the checker's \
      report DIR/check.json. Exit status: 0 when the timetable has no hard violation, 2 when none \
      was found in time, 1 on bad input. Progress goes to standard error.
      """)

  @OptionGroup var input: InstanceInput
  @Option(help: "The study period (default: the first).") var period: String?
  @Option(help: "Seconds the solver may take.") var timeLimit: Double = 60
  @Option(help: "Seed of the search: the same input and seed give the same timetable.") var seed: UInt64 = 1
  @Option(help: "A timetable whose locked placements (all of them if none is marked) stay where they are.") var lock: String?
  @Option(help: "A published timetable to change as little as possible (partial re-solve).") var previous: String?
  @Flag(help: "Stop at the first timetable with no hard violation.") var firstFeasible = false
  @Flag(help: "Do not use GLPK neighbourhoods (heuristic search only).") var noMip = false
  @Option(
    help: "Independent searches to run at once, one a core, from seeds --seed, --seed + 1000003 and so on; the best wins (with --first-feasible, the first to finish). More than one is not deterministic; a re-solve with --previous runs one.")
  var workers = 1
  @Option(
    help: "A budget of search rounds: with it (and a time limit not reached) the same input and seed give the same timetable on any machine.")
  var rounds: Int?
  @Option(help: "Where to write the timetable and reports.") var output: String

  func validate() throws {
    guard workers >= 1 else { throw ValidationError("--workers must be at least 1, not \(workers)") }
  }

  func run() throws {
    let organisation = try input.organisation()
    let problem: TimetableProblem
    do {
      problem = try LessonDemandBuilder.problem(for: organisation, period: period)
    } catch {
      fail(error, file: input.file)
    }
    var run = SolveRun(problem: problem, timeLimit: timeLimit, seed: seed, lock: lock, previous: previous, firstFeasible: firstFeasible, useMIP: !noMip)
    run.workers = workers
    run.rounds = rounds
    run.fromFET = input.file.lowercased().hasSuffix(".fet")
    let outcome = try run.run()
    try outcome.write(to: output)
    throw ExitCode(outcome.exitCode)
  }
}
