import Foundation
import TestSupport
import Testing

/// `sabaq import fet`, `solve FILE.fet`, `check FILE.fet …` and `export fet` on real FET files.
@Suite struct FETCommandTests {
  static let examples = "/usr/share/doc/fet-data/examples/FET-5-official"
  static var haveExamples: Bool { FileManager.default.fileExists(atPath: examples) }
  static var haveFetCL: Bool { haveExamples && FileManager.default.isExecutableFile(atPath: "/usr/bin/fet-cl") }

  /// Runs fet-cl on a file; returns its output folder and whether it reported success.
  func fetCL(_ input: String, in w: Workspace, seconds: Int = 20) throws -> (folder: String, success: Bool) {
    let folder = w.path("fet-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    // fet-cl stops itself after `seconds`; killed (and the test failed) only far beyond that.
    _ = try ChildProcess.run(
      "/usr/bin/fet-cl",
      ["--inputfile=\(input)", "--outputdir=\(folder)", "--htmllevel=0", "--timelimitseconds=\(seconds)"],
      timeout: Double(seconds) + 300)
    let result = (try? String(contentsOfFile: folder + "/logs/result.txt", encoding: .utf8)) ?? ""
    return (folder, result.contains("Simulation successful"))
  }

  func hardViolations(_ checkJSON: String) throws -> [Any] {
    let object =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: checkJSON))) as? [String: Any]
    return try #require(object?["hardViolations"] as? [Any])
  }

  @Test(.enabled(if: haveExamples))
  func importWritesAValidInstanceAndTheReport() throws {
    let w = try Workspace()
    let output = w.path("brazil.json")
    let run = try Sabaq.run(["import", "fet", Self.examples + "/Brazil/1/Brazil.fet", "--output", output])
    #expect(run.status == 0, "\(run.errors)")
    #expect(run.output.contains("every constraint is supported"))
    #expect(run.output.contains("written to \(output)"))
    let validate = try Sabaq.run(["validate", output])
    #expect(validate.status == 0, "\(validate.errors)")
  }

  @Test(.enabled(if: haveExamples))
  func importNamesUnsupportedConstraints() throws {
    // Every kind the official examples use is supported: one from FET's manual that none uses.
    let w = try Workspace()
    var text = try String(contentsOfFile: Self.examples + "/anonymous/2/2017/lk-example.fet", encoding: .utf8)
    text = text.replacingOccurrences(
      of: "</Time_Constraints_List>",
      with: """
        <ConstraintActivitiesOccupyMinTimeSlotsFromSelection>
        <Weight_Percentage>100</Weight_Percentage><Number_of_Activities>0</Number_of_Activities>
        <Number_of_Selected_Time_Slots>0</Number_of_Selected_Time_Slots>
        <Min_Number_of_Occupied_Time_Slots>0</Min_Number_of_Occupied_Time_Slots><Active>true</Active>
        </ConstraintActivitiesOccupyMinTimeSlotsFromSelection>
        </Time_Constraints_List>
        """)
    try text.write(toFile: w.path("lk.fet"), atomically: true, encoding: .utf8)
    let run = try Sabaq.run(["import", "fet", w.path("lk.fet"), "--output", w.path("lk.json")])
    #expect(run.status == 0)
    #expect(run.output.contains("not supported (left out): ConstraintActivitiesOccupyMinTimeSlotsFromSelection × 1"))
  }

  @Test func aBadFETFileFailsWithItsPlaceAndWritesNothing() throws {
    let w = try Workspace()
    let input = w.path("bad.fet")
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <fet version="6.8.5">
      <Days_List><Number_of_Days>1</Number_of_Days><Day><Name>Mon</Name></Day></Days_List>
      <Hours_List><Number_of_Hours>1</Number_of_Hours><Hour><Name>1</Name></Hour></Hours_List>
      <Subjects_List><Subject><Name>Maths</Name></Subject></Subjects_List>
      <Teachers_List><Teacher><Name>Ann</Name></Teacher></Teachers_List>
      <Students_List><Year><Name>7</Name></Year></Students_List>
      <Activities_List>
      <Activity><Teacher>Nobody</Teacher><Subject>Maths</Subject><Students>7</Students><Duration>1</Duration><Id>1</Id><Active>true</Active></Activity>
      </Activities_List>
      <Time_Constraints_List></Time_Constraints_List>
      <Space_Constraints_List></Space_Constraints_List>
      </fet>
      """
    try Data(text.utf8).write(to: URL(fileURLWithPath: input))
    let output = w.path("out.json")
    let run = try Sabaq.run(["import", "fet", input, "--output", output])
    #expect(run.status == 1)
    #expect(run.errors.contains("bad.fet:9: activity 1 names an unknown teacher \"Nobody\""))
    #expect(!FileManager.default.fileExists(atPath: output))
    let solve = try Sabaq.run(["solve", input, "--output", w.path("solved")])
    #expect(solve.status == 1)
    #expect(solve.errors.contains("unknown teacher \"Nobody\""))
  }

  /// The whole round: solve a FET file, judge it, hand it to fet-cl locked, and judge fet-cl's own
  /// timetable with the same checker.
  @Test(.enabled(if: haveExamples))
  func solveCheckAndExportAFETFile() throws {
    let w = try Workspace()
    let input = Self.examples + "/Brazil/1/Brazil.fet"
    let out = w.path("brazil")
    let solve = try Sabaq.run(["solve", input, "--time-limit", "60", "--first-feasible", "--output", out])
    #expect(solve.status == 0, "\(solve.errors)")
    #expect(try hardViolations(out + "/check.json").isEmpty)
    let check = try Sabaq.run(["check", input, out + "/timetable.json"])
    #expect(check.status == 0, "\(check.output)")
    #expect(check.output.contains("Hard violations: 0"))

    let locked = w.path("brazil-locked.fet")
    let export = try Sabaq.run(["export", "fet", input, out + "/timetable.json", "--output", locked])
    #expect(export.status == 0, "\(export.errors)")
    #expect(export.output.contains("activities locked"))
    guard Self.haveFetCL else { return }
    // fet-cl confirms the locked timetable at once.
    let confirmed = try fetCL(locked, in: w, seconds: 20)
    #expect(confirmed.success)
    // fet-cl's own timetable of the file, judged by our checker.
    let theirs = try fetCL(input, in: w, seconds: 60)
    #expect(theirs.success)
    let activities = theirs.folder + "/timetables/Brazil/Brazil_activities.xml"
    let judged = try Sabaq.run(["check", input, activities])
    #expect(judged.status == 0, "\(judged.output)")
    #expect(judged.output.contains("Hard violations: 0"))
  }

  @Test(.enabled(if: haveExamples))
  func checkFindsAClashInAnEditedTimetable() throws {
    let w = try Workspace()
    let input = Self.examples + "/Denmark/small-school.fet"
    let out = w.path("denmark")
    #expect(try Sabaq.run(["solve", input, "--time-limit", "20", "--output", out]).status == 0)
    // Put every lesson at the first hour of the day: teachers and students clash.
    var text = try String(contentsOfFile: out + "/timetable.json", encoding: .utf8)
    text = text.replacingOccurrences(of: #""period" : [0-9]+"#, with: #""period" : 1"#, options: .regularExpression)
    try Data(text.utf8).write(to: URL(fileURLWithPath: w.path("edited.json")))
    let check = try Sabaq.run(["check", input, w.path("edited.json")])
    #expect(check.status == 2)
    #expect(check.output.contains("teacher-clash"))
  }
}
