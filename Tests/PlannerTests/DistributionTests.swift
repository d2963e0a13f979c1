import Testing

@testable import Planner

@Suite struct DistributionTests {
  @Test func halfAnHourAWeekAlternatesOddAndEvenWeeks() {
    let counts = HourDistribution.spread(
      total: 4, targets: Array(repeating: 0.5, count: 8), capacities: Array(repeating: 1, count: 8))
    #expect(counts == [1, 0, 1, 0, 1, 0, 1, 0])
  }

  @Test func oneAndAHalfBecomesOneAndTwoInTurn() {
    let counts = HourDistribution.spread(
      total: 6, targets: Array(repeating: 1.5, count: 4), capacities: Array(repeating: 2, count: 4))
    #expect(counts == [2, 1, 2, 1])
  }

  @Test func theTotalIsExactAndNoWeekGoesOverItsCapacity() {
    let targets = [0.6, 3, 3, 3, 1.8, 3, 3]
    let caps = [1, 3, 3, 3, 2, 3, 3]
    let counts = HourDistribution.spread(total: 17, targets: targets, capacities: caps)!
    #expect(counts.reduce(0, +) == 17)
    #expect(zip(counts, caps).allSatisfy { $0 <= $1 })
    #expect(HourDistribution.spread(total: 19, targets: targets, capacities: caps) == nil)
  }

  @Test func everySubjectsYearTotalIsWhatTheCurriculumAsks() {
    let school = Fixture.school
    let distribution = ClassDistribution(organisation: school, classID: "5А")
    #expect(distribution.issues.isEmpty)
    let calendar = StudyCalendar(organisation: school, grade: 5)
    for entry in Fixture.curriculum("5А").entries {
      // Per period: the weekly hours times the period's full-week equivalents, rounded.
      let expected = school.studyPeriods.reduce(0) { total, period in
        total + Int((entry.weeklyHours.value * calendar.weekEquivalents(in: period.id) + 0.5).rounded(.down))
      }
      for row in distribution.rows where row.subject == entry.subject {
        #expect(row.total == expected, "\(entry.subject) \(row.group)")
        #expect(row.planned == expected)
      }
    }
    // Split subjects have a row per group, each with the full hours and its own teacher.
    let english = distribution.rows.filter { $0.subject == "eng" }
    #expect(english.map(\.group) == ["1", "2"])
    #expect(english.map(\.teacher) == ["t3", "t4"])
  }

  @Test func halfHourSubjectsAreTaughtInOddStudyWeeksOfAFullWeekPeriod() {
    let distribution = ClassDistribution(organisation: Fixture.school, classID: "5А")
    let music = distribution.rows.first { $0.subject == "music" }!
    let q1 = distribution.weeks.indices.filter { distribution.weeks[$0].period == "Q1" }
    #expect(q1.map { music.lessons[$0] } == [1, 0, 1, 0, 1, 0, 1, 0])
    let history = distribution.rows.first { $0.subject == "hist" }!
    #expect(q1.map { history.lessons[$0] } == [2, 1, 2, 1, 2, 1, 2, 1])
  }

  @Test func explicitAnnualHoursAreMetExactly() {
    var school = Fixture.school
    school.workingCurricula[0].entries[1].annualHours = 160
    let distribution = ClassDistribution(organisation: school, classID: "5А")
    #expect(distribution.issues.isEmpty)
    let math = distribution.rows.first { $0.subject == "math" }!
    #expect(math.total == 160)
    #expect(math.lessons.max()! <= 5)
    // One more than the days of the year allow (one lesson a day) cannot fit.
    school.workingCurricula[0].entries[1].annualHours = 170
    #expect(ClassDistribution(organisation: school, classID: "5А").issues.first?.code == "hours-do-not-fit-calendar")
  }

  @Test func annualHoursThatDoNotFitTheCalendarAreAnErrorNamingTheEntry() {
    var school = Fixture.school
    school.workingCurricula[0].entries[3].annualHours = 400  // informatics, 1 h a week
    let distribution = ClassDistribution(organisation: school, classID: "5А")
    let issue = distribution.issues.first { $0.code == "hours-do-not-fit-calendar" }
    #expect(issue?.path == "$.organisation.workingCurricula[0].entries[3].annualHours")
    #expect(issue?.message.contains("400 hours a year do not fit the calendar") == true)
    #expect(OrganisationValidator.validate(school).contains { $0.code == "hours-do-not-fit-calendar" && $0.isError })
  }

  @Test func aWeekChangedByHandKeepsTheTotalWhenAsked() {
    var school = Fixture.school
    school.distributionOverrides = [
      DistributionOverride(class: "5А", subject: "math", week: 2, lessons: 3, keepTotal: true)
    ]
    let before = ClassDistribution(organisation: Fixture.school, classID: "5А").rows.first { $0.subject == "math" }!
    let after = ClassDistribution(organisation: school, classID: "5А")
    let math = after.rows.first { $0.subject == "math" }!
    #expect(math.lessons[1] == 3)
    #expect(math.total == before.total)
    #expect(math.difference == 0)
    #expect(after.issues.isEmpty)
  }

  @Test func aWeekChangedByHandWithoutKeepingTheTotalReportsTheDifference() {
    var school = Fixture.school
    school.distributionOverrides = [DistributionOverride(class: "5А", subject: "eng", group: "2", week: 2, lessons: 0)]
    let after = ClassDistribution(organisation: school, classID: "5А")
    let group2 = after.rows.first { $0.subject == "eng" && $0.group == "2" }!
    let group1 = after.rows.first { $0.subject == "eng" && $0.group == "1" }!
    #expect(group2.difference == -3)
    #expect(group1.difference == 0)
    #expect(after.issues.contains { $0.code == "distribution-differs-from-plan" && $0.message.contains("(-3)") })
  }

  @Test func anOverrideOfAWeekThatIsNotInTheYearIsAnError() {
    var school = Fixture.school
    school.distributionOverrides = [DistributionOverride(class: "5А", subject: "math", week: 99, lessons: 3)]
    let issue = ClassDistribution(organisation: school, classID: "5А").issues.first
    #expect(issue?.code == "unknown-study-week")
    #expect(issue?.path == "$.organisation.distributionOverrides[0].week")
  }

  @Test func hoursThatDifferByPeriodAreDistributedPerPeriod() {
    var school = Fixture.school
    school.workingCurricula[0].entries[0].periodHours = ["Q3": 0, "Q4": 2]
    let distribution = ClassDistribution(organisation: school, classID: "5А")
    let kazakh = distribution.rows.first { $0.subject == "kaz" }!
    #expect(kazakh.total(in: "Q3", weeks: distribution.weeks) == 0)
    #expect(kazakh.total(in: "Q1", weeks: distribution.weeks) == 24)
    let q4Weeks = distribution.weeks.filter { $0.period == "Q4" }
    #expect(kazakh.total(in: "Q4", weeks: distribution.weeks) == Int(q4Weeks.reduce(0) { $0 + 2 * $1.fraction } + 0.5))
  }
}
