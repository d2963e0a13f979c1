import Testing

@testable import Planner

/// The load's plan is what the curriculum norm asks (weekly hours × norm weeks, or fixed annual
/// hours); delivered is what the calendar gives. They differ by the holidays on school days.
@Suite struct CurriculumNormTests {
  @Test func aHolidayOnSchoolDaysMakesDeliveredFallShortOfThePlan() throws {
    let school = Fixture.school
    // The 2nd quarter is 8 full weeks; the 16–17 December holiday takes two of its school days.
    #expect(CurriculumNorm.normWeeks(of: school.studyPeriods[1], grade: 5, in: school) == 8)
    let load = TeachingLoad(organisation: school)
    let math = try #require(load.load(of: "t2")?.lines.first { $0.classes == ["5А"] })
    // Mathematics, 5 a week: one lesson a school day, so the two holiday days are two lessons.
    #expect(math.plannedHours - Double(math.annualHours) == 2)
    let weeks = school.studyPeriods.reduce(0.0) { $0 + CurriculumNorm.normWeeks(of: $1, grade: 5, in: school) }
    #expect(math.plannedHours == 5 * weeks)
    let teacher = try #require(load.load(of: "t2"))
    #expect(teacher.plannedHours == teacher.lines.reduce(0) { $0 + $1.plannedHours })
  }

  @Test func fixedAnnualHoursAreThePlan() {
    let school = Fixture.school
    var entry = CurriculumEntry(subject: "math", weeklyHours: 5)
    entry.annualHours = 170
    #expect(CurriculumNorm.plannedHours(entry, grade: 5, in: school) == 170)
  }

  @Test func theNormWeeksOfAPeriodCanBeSet() {
    var school = Fixture.school
    school.studyPeriods[0].normWeeks = 9
    #expect(CurriculumNorm.normWeeks(of: school.studyPeriods[0], grade: 5, in: school) == 9)
  }

  @Test func lessonsGivenAsActivitiesCountInTheLoad() throws {
    var school = Fixture.school
    school.workingCurricula = []
    school.assignments = []
    school.activities = [Activity(id: "a1", subject: "math", teachers: ["t2"], students: ["5А"], duration: 2)]
    let teacher = try #require(TeachingLoad(organisation: school).load(of: "t2"))
    #expect(teacher.weeklyHours["Q1"] == 2)
    #expect(teacher.annualHours > 0)
    #expect(teacher.plannedHours >= Double(teacher.annualHours))
  }
}
