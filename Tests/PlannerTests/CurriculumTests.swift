import Testing

@testable import Planner

@Suite struct CurriculumTests {
  var school: Organisation {
    var school = Fixture.school
    school.workingCurricula[1].entries = [CurriculumEntry(subject: "math", weeklyHours: 4)]
    school.assignments.removeAll { $0.class == "5Б" }
    return school
  }

  @Test func copyingToTheParallelAddsTheMissingSubjectsAndKeepsTheTargetsOwn() throws {
    var source = school
    source.classes.append(SchoolClass(id: "5В", grade: 5, letter: "В", shift: "1", boys: 10, girls: 10))
    let (copied, report) = try source.copyingCurriculum(CurriculumCopyRequest(from: "5А", to: ["5Б", "5В"]))
    #expect(copied.workingCurriculum(of: "5Б")?.entries.count == 8)
    #expect(copied.workingCurriculum(of: "5Б")?.entry(for: "math")?.weeklyHours == 4)  // kept
    #expect(copied.workingCurriculum(of: "5В")?.entries == Fixture.curriculum("5А").entries)
    #expect(report.kept == [.init(class: "5Б", subject: "math")])
    #expect(report.added.count == 15)
    #expect(copied.assignments.filter { $0.class == "5В" }.isEmpty)
  }

  @Test func copyingWithReplaceOverwritesTheTargetsHours() throws {
    let (copied, report) = try school.copyingCurriculum(
      CurriculumCopyRequest(from: "5А", to: ["5Б"], subjects: ["math", "Қазақ тілі"], conflicts: .replace))
    #expect(copied.workingCurriculum(of: "5Б")?.entries.map(\.subject) == ["math", "kaz"])
    #expect(copied.workingCurriculum(of: "5Б")?.entry(for: "math")?.weeklyHours == 5)
    #expect(report.replaced.count == 1)
    #expect(report.added.count == 1)
  }

  @Test func copyingOnePeriodSetsOnlyThatPeriodsHours() throws {
    let (copied, _) = try school.copyingCurriculum(
      CurriculumCopyRequest(from: "5А", to: ["5Б"], subjects: ["kaz"], periods: ["Q2"]))
    let kazakh = try #require(copied.workingCurriculum(of: "5Б")?.entry(for: "kaz"))
    #expect(kazakh.hours(in: "Q2") == 3)
    #expect(kazakh.hours(in: "Q1") == .zero)
  }

  @Test func copyingCanTakeTheSplitsAndTeachersAlong() throws {
    let (copied, report) = try school.copyingCurriculum(
      CurriculumCopyRequest(from: "5А", to: ["5Б"], subjects: ["eng"], includeAssignments: true))
    #expect(copied.assignment(class: "5Б", subject: "eng", period: "Q1")?.teachers == ["t3", "t4"])
    #expect(report.assignmentsCopied == 1)
  }

  @Test func copyingToAClassThatDoesNotExistChangesNothing() {
    #expect {
      try school.copyingCurriculum(CurriculumCopyRequest(from: "5А", to: ["5Б", "5Д"]))
    } throws: { error in
      let issues = (error as? PlanningErrors)?.issues ?? []
      return issues.count == 1 && issues[0].path == "--to[1]"
        && issues[0].message.hasPrefix("no class \"5Д\" to copy to")
    }
  }

  @Test func copyingRefusesItselfAndUnknownSubjectsAndPeriods() {
    #expect(throws: PlanningErrors.self) { try school.copyingCurriculum(CurriculumCopyRequest(from: "5А", to: ["5А"])) }
    #expect(throws: PlanningErrors.self) {
      try school.copyingCurriculum(CurriculumCopyRequest(from: "5А", to: ["5Б"], subjects: ["latin"]))
    }
    #expect(throws: PlanningErrors.self) {
      try school.copyingCurriculum(CurriculumCopyRequest(from: "5А", to: ["5Б"], periods: ["Q7"]))
    }
    #expect(throws: PlanningErrors.self) {
      try school.copyingCurriculum(CurriculumCopyRequest(from: "11А", to: ["5Б"]))
    }
  }

  @Test func classesAreFoundByNameWhateverTheKeyboard() {
    var s = Fixture.school
    s.classes.append(SchoolClass(id: "7A", grade: 7, letter: "A", shift: "1", boys: 1, girls: 1))
    #expect(s.findClass("7А")?.id == "7A")  // Cyrillic А typed for the Latin A
    #expect(s.findClass("5а")?.id == "5А")
    #expect(s.findClass("5Д") == nil)
  }

  @Test func aCurriculumIsMadeFromTheTemplateOfTheGrade() throws {
    var source = Fixture.school
    source.workingCurricula.removeAll { $0.class == "5Б" }
    let made = try source.creatingCurriculum(forClass: "5Б")
    let entries = try #require(made.workingCurriculum(of: "5Б")?.entries)
    #expect(entries.map(\.subject) == ["kaz", "math", "music"])
    #expect(entries[2].isVariative)
    #expect(throws: PlanningErrors.self) { try made.creatingCurriculum(forClass: "5Б") }
    #expect(throws: PlanningErrors.self) { try made.creatingCurriculum(forClass: "11А") }
  }

  @Test func theNextYearMovesClassesUpAndLetsGraduatesGo() {
    let (next, report) = Fixture.school.nextYear()
    #expect(next.academicYear.name == "2026-2027")
    #expect(next.academicYear.start.description == "2026-09-01")
    #expect(next.studyPeriods[0].start.description == "2026-09-01")
    // New 5th grades (the school's entry grade) are admitted: YearTransitionTests.
    #expect(next.classes.map(\.name) == ["5А", "5Б", "6А", "6Б"])
    #expect(next.classes.map(\.id) == ["5А", "5Б", "6А", "6Б"])
    #expect(report.graduated == ["11А"])
    #expect(next.workingCurriculum(of: "6А")?.entries.map(\.subject) == ["kaz", "math", "hist"])
    // Teachers follow their classes in the subjects that go on.
    #expect(next.assignment(class: "6А", subject: "math", period: "Q1")?.teachers == ["t2"])
    #expect(
      next.assignments.filter { $0.class.hasPrefix("6") }.allSatisfy { ["kaz", "math", "hist"].contains($0.subject) })
    #expect(report.assignmentsKept == 6)
    #expect(OrganisationValidator.validate(next).filter(\.isError).isEmpty)
  }

  @Test func yearNamesMoveOn() {
    #expect(Organisation.nextYearName("2025-2026") == "2026-2027")
    #expect(Organisation.nextYearName("2025/26 оқу жылы") == "2026/27 оқу жылы")
  }
}
