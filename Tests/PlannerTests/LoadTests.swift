import Testing

@testable import Planner

@Suite struct LoadTests {
  @Test func aTeachersLoadSumsTheirGroupsWithAnnualHoursFromTheDistribution() throws {
    let school = Fixture.school
    let load = TeachingLoad(organisation: school)
    let english = try #require(load.load(of: "t3"))
    #expect(english.lines.count == 2)  // group 1 of 5А and of 5Б
    #expect(english.weeklyHours["Q1"] == 6)
    let distribution = ClassDistribution(organisation: school, classID: "5А")
    let row = distribution.rows.first { $0.subject == "eng" && $0.group == "1" }!
    #expect(english.lines.first { $0.classes == ["5А"] }?.annualHours == row.total)
    #expect(english.annualHours == english.lines.reduce(0) { $0 + $1.annualHours })
    #expect(english.normHours == 16)
    #expect(english.rate == 6.0 / 16)
    #expect(english.overMaximum == -18.0)
  }

  @Test func aTeacherOfBothGroupsHasALinePerGroup() throws {
    let informatics = try #require(TeachingLoad(organisation: Fixture.school).load(of: "t5"))
    #expect(informatics.lines.map(\.group) == ["1", "2", "1", "2"])
    #expect(informatics.weeklyHours["Q1"] == 4)
  }

  @Test func aStreamGroupIsOneLineForAllItsClasses() throws {
    var school = Fixture.school
    school.assignments.removeAll { $0.subject == "eng" }
    school.streams = [
      Stream(
        id: "s", name: "5 English", subject: "eng", classes: ["5А", "5Б"],
        groups: [StreamGroup(name: "A", teacher: "t3"), StreamGroup(name: "B", teacher: "t4")])
    ]
    let load = TeachingLoad(organisation: school)
    let teacher = try #require(load.load(of: "t3"))
    #expect(teacher.lines.count == 1)
    #expect(teacher.lines[0].classes == ["5А", "5Б"])
    #expect(teacher.weeklyHours["Q1"] == 3)
  }

  @Test func russianSchoolsCountRatesAgainstEighteenHours() {
    var school = Fixture.school
    school.settings.country = "RU"
    #expect(school.settings.effectiveNormHours == 18)
    school.settings.normHours = 20
    #expect(school.settings.effectiveNormHours == 20)
  }

  @Test func vacanciesAreListedApart() {
    var school = Fixture.school
    school.assignments.removeAll { $0.class == "5Б" && $0.subject == "kaz" }
    let load = TeachingLoad(organisation: school)
    #expect(load.unassigned.map(\.subject) == ["kaz"])
    #expect(load.unassigned.first?.weeklyHours["Q2"] == 3)
  }
}
