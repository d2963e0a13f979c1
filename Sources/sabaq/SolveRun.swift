import ArgumentParser
import Checker
import Foundation
import Interchange
import Planner
import Reports
import Solver

/// One run of the solver as the command line does it: diagnosis, solve with progress on standard
/// error, the checker's independent judgement, and the files written.
struct SolveRun {
  let problem: TimetableProblem
  let timeLimit: Double
  let seed: UInt64
  let lock: String?
  let previous: String?
  let firstFeasible: Bool
  let useMIP: Bool
  var fromFET = false
  var workers = 1
  var rounds: Int?

  struct Outcome {
    let problem: TimetableProblem
    let result: SolveResult
    let check: TimetableCheck
    let diagnosis: [String]

    /// 0 with no hard violation, 2 when none was found in time.
    var exitCode: Int32 { check.isFeasible ? 0 : 2 }

    func write(to directory: String) throws {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      func file(_ name: String) -> URL { URL(fileURLWithPath: directory).appendingPathComponent(name) }
      try TimetableFile.write(result.timetable, to: file("timetable.json").path)
      let tables = TimetableTables(problem: problem, timetable: result.timetable)
      try Data(tables.byClass.utf8).write(to: file("classes.txt"), options: .atomic)
      try Data(tables.byTeacher.utf8).write(to: file("teachers.txt"), options: .atomic)
      try Data(tables.byRoom.utf8).write(to: file("rooms.txt"), options: .atomic)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      try (encoder.encode(check.report) + Data("\n".utf8)).write(to: file("check.json"), options: .atomic)
      try Data(check.text().utf8).write(to: file("check.txt"), options: .atomic)
      let strong = result.secondsToStrongFeasible.map { String(format: "; keeping the strong soft rules after %.1f s", $0) } ?? ""
      let summary = check.isFeasible
        ? "timetable with no hard violation, soft cost \(check.softCost.total) (first found after \(String(format: "%.1f", result.secondsToFeasible ?? result.elapsed)) s\(strong))"
        : "no timetable without hard violations found in \(String(format: "%.0f", result.elapsed)) s: \(check.hardViolationCount) hard violations remain"
      printError("\(summary); written to \(directory)")
      if !check.isFeasible {
        for line in (diagnosis + result.diagnosis).prefix(30) { printError("  " + line) }
      }
      if let moved = result.movedLessons { printError("\(moved) lessons moved from the previous timetable") }
      printError("peak memory \(peakMemoryMiB()) MiB")
    }
  }

  func run() throws -> Outcome {
    var locks: [Placement] = []
    if let lock {
      let timetable = readTimetable(lock)
      let marked = timetable.placements.filter { $0.locked == true }
      locks = marked.isEmpty ? timetable.placements : marked
    }
    let previousTimetable = previous.map(readTimetable)
    let diagnosis = DemandCapacity.issues(in: problem).map(\.message)
    for line in diagnosis { printError("diagnosis: \(line)") }
    var settings = SolveSettings(
      timeLimit: timeLimit, seed: seed, locks: locks, previous: previousTimetable, stopWhenFeasible: firstFeasible,
      useMIP: useMIP, progress: { printError($0.description) })
    // From a FET file: its 95% rules are ones FET nearly always keeps (docs/fet-import.md).
    if fromFET { settings.strongSoftWeight = 19 }
    settings.workers = workers
    settings.maxRounds = rounds
    let result: SolveResult
    do {
      result = try TimetableSolver.solve(problem, settings: settings)
    } catch {
      fail(error)
    }
    let check = TimetableCheck(problem: problem, timetable: result.timetable)
    return Outcome(problem: problem, result: result, check: check, diagnosis: diagnosis)
  }

  private func readTimetable(_ path: String) -> Timetable {
    do {
      return try TimetableFile.read(path)
    } catch {
      fail(error)
    }
  }
}

/// The process's peak resident memory so far, in MiB.
func peakMemoryMiB() -> Int {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return usage.ru_maxrss / 1024  // kilobytes on Linux
}
