import Foundation
import Interchange
import Planner
import SampleSchools
import Testing

/// Commands that gave a wrong answer or none: `check` of another school's timetable, `bells` with
/// schedules that break their rules, `solve --previous` listing what moved.
@Suite struct WorkflowAnswerTests {
  @Test func checkRefusesAnotherOrganisationsTimetableNamingIt() throws {
    let w = try Workspace()
    // A timetable of the city gymnasium, checked against the small Kazakh school.
    let other = SampleSchools.cityGymnasium()
    let problem = try LessonDemandBuilder.problem(for: other)
    let foreign = Timetable(
      organisation: other.id, period: problem.period,
      placements: problem.lessons.prefix(40).map { Placement(lesson: $0.id, day: .mon, period: 1) })
    let path = w.path("foreign.json")
    try TimetableFile.write(foreign, to: path)
    let run = try Sabaq.run(["check", w.school, path])
    #expect(run.status == 1, "\(run.output)")
    #expect(run.errors.contains("it was made for the organisation \"\(other.id)\""), "\(run.errors)")
    #expect(!run.output.contains("Hard violations"))
  }

  @Test func bellsExitsTwoWhenTheCurrentSchedulesBreakTheirRules() throws {
    var school = SampleSchools.smallKazakhSchool()
    let w = try Workspace(school)
    let good = try Sabaq.run(["bells", w.school])
    #expect(good.status == 0, "\(good.output)\(good.errors)")
    // Lessons shortened to 20 minutes break the rules' lesson lengths.
    school.bellSchedules = school.bellSchedules?.map { schedule in
      var s = schedule
      s.lessons = s.lessons.map {
        var l = $0; l.end = ClockTime(minutes: l.start.minutes + 20); return l
      }
      return s
    }
    let broken = try Workspace(school)
    let bad = try Sabaq.run(["bells", broken.school])
    #expect(bad.status == 2, "\(bad.output)\(bad.errors)")
    #expect(bad.output.contains("current bell schedule of"))
  }

  @Test func aReSolveListsEachMovedLesson() throws {
    let w = try Workspace()
    let first = try Sabaq.run([
      "solve", w.school, "--time-limit", "60", "--first-feasible", "--no-mip", "--output", w.path("first"),
    ])
    #expect(first.status == 0, "\(first.errors)")
    var previous = try TimetableFile.read(w.path("first/timetable.json"))
    // Periods the school's day does not have (inside the format's range of 1 to 32).
    for k in 0..<3 { previous.placements[k].period = 20 }
    try TimetableFile.write(previous, to: w.path("previous.json"))
    let again = try Sabaq.run([
      "solve", w.school, "--time-limit", "60", "--first-feasible", "--no-mip", "--previous", w.path("previous.json"),
      "--output", w.path("again"),
    ])
    #expect(again.status == 0, "\(again.errors)")
    #expect(again.errors.contains("lessons moved from the previous timetable"))
    let moved = again.errors.split(separator: "\n").filter { $0.hasPrefix("  moved: ") }
    #expect(moved.count >= 3)
    #expect(moved.contains { $0.contains(" 20 → ") })
  }
}
