// `sabaq bench …`: the benchmarks of the Bench target, printed as a table and written as JSON.
import ArgumentParser
import Bench
import Foundation

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench", abstract: "Benchmarks that print numbers (and write them as JSON).",
    subcommands: [Planning.self, Solving.self, FET.self, Storing.self])

  /// Where a bench writes its table as JSON.
  struct Output: ParsableArguments {
    @Option(help: "Where to write the table as JSON (default: out/bench/<bench>.json).") var json: String?

    func write(_ table: BenchTable) throws {
      let path = json ?? "out/bench/\(table.bench).json"
      try table.writeJSON(to: path)
      print("(table written to \(path))")
    }
  }

  struct Planning: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "planner",
      abstract:
        "Time to load, validate, derive the lesson demand and the load report: the instances given, then a generated district."
    )
    @Argument(help: "Instance files (default: instances/*.json).") var files: [String] = []
    @Option(help: "Schools in the generated district.") var schools = 200
    @Option(help: "Seed of the generated district.") var seed: UInt64 = 1
    @OptionGroup var output: Output

    func run() throws {
      let table = try PlannerBench.run(files: files.isEmpty ? defaultInstances() : files, schools: schools, seed: seed)
      print(table.text, terminator: "")
      try output.write(table)
    }
  }

  struct Solving: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "solver",
      abstract:
        "Solve the shipped instances and generated two-shift schools of 30, 60 and 100 classes one after another: seconds to the first timetable with no hard violation, the checker's hard and soft verdict at the time limit, peak memory of each solve."
    )
    @Argument(help: "Instance files (default: instances/*.json).") var files: [String] = []
    @Option(help: "Seconds each solve may take.") var timeLimit: Double = 60
    @Option(help: "Sizes of the generated schools.") var classes: [Int] = [30, 60, 100]
    @Option(help: "Seed of the solves.") var seed: UInt64 = 1
    @OptionGroup var output: Output

    func run() throws {
      let table = try SolverBench.run(
        files: files.isEmpty ? defaultInstances() : files, generatedSizes: classes, timeLimit: timeLimit, seed: seed
      ) { print($0.joined(separator: "  ")) }
      print(table.text, terminator: "")
      try output.write(table)
    }
  }

  struct Storing: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "store",
      abstract:
        "Import a generated district into a store, then time reading one teacher's published week (p50, p99) and loading a school's plan.",
      discussion: "Without --database it uses a new SQLite file in the temporary folder, removed afterwards.")
    @Option(help: "The store: sqlite:PATH or postgres://user:password@host:port/database.") var database: String?
    @Option(help: "Schools in the generated district.") var schools = 200
    @Option(help: "Seed of the generated district and of the reads.") var seed: UInt64 = 1
    @Option(help: "Teachers' weeks to read.") var reads = 2000
    @OptionGroup var output: Output

    func run() throws {
      let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("sabaq-bench-\(UUID()).sqlite").path
      defer {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
      }
      let table = try StoreBench.run(
        database: database ?? "sqlite:" + temporary, schools: schools, seed: seed, reads: reads)
      print(table.text, terminator: "")
      try output.write(table)
    }
  }

  struct FET: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fet",
      abstract:
        "Compare sabaq with fet-cl on FET files: seconds to a timetable with no hard violation (median over seeds), the checker's verdict on both results, and whether fet-cl accepts sabaq's timetable.",
      discussion: """
        Where a file has constraints sabaq does not support, both tools run on the same reduced file \
        (those constraints removed) and the row says so. fet-cl runs under an outer timeout; its \
        seeds are fixed per run so that the runs can be repeated.
        """)
    @Argument(help: "FET files (default: the development set under /usr/share/doc/fet-data/examples/FET-5-official).")
    var files: [String] = []
    @Option(help: "Seconds each run may take.") var timeLimit = 300
    @Option(help: "Runs of each tool per file (different seeds); the median time is reported.") var seeds = 3
    @Option(help: "Folder for the runs' files (kept for inspection).") var work = "out/fet-bench"
    @Option(help: "sabaq's searches at once (solve --workers); fet-cl runs one.") var workers = 1
    @OptionGroup var output: Output

    func validate() throws {
      guard seeds >= 1, workers >= 1, timeLimit >= 1 else {
        throw ValidationError("--seeds, --workers and --time-limit must be at least 1")
      }
    }

    func run() throws {
      var bench = Bench.FETBench()
      bench.timeLimit = timeLimit
      bench.seeds = seeds
      bench.work = work
      bench.searches = workers
      let paths = files.isEmpty ? Bench.FETBench.developmentSet.map { "\(Bench.FETBench.examplesRoot)/\($0)" } : files
      let table = try bench.run(files: paths) { print($0.joined(separator: " | ")) }
      print(table.text, terminator: "")
      try output.write(table)
    }
  }
}

/// The shipped instances.
func defaultInstances() -> [String] {
  let folder = "instances"
  let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
  return names.filter { $0.hasSuffix(".json") }.sorted().map { "\(folder)/\($0)" }
}
