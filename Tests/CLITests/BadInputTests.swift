import Foundation
import Interchange
import Planner
import SampleSchools
import Testing

/// Inputs from issue 20 and the fuzz campaign (`scripts/fuzz`) that crashed or hung `sabaq`, or
/// gave raw Foundation messages: each ends with exit status 1 and a message naming the file and
/// the place, in seconds.
@Suite struct BadInputTests {
  /// The sample school's file with a class's, a shift's or an assignment's fields replaced.
  func workspace(_ change: (inout [String: Any]) -> Void) throws -> Workspace {
    let w = try Workspace()
    var root = try JSONSerialization.jsonObject(with: w.bytes(w.school)) as! [String: Any]
    var org = root["organisation"] as! [String: Any]
    change(&org)
    root["organisation"] = org
    try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: w.school))
    return w
  }

  func setting(_ list: String, _ index: Int, _ field: String, _ value: Any) -> (inout [String: Any]) -> Void {
    { org in
      var items = org[list] as! [[String: Any]]
      items[index][field] = value
      org[list] = items
    }
  }

  @Test func hugePupilCountsAreRefusedByEveryCommand() throws {
    // boys + girls overflowed Int: signal 4 in every command.
    let w = try workspace { org in
      self.setting("classes", 0, "boys", 1 << 62)(&org)
      self.setting("classes", 0, "girls", 1 << 62)(&org)
    }
    let solve = ["solve", w.school, "--time-limit", "1", "--output", w.path("out")]
    for command in [["validate", w.school], ["load", w.school], solve] {
      let run = try Sabaq.run(command, timeout: 60)
      #expect(run.status == 1, "\(command): \(run.errors)")
      #expect(
        run.errors.contains("\(w.school): $.organisation.classes[0].boys: expected boys in a class from 0 to 500"))
    }
  }

  @Test func aFirstPeriodBeyondTheDayIsRefusedQuickly() throws {
    // 10^10 aborted on a 160 GB allocation; 2^62 hung validate and solve.
    for first in [10_000_000_000, 1 << 62, 70] {
      let w = try workspace(setting("shifts", 0, "firstPeriod", first))
      let started = Date()
      let run = try Sabaq.run(["solve", w.school, "--time-limit", "2", "--output", w.path("out")], timeout: 60)
      #expect(run.status == 1)
      #expect(run.errors.contains("$.organisation.shifts[0].firstPeriod: expected a first period from 1 to 32"))
      #expect(Date().timeIntervalSince(started) < 15)
    }
  }

  @Test func tooManyGroupsAreRefusedQuickly() throws {
    let w = try workspace { org in
      var items = org["assignments"] as! [[String: Any]]
      items[0]["split"] = "groups"
      items[0]["groupCount"] = 100_000
      org["assignments"] = items
    }
    let started = Date()
    let run = try Sabaq.run(["validate", w.school], timeout: 60)
    #expect(run.status == 1)
    #expect(run.errors.contains("$.organisation.assignments[0].groupCount: expected at most"))
    #expect(Date().timeIntervalSince(started) < 15)
  }

  @Test func aRaceOfMoreSearchesThanCoresKeepsToTheTimeLimit() throws {
    // --workers 8 --time-limit 5 took 39 s on two cores: the limit is wall clock.
    let w = try Workspace()
    let started = Date()
    let run = try Sabaq.run(
      ["solve", w.school, "--time-limit", "3", "--workers", "16", "--output", w.path("raced")], timeout: 120)
    let elapsed = Date().timeIntervalSince(started)
    #expect(run.status == 0 || run.status == 2, "\(run.errors)")
    #expect(elapsed < 3 + 8, "took \(elapsed) s")
  }

  @Test func rawFileErrorsAreSaidInWords() throws {
    let w = try Workspace()
    let folder = try Sabaq.run(["validate", w.folder.path])
    #expect(folder.status == 1)
    #expect(folder.errors == "\(w.folder.path): this is a folder, not a file\n")
    FileManager.default.createFile(atPath: w.path("empty.json"), contents: Data())
    let empty = try Sabaq.run(["validate", w.path("empty.json")])
    #expect(empty.errors == "\(w.path("empty.json")): the file is empty\n")
    try Data("{\"format\": \"sabaq-instance\"}".utf8).write(to: URL(fileURLWithPath: w.path("json.fet")))
    let fet = try Sabaq.run(["import", "fet", w.path("json.fet"), "--output", w.path("x.json")])
    #expect(fet.status == 1)
    #expect(fet.errors.contains("\(w.path("json.fet")):1: this is not an XML (FET) file: it looks like JSON"))
  }

  @Test func aTimetableWithAPeriodBeyondTheDayIsRefusedByCheck() throws {
    // period 2^63 − 1 overflowed in the checker (signal 4).
    let w = try Workspace()
    let text = """
      {"format": "sabaq-timetable", "organisation": "x", "placements": [
        {"lesson": "a", "day": "mon", "period": 9223372036854775807, "rooms": []}]}
      """
    try Data(text.utf8).write(to: URL(fileURLWithPath: w.path("t.json")))
    let run = try Sabaq.run(["check", w.school, w.path("t.json")], timeout: 60)
    #expect(run.status == 1)
    #expect(run.errors.contains("\(w.path("t.json")): $.placements[0].period: expected a period from 1 to 32"))
  }
}
