// The solver's benchmark: shipped instances and generated two-shift schools, solved one after
// another through Timetabling.
import Foundation
import Interchange
import Planner
import SampleSchools
import Timetabling

/// Solves each instance (and generated two-shift schools of the given sizes) with a time limit:
/// seconds to the first timetable with no hard violation, the checker's hard and soft verdict at
/// the time limit, and peak memory (reset before each solve, so each row is its own).
public enum SolverBench {
  public static func run(
    files: [String], generatedSizes: [Int], timeLimit: Double, seed: UInt64, onRow: (([String]) -> Void)? = nil
  ) throws -> BenchTable {
    var inputs = try files.map { (URL(fileURLWithPath: $0).lastPathComponent, try InstanceFile.read($0)) }
    for size in generatedSizes {
      inputs.append(("generated \(size) classes, 2 shifts", SampleSchools.generated(classes: size, shifts: 2, seed: 1)))
    }
    var table = BenchTable(
      bench: "solver", header: ["Instance", "Classes", "Lessons", "First feasible s", "Hard", "Soft cost", "Peak MiB"])
    var options = TimetablingOptions()
    options.timeLimit = timeLimit
    options.seed = seed
    for (name, organisation) in inputs {
      PeakMemory.reset()
      let result = try Timetabling.build(TimetablingInput(organisation: organisation), options: options)
      let row = [
        name, String(organisation.classes.count), String(result.lessons),
        Figures.seconds(result.secondsToFirstTimetable),
        String(result.check.summary.hardViolationCount), String(result.check.softCost.total),
        String(result.peakMemoryMiB),
      ]
      table.rows.append(row)
      onRow?(row)
    }
    table.notes = ["", "Time limit \(Int(timeLimit)) s a solve, seed \(seed)."]
    return table
  }
}
