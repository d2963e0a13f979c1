import ArgumentParser
import Foundation
import Interchange
import Planner
import Reports
import SampleSchools

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench", abstract: "Benchmarks that print numbers.", subcommands: [Planning.self, Solving.self, FETBench.self])

  struct Planning: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "planner",
      abstract: "Time to load, validate, derive the lesson demand and the load report: the instances given, then a generated district.")
    @Argument(help: "Instance files (default: instances/*.json).") var files: [String] = []
    @Option(help: "Schools in the generated district.") var schools = 200
    @Option(help: "Seed of the generated district.") var seed: UInt64 = 1

    func run() throws {
      let paths = files.isEmpty ? defaultInstances() : files
      var table = TextTable(
        header: ["Instance", "Classes", "Lessons", "Load ms", "Validate ms", "Demand ms", "Load report ms", "Total ms"],
        alignments: [.left] + Array(repeating: .right, count: 7))
      for path in paths {
        let start = Date()
        let organisation = try InstanceFile.read(path)
        let loaded = Date()
        let timings = try measure(organisation)
        table.add(
          [URL(fileURLWithPath: path).lastPathComponent, String(organisation.classes.count), String(timings.lessons)] + [
            ms(loaded.timeIntervalSince(start)), ms(timings.validate), ms(timings.demand), ms(timings.report),
            ms(loaded.timeIntervalSince(start) + timings.validate + timings.demand + timings.report),
          ])
      }
      print(table.render(), terminator: "")
      // A district: every school written to JSON and read back, as the store would hand them over.
      let generation = Date()
      let district = SampleSchools.district(schools: schools, seed: seed)
      let generated = Date().timeIntervalSince(generation)
      var load = 0.0
      var validate = 0.0
      var demand = 0.0
      var report = 0.0
      var classes = 0
      var lessons = 0
      var slowest = 0.0
      for organisation in district {
        let data = try InstanceFile.encode(organisation)
        let start = Date()
        let read = try InstanceFile.decode(data)
        let readTime = Date().timeIntervalSince(start)
        let timings = try measure(read)
        load += readTime
        validate += timings.validate
        demand += timings.demand
        report += timings.report
        classes += read.classes.count
        lessons += timings.lessons
        slowest = max(slowest, readTime + timings.validate + timings.demand + timings.report)
      }
      let total = load + validate + demand + report
      print(
        """

        District of \(district.count) generated schools (\(classes) classes, \(lessons) lessons a week; generated in \(ms(generated)) ms):
          load \(ms(load)) ms, validate \(ms(validate)) ms, demand \(ms(demand)) ms, load report \(ms(report)) ms
          total \(String(format: "%.2f", total)) s, \(ms(total / Double(max(district.count, 1)))) ms a school on average, slowest school \(ms(slowest)) ms
        """)
    }

    func measure(_ organisation: Organisation) throws -> (validate: Double, demand: Double, report: Double, lessons: Int) {
      let a = Date()
      _ = OrganisationValidator.validate(organisation)
      let b = Date()
      let problem = try LessonDemandBuilder.problem(for: organisation)
      let c = Date()
      _ = TeachingLoadReport(organisation: organisation).render(.text)
      let d = Date()
      return (b.timeIntervalSince(a), c.timeIntervalSince(b), d.timeIntervalSince(c), problem.lessons.count)
    }
  }

  struct Solving: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "solver",
      abstract: "Solve the shipped instances and generated two-shift schools of 30, 60 and 100 classes, each in its own process: seconds to the first timetable with no hard violation, soft cost at the time limit, peak memory.")
    @Argument(help: "Instance files (default: instances/*.json).") var files: [String] = []
    @Option(help: "Seconds each solve may take.") var timeLimit: Double = 60
    @Option(help: "Sizes of the generated schools.") var classes: [Int] = [30, 60, 100]
    @Option(help: "Seed of the solves.") var seed: UInt64 = 1

    func run() throws {
      let work = FileManager.default.temporaryDirectory.appendingPathComponent("sabaq-bench-\(ProcessInfo.processInfo.processIdentifier)")
      try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: work) }
      var inputs = (files.isEmpty ? defaultInstances() : files).map { (URL(fileURLWithPath: $0).lastPathComponent, $0) }
      for size in classes {
        let path = work.appendingPathComponent("generated-\(size).json").path
        try InstanceFile.write(SampleSchools.generated(classes: size, shifts: 2, seed: 1), to: path)
        inputs.append(("generated \(size) classes, 2 shifts", path))
      }
      var table = TextTable(
        header: ["Instance", "Classes", "Lessons", "First feasible s", "Hard", "Soft cost", "Peak MiB"],
        alignments: [.left] + Array(repeating: .right, count: 6))
      for (name, path) in inputs {
        let organisation = try InstanceFile.read(path)
        let lessons = (try? LessonDemandBuilder.problem(for: organisation).lessons.count) ?? 0
        let output = work.appendingPathComponent(UUID().uuidString).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.resolvingSymlinksInPath()
        process.arguments = ["solve", path, "--time-limit", String(timeLimit), "--seed", String(seed), "--output", output]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let check = (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/check.json")))) as? [String: Any]
        let hard = ((check?["summary"] as? [String: Any])?["hardViolationCount"] as? Int).map(String.init) ?? "?"
        let soft = ((check?["softCost"] as? [String: Any])?["total"] as? Int).map(String.init) ?? "?"
        let first = value(in: log, after: "first found after ", until: " s") ?? "—"
        let memory = value(in: log, after: "peak memory ", until: " MiB") ?? "?"
        table.add([name, String(organisation.classes.count), String(lessons), first, hard, soft, memory])
        print(table.rows.last!.joined(separator: "  "))
      }
      print("\nTime limit \(Int(timeLimit)) s a solve, seed \(seed):\n" + table.render(), terminator: "")
    }

    func value(in log: String, after prefix: String, until suffix: String) -> String? {
      guard let start = log.range(of: prefix, options: .backwards) else { return nil }
      let rest = log[start.upperBound...]
      guard let end = rest.range(of: suffix) else { return nil }
      return String(rest[..<end.lowerBound])
    }
  }
}

func defaultInstances() -> [String] {
  let folder = "instances"
  let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
  return names.filter { $0.hasSuffix(".json") }.sorted().map { "\(folder)/\($0)" }
}

func ms(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1000) }
