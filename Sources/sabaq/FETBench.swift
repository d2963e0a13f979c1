import ArgumentParser
import Foundation
import Interchange
import Planner
import Reports

/// `sabaq bench fet`: runs fet-cl and sabaq in turn on FET files and prints one row a file.
struct FETBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fet",
    abstract: "Compare sabaq with fet-cl on FET files: seconds to a timetable with no hard violation (median over seeds), the checker's verdict on both results, and whether fet-cl accepts sabaq's timetable.",
    discussion: """
      Where a file has constraints sabaq does not support, both tools run on the same reduced file \
      (those constraints removed) and the row says so. fet-cl runs under an outer timeout; its \
      seeds are fixed per run so that the runs can be repeated.
      """)

  static let developmentSet = [
    "Denmark/small-school.fet", "Spain/1-school/school.fet", "Brazil/1/Brazil.fet", "Greece/Gymnasio/Gymnasio.fet",
    "Italy/2007/simple/simpler-Italian.fet", "Germany/secondary-school-2/GYR.fet",
    "Russia/Russian-Medical-College/timetable-ru.fet", "Hungary/Bethlen/2008-2009/2-newer/Bethlen-2008-2009.fet",
  ]

  @Argument(help: "FET files (default: the development set under /usr/share/doc/fet-data/examples/FET-5-official).")
  var files: [String] = []
  @Option(help: "Seconds each run may take.") var timeLimit = 300
  @Option(help: "Runs of each tool per file (different seeds); the median time is reported.") var seeds = 3
  @Option(help: "Folder for the runs' files (kept for inspection).") var work = "out/fet-bench"
  @Option(help: "sabaq's searches at once (solve --workers); fet-cl runs one.") var workers = 1

  func run() throws {
    let root = "/usr/share/doc/fet-data/examples/FET-5-official"
    let paths = files.isEmpty ? Self.developmentSet.map { "\(root)/\($0)" } : files
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.resolvingSymlinksInPath().path
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    var table = TextTable(
      header: [
        "File", "Supported", "Activities", "sabaq s", "fet-cl s", "sabaq/fet", "sabaq hard/soft", "fet-cl hard/soft",
        "locked export accepted",
      ],
      alignments: [.left, .left, .right, .right, .right, .right, .right, .right, .left])
    var ratios: [Double] = []
    for path in paths {
      let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
      let folder = "\(work)/\(name)"
      try? FileManager.default.removeItem(atPath: folder)
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      // The same file for both: reduced when sabaq does not support everything.
      let (_, report) = try FETImport.read(path: path)
      var input = path
      var supported = "all"
      if !report.isComplete {
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        input = "\(folder)/\(name)-reduced.fet"
        try FETWriter.reduced(original: original, removingConstraintsOfKinds: Set(report.unsupported.keys))
          .write(to: URL(fileURLWithPath: input))
        supported = "reduced: −" + report.unsupported.sorted { $0.key < $1.key }.map {
          "\($0.key.replacingOccurrences(of: "Constraint", with: "")) ×\($0.value)"
        }.joined(separator: ", ")
      }
      let (organisation, _) = try FETImport.read(path: input)
      let activities = organisation.activities?.count ?? 0

      // sabaq: each seed in its own process.
      var ourTimes: [Double] = []
      var ourBest: String?
      var ourAttempt: String?
      for seed in 1...seeds {
        let out = "\(folder)/sabaq-\(seed)"
        let started = Date()
        let log = run(
          me,
          ["solve", input, "--time-limit", String(timeLimit), "--seed", String(seed), "--first-feasible", "--workers", String(workers), "--output", out])
        let seconds = Date().timeIntervalSince(started)
        if ourAttempt == nil, FileManager.default.fileExists(atPath: "\(out)/timetable.json") { ourAttempt = "\(out)/timetable.json" }
        if log.status == 0 {
          // Comparable with fet-cl's success: no hard violation (fet-cl's own results break some
          // of FET's 95–99.75% rules too).
          ourTimes.append(Double(value(in: log.errors, after: "first found after ", until: " s") ?? "") ?? seconds)
          if ourBest == nil { ourBest = "\(out)/timetable.json" }
        } else {
          ourTimes.append(.infinity)
        }
      }
      // fet-cl: each seed with its own fixed random seeds, under an outer timeout.
      var fetTimes: [Double] = []
      var fetResult: String?
      for seed in 1...seeds {
        let out = "\(folder)/fet-\(seed)"
        try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let started = Date()
        let log = run(
          "/usr/bin/timeout",
          ["-s", "TERM", String(timeLimit + 30), "fet-cl", "--inputfile=\(input)", "--outputdir=\(out)", "--htmllevel=0",
           "--timelimitseconds=\(timeLimit)"] + (0..<6).map { "--randomseeds\([10, 11, 12, 20, 21, 22][$0])=\(seed * 7 + $0 + 1)" })
        let seconds = Date().timeIntervalSince(started)
        let result = (try? String(contentsOfFile: "\(out)/logs/result.txt", encoding: .utf8)) ?? log.output
        if result.contains("Simulation successful") {
          fetTimes.append(seconds)
          if fetResult == nil {
            let base = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
            fetResult = "\(out)/timetables/\(base)/\(base)_activities.xml"
          }
        } else {
          fetTimes.append(.infinity)
        }
      }
      let ours = median(ourTimes)
      let theirs = median(fetTimes)
      let ratio = ours.isFinite && theirs.isFinite ? ours / theirs : (ours.isFinite ? 0 : .infinity)
      if ours.isFinite || theirs.isFinite { ratios.append(ratio) }
      let ourVerdict = (ourBest ?? ourAttempt).map { verdict(me, input, $0) } ?? "—"
      let fetVerdict = fetResult.map { verdict(me, input, $0) } ?? "—"
      // fet-cl confirms sabaq's timetable when handed it locked.
      var accepted = "—"
      if let ourBest {
        let locked = "\(folder)/\(name)-sabaq-locked.fet"
        let export = run(me, ["export", "fet", input, ourBest, "--output", locked])
        if export.status == 0 {
          let out = "\(folder)/fet-locked"
          try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
          let log = run("/usr/bin/timeout", ["-s", "TERM", "60", "fet-cl", "--inputfile=\(locked)", "--outputdir=\(out)", "--htmllevel=0", "--timelimitseconds=30"])
          let result = (try? String(contentsOfFile: "\(out)/logs/result.txt", encoding: .utf8)) ?? log.output
          accepted = result.contains("Simulation successful") ? "yes" : "no (\(log.output.split(separator: "\n").last ?? ""))"
        }
      }
      let row = [
        name, supported, String(activities), seconds(ours), seconds(theirs), ratio.isFinite ? String(format: "%.2f", ratio) : "—",
        ourVerdict, fetVerdict, accepted,
      ]
      table.add(row)
      print(row.joined(separator: " | "))
    }
    let finite = ratios.filter(\.isFinite).sorted()
    print("\nTime limit \(timeLimit) s, \(seeds) seeds a tool; median of the seeds' seconds (— : none within the limit).")
    print(table.render(), terminator: "")
    if !ratios.isEmpty {
      print("median ratio sabaq/fet-cl over files solved by either: \(String(format: "%.2f", median(ratios))) (\(finite.count) files with both)")
    }
  }

  func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .infinity }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }

  func seconds(_ value: Double) -> String { value.isFinite ? String(format: "%.1f", value) : "—" }

  /// "hard/soft" as the checker judges a timetable of the file.
  func verdict(_ me: String, _ input: String, _ timetable: String) -> String {
    let log = run(me, ["check", input, timetable, "--format", "json"])
    guard let object = try? JSONSerialization.jsonObject(with: Data(log.output.utf8)) as? [String: Any],
      let summary = object["summary"] as? [String: Any], let soft = object["softCost"] as? [String: Any]
    else { return "?" }
    return "\(summary["hardViolationCount"] as? Int ?? -1)/\(soft["total"] as? Int ?? -1)"
  }

  struct Run {
    var status: Int32
    var output: String
    var errors: String
  }

  func run(_ executable: String, _ arguments: [String]) -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do { try process.run() } catch { return Run(status: -1, output: "", errors: "\(error)") }
    // Read both pipes while the process runs, so that neither fills up.
    final class Box: @unchecked Sendable { var data = Data() }
    let outBox = Box()
    let group = DispatchGroup()
    group.enter()
    let handle = out.fileHandleForReading
    DispatchQueue.global().async {
      outBox.data = handle.readDataToEndOfFile()
      group.leave()
    }
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    let outData = outBox.data
    return Run(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self), errors: String(decoding: errData, as: UTF8.self))
  }

  func value(in log: String, after prefix: String, until suffix: String) -> String? {
    guard let start = log.range(of: prefix, options: .backwards) else { return nil }
    let rest = log[start.upperBound...]
    guard let end = rest.range(of: suffix) else { return nil }
    return String(rest[..<end.lowerBound])
  }
}
