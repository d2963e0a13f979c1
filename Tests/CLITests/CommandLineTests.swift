import Foundation
import Interchange
import Planner
import SampleSchools
import TestSupport
import Testing

/// Runs the built `sabaq` command with arguments; returns its exit status and output. Its output
/// and errors are read whatever their size (see `ChildProcess`); a command still running after
/// `timeout` seconds is killed and the test fails with `ChildProcess.TimedOut`.
struct Sabaq {
  static var executable: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("sabaq")
  }

  struct Run {
    var status: Int32
    var output: String
    var errors: String
  }

  /// Far beyond the time limits the tests give solves (60 s at most) on a slow machine.
  static let timeout = 900.0

  @discardableResult
  static func run(_ arguments: [String], input: String? = nil, timeout: Double = Sabaq.timeout) throws -> Run {
    let run = try ChildProcess.run(executable.path, arguments, input: input.map { Data($0.utf8) }, timeout: timeout)
    return Run(
      status: run.status, output: String(decoding: run.output, as: UTF8.self),
      errors: String(decoding: run.errors, as: UTF8.self))
  }
}

/// A temporary folder with the sample school written into it.
final class Workspace {
  let folder: URL
  let school: String

  init(_ organisation: Organisation = SampleSchools.smallKazakhSchool()) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("sabaq-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    school = folder.appendingPathComponent("school.json").path
    try InstanceFile.write(organisation, to: school)
  }

  func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
  func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

  deinit { try? FileManager.default.removeItem(at: folder) }
}

@Suite struct CommandLineTests {
  @Test func solveRacesSearchesAndRefusesFewerThanOne() throws {
    let w = try Workspace()
    let raced = try Sabaq.run([
      "solve", w.school, "--time-limit", "60", "--first-feasible", "--workers", "2", "--output", w.path("raced"),
    ])
    #expect(raced.status == 0, "\(raced.errors)")
    #expect(raced.errors.contains("search 2: "))
    #expect(FileManager.default.fileExists(atPath: w.path("raced/timetable.json")))
    let refused = try Sabaq.run(["solve", w.school, "--workers", "0", "--output", w.path("none")])
    #expect(refused.status != 0)
    #expect(refused.errors.contains("--workers: expected 1 to 16 searches at once"))
    #expect(refused.errors.contains("found 0"))
    #expect(!FileManager.default.fileExists(atPath: w.path("none")))
    // Each search takes memory of its own: there is an upper bound too.
    let many = try Sabaq.run(["solve", w.school, "--workers", "100000", "--output", w.path("none")])
    #expect(many.status != 0)
    #expect(many.errors.contains("found 100000"))
    #expect(!FileManager.default.fileExists(atPath: w.path("none")))
  }

  @Test func validateSummarisesAValidFile() throws {
    let w = try Workspace()
    let run = try Sabaq.run(["validate", w.school])
    #expect(run.status == 0)
    #expect(run.output.contains(": valid"))
    #expect(run.output.contains("9 classes"))
  }

  @Test func validateReportsEveryErrorWithItsPathAndFails() throws {
    var broken = SampleSchools.smallKazakhSchool()
    broken.classes[2].shift = "9"
    broken.assignments[0].teachers = ["nobody"]
    let w = try Workspace(broken)
    let run = try Sabaq.run(["validate", w.school])
    #expect(run.status == 1)
    #expect(run.errors.contains("$.organisation.classes[2].shift: error: no shift \"9\""))
    #expect(run.errors.contains("$.organisation.assignments[0].teachers[0]: error: no teacher \"nobody\""))
  }

  @Test func aMalformedFileIsRefusedWithItsPlace() throws {
    let w = try Workspace()
    let path = w.path("bad.json")
    try Data("{\"format\": \"sabaq-instance\", \"version\": 1, \"organisation\": {\"id\": 3}}".utf8).write(
      to: URL(fileURLWithPath: path))
    let run = try Sabaq.run(["validate", path])
    #expect(run.status == 1)
    #expect(run.errors.contains("bad.json: $.organisation.id: expected a string"))
    let missing = try Sabaq.run(["validate", w.path("nowhere.json")])
    #expect(missing.status == 1)
    #expect(missing.errors == "\(w.path("nowhere.json")): no such file\n")
  }

  @Test func curriculumShowPrintsAClassOfAPeriod() throws {
    let w = try Workspace()
    let run = try Sabaq.run(["curriculum", "show", w.school, "--class", "5А", "--period", "Q1"])
    #expect(run.status == 0)
    #expect(run.output.hasPrefix("Working curriculum of 5А"))
    #expect(run.output.contains("Математика"))
    let unknown = try Sabaq.run(["curriculum", "show", w.school, "--class", "12Z"])
    #expect(unknown.status == 1)
    #expect(unknown.errors.contains("no class \"12Z\""))
  }

  @Test func copyingToAClassThatDoesNotExistFailsAndLeavesTheFileUntouched() throws {
    let w = try Workspace()
    let before = try w.bytes(w.school)
    let run = try Sabaq.run([
      "curriculum", "copy", w.school, "--from", "5А", "--to", "6А", "--to", "5Я", "--output", w.school,
    ])
    #expect(run.status == 1)
    #expect(run.errors.contains("--to[1]: no class \"5Я\" to copy to"))
    #expect(try w.bytes(w.school) == before)
  }

  @Test func copyingWritesTheResultToTheOutputOnly() throws {
    let w = try Workspace()
    let before = try w.bytes(w.school)
    let out = w.path("copied.json")
    let run = try Sabaq.run([
      "curriculum", "copy", w.school, "--from", "5А", "--to", "6А", "--subject", "Музыка", "--replace", "--output", out,
    ])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("copied: "))
    #expect(try w.bytes(w.school) == before)
    let copied = try InstanceFile.read(out)
    let music = copied.findSubject("Музыка")!.id
    #expect(
      copied.workingCurriculum(of: "6А")?.entry(for: music)?.weeklyHours
        == SampleSchools.smallKazakhSchool().workingCurriculum(of: "5А")?.entry(for: music)?.weeklyHours)
  }

  @Test func theNextYearMovesClassesUp() throws {
    let w = try Workspace()
    let out = w.path("next.json")
    let run = try Sabaq.run(["year", "next", w.school, "--output", out])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("2026-2027"))
    let next = try InstanceFile.read(out)
    // A school of grades 1–9 (its final grade): the 9th graduates, a new 1st grade is admitted.
    #expect(next.classes.map(\.grade).sorted() == [1, 2, 3, 4, 5, 6, 7, 8, 9])
    #expect(run.output.contains("new classes: "))
  }

  @Test func distributionPrintsTheWeeksOfAClass() throws {
    let w = try Workspace()
    let run = try Sabaq.run(["distribution", w.school, "--class", "7А"])
    #expect(run.status == 0)
    #expect(run.output.contains("Study-process schedule (ГУП) of 7А"))
    let csv = try Sabaq.run(["distribution", w.school, "--class", "7А", "--format", "csv"])
    #expect(csv.output.hasPrefix("subject,group,teacher,w1 2025-09-01"))
  }

  @Test func loadPrintsTextCSVAndJSON() throws {
    let w = try Workspace()
    let text = try Sabaq.run(["load", w.school])
    #expect(text.status == 0)
    #expect(text.output.hasPrefix("Teaching load — "))
    let csv = try Sabaq.run(["load", w.school, "--format", "csv"])
    #expect(csv.output.hasPrefix("kind,teacher_id,teacher,class,subject,group,weekly_Q1"))
    let json = try Sabaq.run(["load", w.school, "--format", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as! [String: Any]
    #expect((object["teachers"] as! [Any]).count == SampleSchools.smallKazakhSchool().teachers.count)
    let one = try Sabaq.run(["load", w.school, "--teacher", "nobody-at-all"])
    #expect(one.status == 1)
  }

  @Test func demandPrintsTheLessonsAsJSON() throws {
    let w = try Workspace()
    let run = try Sabaq.run(["demand", w.school, "--format", "json"])
    #expect(run.status == 0)
    let problem = try JSONDecoder().decode(TimetableProblem.self, from: Data(run.output.utf8))
    #expect(problem.lessons.count > 100)
    #expect(problem.period == "Q1")
    let wrong = try Sabaq.run(["demand", w.school, "--period", "Q9"])
    #expect(wrong.status == 1)
    #expect(wrong.errors.contains("no study period \"Q9\""))
  }

  /// The harness reads a child's standard error of any size while it writes its output: a
  /// megabyte to each (a pipe holds 64 KiB, and reading one stream to its end before the other
  /// used to hang here).
  @Test func theHarnessReadsAMegabyteOfErrorsAndOfOutput() throws {
    let script = "head -c 1048576 /dev/zero | tr '\\0' e >&2; head -c 1048576 /dev/zero | tr '\\0' o; echo done"
    let run = try ChildProcess.run("/bin/sh", ["-c", script], timeout: 120)
    #expect(run.status == 0)
    #expect(run.errors.count == 1 << 20)
    #expect(run.errors.allSatisfy { $0 == UInt8(ascii: "e") })
    #expect(run.output.count == (1 << 20) + 5)
    #expect(String(decoding: run.output.suffix(5), as: UTF8.self) == "done\n")
  }

  /// `sabaq validate` on a file with thousands of errors: every one of them reaches the test.
  @Test func validateWithThousandsOfErrorsIsReadToTheEnd() throws {
    var broken = SampleSchools.smallKazakhSchool()
    for k in broken.assignments.indices { broken.assignments[k].teachers = (1...20).map { "nobody-\(k)-\($0)" } }
    let w = try Workspace(broken)
    let run = try Sabaq.run(["validate", w.school])
    #expect(run.status == 1)
    #expect(run.errors.utf8.count > 1 << 16)
    let last = broken.assignments.count - 1
    #expect(
      run.errors.contains("$.organisation.assignments[\(last)].teachers[19]: error: no teacher \"nobody-\(last)-20\""))
  }

  /// A child that does not end is killed, and the test that ran it fails saying so.
  @Test func aChildThatDoesNotEndIsKilled() throws {
    let error = #expect(throws: ChildProcess.TimedOut.self) { try ChildProcess.run("/bin/sleep", ["600"], timeout: 1) }
    #expect(error?.description == "`/bin/sleep 600` was still running after 1.0 s and was killed")
  }
}
