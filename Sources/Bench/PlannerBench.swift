// The planner's benchmark: load, validate, lesson demand and load report, per file and for a
// generated district.
import Foundation
import Interchange
import Planner
import Reports
import SampleSchools

/// Times loading, validating, deriving the lesson demand and rendering the load report: for each
/// instance file, then for a generated district whose schools are written to JSON and read back,
/// as the store would hand them over.
public enum PlannerBench {
  public static func run(files: [String], schools: Int, seed: UInt64) throws -> BenchTable {
    var table = BenchTable(
      bench: "planner",
      header: ["Instance", "Classes", "Lessons", "Load ms", "Validate ms", "Demand ms", "Load report ms", "Total ms"])
    for path in files {
      let start = Date()
      let organisation = try InstanceFile.read(path)
      let load = Date().timeIntervalSince(start)
      let timings = try measure(organisation)
      table.rows.append(
        [URL(fileURLWithPath: path).lastPathComponent, String(organisation.classes.count), String(timings.lessons)]
          + [load, timings.validate, timings.demand, timings.report, load + timings.total].map(Figures.ms))
    }
    table.notes = try district(schools: schools, seed: seed)
    return table
  }

  /// The district's lines: its size and the summed and slowest times.
  private static func district(schools: Int, seed: UInt64) throws -> [String] {
    let generation = Date()
    let district = SampleSchools.district(schools: schools, seed: seed)
    let generated = Date().timeIntervalSince(generation)
    var sums = (load: 0.0, validate: 0.0, demand: 0.0, report: 0.0)
    var classes = 0
    var lessons = 0
    var slowest = 0.0
    for organisation in district {
      let data = try InstanceFile.encode(organisation)
      let start = Date()
      let read = try InstanceFile.decode(data)
      let load = Date().timeIntervalSince(start)
      let timings = try measure(read)
      sums.load += load
      sums.validate += timings.validate
      sums.demand += timings.demand
      sums.report += timings.report
      classes += read.classes.count
      lessons += timings.lessons
      slowest = max(slowest, load + timings.total)
    }
    let total = sums.load + sums.validate + sums.demand + sums.report
    let perSchool = total / Double(max(district.count, 1))
    return [
      "",
      "District of \(district.count) generated schools (\(classes) classes, \(lessons) lessons a week; generated in \(Figures.ms(generated)) ms):",
      "  load \(Figures.ms(sums.load)) ms, validate \(Figures.ms(sums.validate)) ms, demand \(Figures.ms(sums.demand)) ms, load report \(Figures.ms(sums.report)) ms",
      "  total \(String(format: "%.2f", total)) s, \(Figures.ms(perSchool)) ms a school on average, slowest school \(Figures.ms(slowest)) ms",
    ]
  }

  private struct Timings {
    var validate: Double
    var demand: Double
    var report: Double
    var lessons: Int
    var total: Double { validate + demand + report }
  }

  private static func measure(_ organisation: Organisation) throws -> Timings {
    let a = Date()
    _ = OrganisationValidator.validate(organisation)
    let b = Date()
    let problem = try LessonDemandBuilder.problem(for: organisation)
    let c = Date()
    _ = TeachingLoadReport(organisation: organisation).render(.text)
    let d = Date()
    return Timings(
      validate: b.timeIntervalSince(a), demand: c.timeIntervalSince(b), report: d.timeIntervalSince(c),
      lessons: problem.lessons.count)
  }
}
