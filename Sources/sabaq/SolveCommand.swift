// `sabaq solve`: reads the files, calls Timetabling, writes the solve's folder and prints.
import ArgumentParser
import Foundation
import Interchange
import Logging
import Planner
import Reports
import Solver
import Timetabling

struct SolveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "solve",
    abstract: "Build the weekly timetable of a study period.",
    discussion: """
      Writes DIR/timetable.json, readable tables per class, teacher and room (text, and HTML \
      that prints one class, teacher or room per A4 page) in the organisation's language, the \
      checker's report DIR/check.json and the whole result DIR/result.json. DIR must be new or \
      empty (--force writes into a folder that holds files); it is checked before the solve. \
      Exit status: 0 when the timetable has no hard violation, 2 when none was found in time, 1 \
      on bad input. Progress goes to standard error.

      With --org ID instead of FILE, the stored plan of the organisation (see `sabaq org import`) \
      is solved as a solve job of the store, and the timetable is stored as a new draft version, \
      whose number is printed (`sabaq timetable list`, `publish`, `diff`); --output is optional. \
      Exit status 3 when another solve of the organisation is running; Ctrl-C (or SIGTERM) stops \
      the solve and ends its job as cancelled, storing nothing (status 130).
      """)

  @Argument(help: "The instance file (JSON), or a FET file (.fet) to import on the fly; none with --org.")
  var file: String?
  @Option(
    help: "Solve the stored plan of this organisation instead of a file; the result is stored as a draft version.")
  var org: Int?
  @OptionGroup var database: DatabaseOption
  @Option(
    help: ArgumentHelp(
      "With --org: how long the solve job stays this process's without news from it; the lease is renewed every 2 s while the solve runs, and a job whose process was killed can be taken over once it has run out.",
      valueName: "seconds"))
  var lease: Double = 30
  @Option(help: "The study period (default: the first).") var period: String?
  @Option(help: "Seconds the solver may take.") var timeLimit: Double = 60
  @Option(help: "Seed of the search: the same input and seed give the same timetable.") var seed: UInt64 = 1
  @Option(help: "A timetable whose locked placements (all of them if none is marked) stay where they are.")
  var lock: String?
  @Option(help: "A published timetable to change as little as possible (partial re-solve).") var previous: String?
  @Flag(help: "Stop at the first timetable with no hard violation.") var firstFeasible = false
  @Flag(help: "Do not use GLPK neighbourhoods (heuristic search only).") var noMip = false
  @Option(
    help:
      "Independent searches to run at once, one a core, from seeds --seed, --seed + 1000003 and so on; the best wins (with --first-feasible, the first to finish). More than one is not deterministic; a re-solve with --previous runs one."
  )
  var workers = 1
  @Option(
    help:
      "A budget of search rounds: with it, --no-mip and a time limit not reached, the same input and seed give the same timetable on any machine."
  )
  var rounds: Int?
  @Option(
    help: ArgumentHelp(
      "For experiments: the search's tuning as a JSON object, or a file holding one (fields of SearchParameters; those left out keep their defaults).",
      valueName: "json-or-file"))
  var searchParameters: String?
  @Flag(help: "For experiments: the search's debug lines on standard error.") var debug = false
  @Option(help: "Where to write the timetable and reports (optional with --org): a new or empty folder.")
  var output: String?
  @Flag(help: "Write into the --output folder even when it holds files (the solve's files are replaced).")
  var force = false
  @Option(
    help: ArgumentHelp(
      "The language of the printed tables: ru, kk or en (default: the organisation's, by its classes' language of instruction, else its country).",
      valueName: "language"))
  var language: ReportLanguage?

  func validate() throws {
    if let problem = TimetablingOptions.searchesProblem(workers) { throw ValidationError("--workers: \(problem)") }
    guard timeLimit > 0, timeLimit.isFinite else {
      throw ValidationError("--time-limit must be a positive number of seconds")
    }
    if let rounds, rounds < 1 { throw ValidationError("--rounds must be at least 1, not \(rounds)") }
    guard lease >= 3, lease.isFinite else { throw ValidationError("--lease must be at least 3 seconds, not \(lease)") }
    switch (file, org) {
    case (nil, nil): throw ValidationError("Missing expected argument '<file>' (or --org ID to solve a stored plan)")
    case (.some, .some): throw ValidationError("--org solves the stored plan: give either FILE or --org, not both")
    case (.some, nil) where output == nil: throw ValidationError("Missing expected argument '--output <output>'")
    default: break
    }
  }

  func run() throws {
    // The output place is checked before the solve, which may take its whole time limit.
    if let output {
      do { try SolveFolder(output).checkPlace(overwrite: force) } catch {
        throw CommandFailure(error, file: "--output")
      }
    }
    let options = try timetablingOptions()
    if let org {
      try StoredSolve(command: self, organisation: org, options: options).run()
      return
    }
    guard let file, let output else { return }
    let source = try InstanceInput.source(file)
    let request = TimetablingInput(source, period: period)
    let problem: TimetableProblem
    let result: TimetablingResult
    do {
      problem = try Timetabling.demand(for: request)
      result = try Timetabling.build(request, demand: problem, options: options, logger: logger) { event in
        Self.report(event)
      }
    } catch SolverError.invalidSettings(let problems) {
      throw CommandFailure(SolverError.invalidSettings(problems), file: "--search-parameters")
    } catch {
      throw CommandFailure(error, file: file)
    }
    try Self.write(result, problem: problem, organisation: source.organisation, language: language, to: output)
    Self.printSummary(result, writtenTo: output, demand: problem)
    throw ExitCode(result.feasible ? 0 : 2)
  }

  /// The solve's options from the command line.
  func timetablingOptions() throws -> TimetablingOptions {
    var options = TimetablingOptions()
    options.timeLimit = timeLimit
    options.seed = seed
    options.searches = workers
    options.firstFeasible = firstFeasible
    options.useMIP = !noMip
    options.rounds = rounds
    options.lock = try lock.map(TimetableFile.read)
    options.previous = try previous.map(TimetableFile.read)
    if let searchParameters { options.parameters = try Self.parameters(searchParameters) }
    return options
  }

  /// The search's debug lines with --debug.
  var logger: Logger? {
    guard debug else { return nil }
    var logger = Logger(label: "sabaq.solver") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = .debug
    return logger
  }

  /// Progress on standard error.
  static func report(_ event: TimetablingEvent) {
    switch event {
    case .diagnosed(let issues): for issue in issues { printError("diagnosis: \(issue.message)") }
    case .progress(let progress): printError(progress.description)
    case .finished: break
    }
  }

  /// The tuning given as JSON on the command line, or in the file it names.
  static func parameters(_ argument: String) throws -> SearchParameters {
    if argument.trimmingCharacters(in: .whitespaces).hasPrefix("{") {
      return try JSONInput.decode(SearchParameters.self, from: Data(argument.utf8), source: "--search-parameters")
    }
    return try JSONInput.decode(SearchParameters.self, fromFile: argument)
  }

  /// Writes the solve's folder (see `SolveFolder`), its tables in `language` (by default the
  /// organisation's).
  static func write(
    _ result: TimetablingResult, problem: TimetableProblem, organisation: Organisation?, language: ReportLanguage?,
    to output: String
  ) throws {
    let tables = TimetableTables(
      problem: problem, timetable: result.timetable, organisation: organisation, language: language)
    do {
      try SolveFolder(output).write(
        timetable: result.timetable,
        tables: SolveFolder.Tables(
          classes: tables.byClass, teachers: tables.byTeacher, rooms: tables.byRoom,
          classesHTML: tables.html(.schoolClass), teachersHTML: tables.html(.teacher), roomsHTML: tables.html(.room)),
        check: result.check, checkText: result.check.text, result: result)
    } catch {
      throw CommandFailure(error, file: "--output \(output)")
    }
  }

  static func printSummary(_ result: TimetablingResult, writtenTo output: String?, demand: TimetableProblem? = nil) {
    let summary: String
    if result.feasible {
      let first = String(format: "%.1f", result.secondsToFirstTimetable ?? result.seconds)
      let strong =
        result.secondsToStrongRules.map { String(format: "; keeping the strong soft rules after %.1f s", $0) } ?? ""
      summary =
        "timetable with no hard violation, soft cost \(result.check.softCost.total) (first found after \(first) s\(strong))"
    } else if !result.diagnosisBefore.filter(\.isError).isEmpty {
      // Counting proved it impossible: more time would not help.
      summary =
        "no timetable can keep every hard rule: the counting before the search found \(result.diagnosisBefore.filter(\.isError).count) impossibilities (below); the best found has \(result.check.summary.hardViolationCount) hard violations"
    } else {
      summary =
        "no timetable without hard violations found in \(String(format: "%.0f", result.seconds)) s: \(result.check.summary.hardViolationCount) hard violations remain"
    }
    printError(summary + (output.map { "; written to \($0)" } ?? ""))
    if !result.feasible {
      for line in (result.diagnosisBefore.map(\.message) + result.diagnosisAfter).prefix(30) { printError("  " + line) }
    }
    if let moves = result.moves {
      printError(
        "\(moves.count) lessons moved from the previous timetable, \(result.roomChanges?.count ?? 0) changed rooms only"
      )
      for line in demand.map(result.changeLines) ?? [] { printError("  " + line) }
    }
    printError("peak memory \(result.peakMemoryMiB) MiB")
  }
}

extension ReportLanguage: ExpressibleByArgument {}
