import Planner
import SampleSchools
import Testing

@testable import Solver

@Suite struct BellScheduleTests {
  /// A school with two shifts of six lessons, 45 minutes (35 in the first grade).
  func school() -> Organisation {
    var school = SampleSchools.cityGymnasium()
    school.shifts = school.shifts.map {
      var s = $0; s.lessonsPerDay = 6; return s
    }
    school.bellRules = [
      BellRules(
        shift: "1", start: ClockTime("08:00")!,
        lessonLengths: [LessonLength(grades: [1], minutes: 35), LessonLength(grades: Array(2...11), minutes: 45)],
        minimumBreak: 10, longBreaks: 2, longBreakMinutes: 20, longBreakAfter: [2, 3, 4], latestEnd: ClockTime("14:00")),
      BellRules(
        shift: "2", start: ClockTime("13:00")!, lessonLengths: [LessonLength(grades: Array(2...11), minutes: 45)],
        minimumBreak: 10,
        longBreaks: 1, longBreakMinutes: 20, longBreakAfter: [2, 3, 4], latestEnd: ClockTime("20:00"), follows: "1",
        gapAfterPreviousShift: 30),
    ]
    school.bellSchedules = nil
    return school
  }

  @Test func computedBellsFollowEveryRule() throws {
    var organisation = school()
    let result = try BellScheduleSolver.solve(organisation)
    organisation.bellSchedules = result.schedules
    #expect(result.schedules.count == 3)  // first shift: first grade and the rest; second shift
    for schedule in result.schedules {
      #expect(BellScheduleAudit.problems(of: schedule, organisation: organisation) == [], "\(schedule)")
      #expect(schedule.lessons.allSatisfy { $0.start.minutes % 5 == 0 })
    }
    let first = result.schedules.first { $0.shift == "1" && $0.grades == nil || $0.grades?.contains(5) == true }!
    #expect(first.lessons[0].start == ClockTime("08:00"))
    #expect(first.lessons[0].end == ClockTime("08:45"))
    // The second shift starts once the first has left and the rooms are aired.
    let second = result.schedules.first { $0.shift == "2" }!
    let lastOfFirst = result.schedules.filter { $0.shift == "1" }.map { $0.lessons.last!.end.minutes }.max()!
    #expect(second.lessons[0].start.minutes >= lastOfFirst + 30)
  }

  @Test func aTimetableLetsTheSecondShiftStartWhenItsRoomsAreFree() throws {
    let organisation = school()
    let handovers = [RoomHandover(fromShift: "1", fromLesson: 4, toShift: "2", toLesson: 1)]
    let early = try BellScheduleSolver.solve(organisation, handovers: handovers)
    let late = try BellScheduleSolver.solve(organisation)
    let startEarly = early.schedules.first { $0.shift == "2" }!.lessons[0].start
    let startLate = late.schedules.first { $0.shift == "2" }!.lessons[0].start
    #expect(startEarly < startLate)
  }

  @Test func rulesThatCannotBeMetAreExplained() {
    var organisation = school()
    organisation.bellRules![0].latestEnd = ClockTime("12:00")
    #expect {
      try BellScheduleSolver.solve(organisation)
    } throws: { error in
      (error as? BellScheduleError)?.description.hasPrefix("no bell schedule satisfies the rules") == true
    }
  }

  @Test func aHandMadeScheduleIsCheckedAgainstTheRules() {
    var organisation = school()
    let lessons = [
      ("08:00", "08:45"), ("08:50", "09:35"), ("09:45", "10:30"), ("10:40", "11:25"), ("11:35", "12:20"),
      ("12:30", "13:20"),
    ]
    organisation.bellSchedules = [
      BellSchedule(
        shift: "1", grades: Array(2...11),
        lessons: lessons.enumerated().map {
          BellLesson(number: $0.offset + 1, start: ClockTime($0.element.0)!, end: ClockTime($0.element.1)!)
        })
    ]
    let problems = BellScheduleAudit.problems(of: organisation.bellSchedules![0], organisation: organisation)
    #expect(problems.contains("the break after lesson 1 is 5 minutes; at least 10 are needed"))
    #expect(problems.contains("2 long breaks of 20 minutes are needed, the schedule has 0"))
    #expect(problems.contains { $0.hasPrefix("lesson 6 lasts 50 minutes") })
  }
}
