import Testing

@testable import Planner

@Suite struct CalendarTests {
  @Test func datesParseInIsoAndDottedFormAndKnowTheirWeekday() throws {
    let date = try #require(SchoolDate("2025-09-01"))
    #expect(date.weekday == .mon)
    #expect(SchoolDate("01.09.2025") == date)
    #expect(date.description == "2025-09-01")
    #expect(SchoolDate("2026-05-25")!.weekday == .mon)
    #expect(SchoolDate("2024-02-29")!.adding(years: 1).description == "2025-02-28")
    #expect(date.adding(days: 6).mondayOfWeek == date)
  }

  @Test func impossibleDatesAreRefused() {
    #expect(SchoolDate("2025-02-29") == nil)
    #expect(SchoolDate("2025-13-01") == nil)
    #expect(SchoolDate("1 September") == nil)
    #expect(SchoolDate("2025-9") == nil)
  }

  @Test func dayNumbersRoundTripThroughComponents() {
    for n in stride(from: -800_000, to: 800_000, by: 997) {
      let c = SchoolDate(dayNumber: n).components
      #expect(SchoolDate(year: c.year, month: c.month, day: c.day)?.dayNumber == n)
    }
  }

  @Test func weeklyHoursAreHalvesOnly() {
    #expect(WeeklyHours(exactly: 1.5)?.halves == 3)
    #expect(WeeklyHours(exactly: 1.3) == nil)
    #expect(WeeklyHours(exactly: -1) == nil)
    #expect(WeeklyHours(exactly: 0.5)!.hasHalf)
    #expect(WeeklyHours(exactly: 2.5)!.description == "2.5")
  }

  @Test func studyWeeksCountPartialWeeksByTheirSchoolDaysAndSkipHolidays() {
    let calendar = StudyCalendar(organisation: Fixture.school, grade: 5)
    let q1 = calendar.weeks(in: "Q1")
    // 1 Sep 2025 is a Monday and 24 Oct a Friday: eight full weeks.
    #expect(q1.count == 8)
    #expect(q1.allSatisfy { !$0.isPartial })
    // Q2 starts on Monday 3 Nov and ends Friday 26 Dec; 16–17 Dec are a holiday.
    let q2 = calendar.weeks(in: "Q2")
    #expect(q2.count == 8)
    #expect(q2.filter(\.isPartial).map(\.schoolDays) == [3])
    // Q3 starts on Thursday 8 Jan: the first week has two school days.
    #expect(calendar.weeks(in: "Q3").first?.schoolDays == 2)
    #expect(calendar.weeks.map(\.number) == Array(1...calendar.weeks.count))
  }

  @Test func aHolidayForOneGradeCutsOnlyThatGradesWeeks() {
    var school = Fixture.school
    school.classes[0].grade = 1
    let first = StudyCalendar(organisation: school, grade: 1)
    let fifth = StudyCalendar(organisation: school, grade: 5)
    #expect(first.weeks.count == fifth.weeks.count - 1)
    #expect(first.yearWeekEquivalents == fifth.yearWeekEquivalents - 1)
  }
}
