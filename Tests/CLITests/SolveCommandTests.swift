import Foundation
import Interchange
import Planner
import Testing

/// `sabaq solve` is a shell over Timetabling: the files it writes, its statuses, its errors.
@Suite struct SolveCommandTests {
  @Test func solveWritesTheStructuredResultBesideTheTimetable() throws {
    let w = try Workspace()
    let run = try Sabaq.run(["solve", w.school, "--rounds", "2", "--no-mip", "--output", w.path("out")])
    #expect(run.status == 0, "\(run.errors)")
    let result = try JSONSerialization.jsonObject(with: w.bytes(w.path("out/result.json"))) as? [String: Any]
    #expect(result?["feasible"] as? Bool == true)
    #expect(result?["seeds"] as? [Int] == [1])
    #expect((result?["secondsToFirstTimetable"] as? Double) != nil)
    // The timetable in the result is the one written beside it.
    let timetable = try TimetableFile.read(w.path("out/timetable.json"))
    let embedded = try JSONSerialization.data(withJSONObject: result?["timetable"] as Any)
    #expect(try JSONDecoder().decode(Timetable.self, from: embedded) == timetable)
    for name in ["classes.txt", "teachers.txt", "rooms.txt", "check.json", "check.txt"] {
      #expect(FileManager.default.fileExists(atPath: w.path("out/\(name)")), "\(name) missing")
    }
    #expect(run.errors.contains("timetable with no hard violation"))
    #expect(run.errors.contains("peak memory"))
  }

  @Test func aMissingLockFileIsBadInputNamedAndNothingIsWritten() throws {
    let w = try Workspace()
    let run = try Sabaq.run(["solve", w.school, "--lock", w.path("nowhere.json"), "--output", w.path("out")])
    #expect(run.status == 1)
    #expect(run.errors.contains("nowhere.json"), "\(run.errors)")
    #expect(!FileManager.default.fileExists(atPath: w.path("out")))
  }

  @Test func anUnknownPeriodIsBadInputNamingTheFile() throws {
    let w = try Workspace()
    let run = try Sabaq.run(["solve", w.school, "--period", "Q9", "--output", w.path("out")])
    #expect(run.status == 1)
    #expect(run.errors.contains(w.school), "\(run.errors)")
    #expect(run.errors.contains("Q9"), "\(run.errors)")
    #expect(!FileManager.default.fileExists(atPath: w.path("out")))
  }

  @Test func aLockedLessonNotInTheDemandIsBadInput() throws {
    let w = try Workspace()
    let lock = Timetable(organisation: "x", period: nil, placements: [Placement(lesson: "ghost", day: .mon, period: 1)])
    try TimetableFile.write(lock, to: w.path("lock.json"))
    let run = try Sabaq.run(["solve", w.school, "--lock", w.path("lock.json"), "--output", w.path("out")])
    #expect(run.status == 1)
    #expect(run.errors.contains("ghost"), "\(run.errors)")
  }

  @Test func badNumbersAreRefusedBeforeAnyWork() throws {
    let w = try Workspace()
    for arguments in [["--rounds", "0"], ["--time-limit", "-5"], ["--workers", "0"]] {
      let run = try Sabaq.run(["solve", w.school, "--output", w.path("out")] + arguments)
      #expect(run.status != 0 && run.status != 2, "\(arguments): \(run.status)")
      #expect(!run.errors.isEmpty)
      #expect(!FileManager.default.fileExists(atPath: w.path("out")))
    }
  }

  @Test func searchParametersAreJSONWhoseMistakesAreNamedByPath() throws {
    let w = try Workspace()
    let unknown = try Sabaq.run([
      "solve", w.school, "--rounds", "1", "--search-parameters", #"{"annealing": {"bogus": 1}}"#, "--output",
      w.path("out"),
    ])
    #expect(unknown.status == 1)
    #expect(unknown.errors.contains("$.annealing.bogus: unknown key 'bogus'"), "\(unknown.errors)")
    #expect(!FileManager.default.fileExists(atPath: w.path("out")))
    try Data(#"{"annealing": {"repairHardWeight": "heavy"}}"#.utf8).write(to: URL(fileURLWithPath: w.path("p.json")))
    let wrong = try Sabaq.run(["solve", w.school, "--search-parameters", w.path("p.json"), "--output", w.path("out")])
    #expect(wrong.status == 1)
    #expect(wrong.errors.contains("p.json: $.annealing.repairHardWeight: expected an integer"), "\(wrong.errors)")
    let zero = try Sabaq.run([
      "solve", w.school, "--search-parameters", #"{"rounds": {"kickDivisor": 0}}"#, "--output", w.path("out"),
    ])
    #expect(zero.status == 1)
    #expect(
      zero.errors.hasPrefix(
        "--search-parameters: invalid search settings: rounds.kickDivisor: expected an integer from 1"),
      "\(zero.errors)")
    #expect(!FileManager.default.fileExists(atPath: w.path("out")))
    let good = try Sabaq.run([
      "solve", w.school, "--rounds", "1", "--no-mip", "--search-parameters",
      #"{"annealing": {"repairHardWeight": 2000}}"#,
      "--output", w.path("out"),
    ])
    #expect(good.status == 0, "\(good.errors)")
  }
}
