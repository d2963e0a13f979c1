import Planner
import Testing

/// Counting day by day before any search: lessons at most N a day against the days they can be
/// held on, a teacher's hard daily maximum against the days she can teach.
@Suite struct DemandDayCountTests {
  /// The fixture school's demand of the first quarter, with the mathematics teacher (t2, 5 lessons
  /// a week in each of 5А and 5Б, at most one a day) unavailable on the given days.
  func demand(mathTeacherAway days: [Weekday]) throws -> TimetableProblem {
    var school = Fixture.school
    let i = school.teachers.firstIndex { $0.id == "t2" }!
    school.teachers[i].unavailable = days.flatMap { d in (1...6).map { TimeSlot(day: d, period: $0) } }
    return try LessonDemandBuilder.problem(for: school, period: "Q1")
  }

  @Test func fiveLessonsOnceADayOnFourOpenDaysAreImpossible() throws {
    let issues = DemandCapacity.issues(in: try demand(mathTeacherAway: [.wed]))
    let overDays = issues.filter { $0.code == DemandCapacity.Code.lessonsOverDays }
    // One finding per class: 5А and 5Б each have 5 lessons of mathematics at most one a day.
    #expect(overDays.count == 2)
    #expect(overDays.allSatisfy { $0.isError && $0.path.hasPrefix("lessons/") })
    let message = try #require(overDays.first?.message)
    #expect(message.contains("5А Математика (Иванов Сергей Петрович) has 5 lessons a week, at most 1 a day"))
    #expect(message.contains("can be held on only 4 of the 5 days"))
    #expect(message.contains("Wed"))
    // The weekly count alone sees nothing wrong: 10 lessons, 24 open periods.
    #expect(!issues.contains { $0.code == DemandCapacity.Code.teacherOverOpenPeriods })
  }

  @Test func theSameLessonsWithEveryDayOpenAreNotReported() throws {
    let issues = DemandCapacity.issues(in: try demand(mathTeacherAway: []))
    #expect(!issues.contains { $0.code == DemandCapacity.Code.lessonsOverDays })
    #expect(!issues.contains { $0.code == DemandCapacity.Code.teacherOverDays })
  }

  @Test func aTeachersHardDailyMaximumIsCountedOverTheDaysSheCanTeach() throws {
    var problem = try demand(mathTeacherAway: [.mon, .tue])
    // 10 lessons, at most 3 a day on the 3 days left: 9.
    problem.constraints.append(TimetableConstraint(.teachersMaxHoursDaily(teacher: "t2", max: 3), weight: .hard))
    let issues = DemandCapacity.issues(in: problem)
    let finding = try #require(issues.first { $0.code == DemandCapacity.Code.teacherOverDays })
    #expect(finding.path == "teachers/t2")
    #expect(finding.message.contains("has 10 lesson periods a week but, at most 3 a day"))
    #expect(finding.message.contains("can teach only 9"))
    // A soft daily maximum is a wish: no finding.
    problem.constraints[problem.constraints.count - 1].weight = .soft(5)
    #expect(!DemandCapacity.issues(in: problem).contains { $0.code == DemandCapacity.Code.teacherOverDays })
  }
}
