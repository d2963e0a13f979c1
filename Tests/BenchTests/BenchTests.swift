import Bench
import Foundation
import Interchange
import SampleSchools
import Testing

/// The benches call the libraries and give their tables as values and JSON.
@Suite struct BenchTests {
  func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sabaq-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test func thePlannerBenchHasARowAFileAndTheDistrictBelow() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let school = folder.appendingPathComponent("school.json").path
    try InstanceFile.write(SampleSchools.smallKazakhSchool(), to: school)
    let table = try PlannerBench.run(files: [school], schools: 2, seed: 1)
    #expect(table.rows.count == 1)
    #expect(table.rows[0][0] == "school.json")
    #expect(table.rows[0][1] == String(SampleSchools.smallKazakhSchool().classes.count))
    #expect(table.notes.contains { $0.hasPrefix("District of 2 generated schools") })
    let json = folder.appendingPathComponent("out/planner.json").path
    try table.writeJSON(to: json)
    let read = try JSONDecoder.iso8601.decode(BenchTable.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
    #expect(read.rows == table.rows && read.header == table.header && read.bench == "planner")
  }

  @Test func theSolverBenchJudgesEachSolveWithTheChecker() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let school = folder.appendingPathComponent("school.json").path
    try InstanceFile.write(SampleSchools.smallKazakhSchool(), to: school)
    var printed: [[String]] = []
    let table = try SolverBench.run(files: [school], generatedSizes: [], timeLimit: 30, seed: 1) { printed.append($0) }
    #expect(table.rows == printed)
    let row = try #require(table.rows.first)
    #expect(row[0] == "school.json")
    #expect(row[4] == "0", "hard violations left: \(row)")
    #expect(Double(row[3]) != nil, "seconds to a first timetable: \(row)")
    #expect((Int(row[6]) ?? 0) > 0)
  }

  /// Denmark's small school: fet-cl solves it in a fraction of a second, and confirms ours.
  @Test func theFETBenchComparesBothToolsAndFetCLConfirmsOurs() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var bench = FETBench()
    bench.timeLimit = 30
    bench.seeds = 1
    bench.work = folder.path
    let table = try bench.run(files: ["\(FETBench.examplesRoot)/Denmark/small-school.fet"])
    let row = try #require(table.rows.first)
    #expect(row[0] == "small-school")
    #expect(row[1] == "all")
    #expect(row[3] != "—" && row[4] != "—", "both tools solve it: \(row)")
    #expect(row[6].hasPrefix("0/"), "the Checker finds no hard violation in ours: \(row)")
    #expect(row[7].hasPrefix("0/"), "nor in fet-cl's: \(row)")
    #expect(row[8] == "yes", "fet-cl confirms ours: \(row)")
    // The Checker's whole report on ours is kept in the work folder.
    let report = try String(
      contentsOf: folder.appendingPathComponent("small-school/sabaq-check.txt"), encoding: .utf8)
    #expect(report.contains("Hard violations: 0 (feasible)"), "\(report)")
  }
}

extension JSONDecoder {
  static var iso8601: JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }
}
