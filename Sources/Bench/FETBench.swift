// Sabaq against fet-cl on FET files: time to a timetable with no hard violation, both tools'
// timetables judged by the Checker, and fet-cl's confirmation of Sabaq's timetable.
import Checker
import Foundation
import Interchange
import Planner
import Timetabling

/// Runs Sabaq (through Timetabling, in this process) and fet-cl (a process under an outer
/// timeout, with fixed random seeds) on each FET file, for several seeds each. Where a file has
/// constraints Sabaq does not support, both run on the same reduced file. Both tools' timetables
/// are judged by the Checker; Sabaq's is then handed to fet-cl locked, which confirms it or not.
public struct FETBench {
  /// The eight files the solver is developed on, under `examplesRoot`.
  public static let developmentSet = [
    "Denmark/small-school.fet", "Spain/1-school/school.fet", "Brazil/1/Brazil.fet", "Greece/Gymnasio/Gymnasio.fet",
    "Italy/2007/simple/simpler-Italian.fet", "Germany/secondary-school-2/GYR.fet",
    "Russia/Russian-Medical-College/timetable-ru.fet", "Hungary/Bethlen/2008-2009/2-newer/Bethlen-2008-2009.fet",
  ]
  public static let examplesRoot = "/usr/share/doc/fet-data/examples/FET-5-official"

  public var timeLimit = 300
  public var seeds = 3
  /// Folder for the runs' files (kept for inspection).
  public var work = "out/fet-bench"
  /// Sabaq's searches at once; fet-cl runs one.
  public var searches = 1

  public init() {}

  public func run(files: [String], onRow: (([String]) -> Void)? = nil) throws -> BenchTable {
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    var table = BenchTable(
      bench: "fet",
      header: [
        "File", "Supported", "Activities", "sabaq s", "fet-cl s", "sabaq/fet", "sabaq hard/soft", "fet-cl hard/soft",
        "locked export accepted",
      ], textColumns: 2)
    var ratios: [Double] = []
    for path in files {
      let (row, ratio) = try compare(path)
      if let ratio { ratios.append(ratio) }
      table.rows.append(row)
      onRow?(row)
    }
    table.notes = [
      "", "Time limit \(timeLimit) s, \(seeds) seeds a tool; median of the seeds' seconds (— : none within the limit).",
    ]
    if !ratios.isEmpty {
      let both = ratios.filter { $0.isFinite && $0 > 0 }.count
      table.notes.append(
        "median ratio sabaq/fet-cl over files solved by either: \(String(format: "%.2f", Figures.median(ratios))) (\(both) files with both)"
      )
    }
    return table
  }

  /// One file's row, and the ratio of the medians when either tool solved it.
  private func compare(_ path: String) throws -> ([String], Double?) {
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    let folder = "\(work)/\(name)"
    try? FileManager.default.removeItem(atPath: folder)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let (input, supported) = try sharedInput(path, name: name, folder: folder)
    let source = try InstanceSource.read(input)
    let problem = try LessonDemandBuilder.problem(for: source.organisation)
    let ours = try sabaqRuns(source)
    let theirs = fetRuns(input, folder: folder)
    let ourMedian = Figures.median(ours.times)
    let theirMedian = Figures.median(theirs.times)
    let ratio =
      ourMedian.isFinite && theirMedian.isFinite ? ourMedian / theirMedian : (ourMedian.isFinite ? 0 : .infinity)
    let ourVerdict = try ours.judged.map { try verdict(problem, $0, report: "\(folder)/sabaq-check.txt") } ?? "—"
    let fetVerdict =
      try theirs.timetable.flatMap { try? TimetableSource.read($0, organisation: source.organisation) }
      .map { try verdict(problem, $0) } ?? "—"
    let accepted = try ours.feasible.map { try confirm($0, source: source, input: input, folder: folder) } ?? "—"
    let row = [
      name, supported, String(source.organisation.activities?.count ?? 0), Figures.seconds(ourMedian),
      Figures.seconds(theirMedian), ratio.isFinite ? String(format: "%.2f", ratio) : "—", ourVerdict, fetVerdict,
      accepted,
    ]
    return (row, ourMedian.isFinite || theirMedian.isFinite ? ratio : nil)
  }

  /// The file both tools run on: the original, or without the constraints Sabaq does not support.
  private func sharedInput(_ path: String, name: String, folder: String) throws -> (String, String) {
    let (_, report) = try FETImport.read(path: path)
    guard !report.isComplete else { return (path, "all") }
    let original = try Data(contentsOf: URL(fileURLWithPath: path))
    let input = "\(folder)/\(name)-reduced.fet"
    try FETWriter.reduced(original: original, removingConstraintsOfKinds: Set(report.unsupported.keys))
      .write(to: URL(fileURLWithPath: input))
    let removed = report.unsupported.sorted { $0.key < $1.key }.map {
      "\($0.key.replacingOccurrences(of: "Constraint", with: "")) ×\($0.value)"
    }
    return (input, "reduced: −" + removed.joined(separator: ", "))
  }

  /// Sabaq's runs: the seconds to a timetable with no hard violation (infinity when none), the
  /// first such timetable, and the timetable to judge (that one, else the first seed's).
  private func sabaqRuns(_ source: InstanceSource) throws -> (times: [Double], feasible: Timetable?, judged: Timetable?)
  {
    var times: [Double] = []
    var feasible: Timetable?
    var first: Timetable?
    for seed in 1...max(seeds, 1) {
      var options = TimetablingOptions()
      options.timeLimit = Double(timeLimit)
      options.seed = UInt64(seed)
      options.firstFeasible = true
      options.searches = searches
      let result = try Timetabling.build(TimetablingInput(source), options: options)
      if first == nil { first = result.timetable }
      if result.feasible {
        // Comparable with fet-cl's success: no hard violation (fet-cl's own results break some of
        // FET's 95–99.75% rules too).
        times.append(result.secondsToFirstTimetable ?? result.seconds)
        if feasible == nil { feasible = result.timetable }
      } else {
        times.append(.infinity)
      }
    }
    return (times, feasible, feasible ?? first)
  }

  /// fet-cl's runs, each with its own fixed random seeds under an outer timeout: the seconds to
  /// success (infinity when it did not succeed) and the first successful result's activities file.
  private func fetRuns(_ input: String, folder: String) -> (times: [Double], timetable: String?) {
    var times: [Double] = []
    var timetable: String?
    for seed in 1...max(seeds, 1) {
      let out = "\(folder)/fet-\(seed)"
      let started = Date()
      let seedOptions = [10, 11, 12, 20, 21, 22].enumerated().map {
        "--randomseeds\($0.element)=\(seed * 7 + $0.offset + 1)"
      }
      let succeeded = fetCL(input, out: out, timeLimit: timeLimit, extra: seedOptions)
      let seconds = Date().timeIntervalSince(started)
      times.append(succeeded ? seconds : .infinity)
      if succeeded, timetable == nil {
        let base = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
        timetable = "\(out)/timetables/\(base)/\(base)_activities.xml"
      }
    }
    return (times, timetable)
  }

  /// Runs fet-cl on a file; whether it reports success.
  private func fetCL(_ input: String, out: String, timeLimit: Int, extra: [String] = []) -> Bool {
    try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    let log = ExternalTool.run(
      "/usr/bin/timeout",
      [
        "-s", "TERM", String(timeLimit + 30), "fet-cl", "--inputfile=\(input)", "--outputdir=\(out)", "--htmllevel=0",
        "--timelimitseconds=\(timeLimit)",
      ] + extra)
    let result = (try? String(contentsOfFile: "\(out)/logs/result.txt", encoding: .utf8)) ?? log.output
    return result.contains("Simulation successful")
  }

  /// "hard/soft" as the Checker judges a timetable of the file; its whole report goes to `report`
  /// when given (kept in the work folder, to name what is left).
  private func verdict(_ problem: TimetableProblem, _ timetable: Timetable, report: String? = nil) throws -> String {
    let check = TimetableCheck(problem: problem, timetable: timetable)
    if let report { try check.text().write(toFile: report, atomically: true, encoding: .utf8) }
    return "\(check.hardViolationCount)/\(check.softCost.total)"
  }

  /// Whether fet-cl, handed Sabaq's timetable locked, accepts it.
  private func confirm(_ timetable: Timetable, source: InstanceSource, input: String, folder: String) throws -> String {
    guard let report = source.fetImport else { return "—" }
    let original = try Data(contentsOf: URL(fileURLWithPath: input))
    let placements = FETTimetable.placements(from: timetable, organisation: source.organisation, report: report)
    let locked = "\(folder)/\(URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent)-sabaq-locked.fet"
    try FETWriter.locked(original: original, placements: placements, comments: "Locked by Sabaq")
      .write(to: URL(fileURLWithPath: locked), options: .atomic)
    let out = "\(folder)/fet-locked"
    return fetCL(locked, out: out, timeLimit: 30) ? "yes" : "no"
  }
}
