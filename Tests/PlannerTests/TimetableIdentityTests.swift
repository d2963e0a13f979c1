import Testing

@testable import Planner

/// A timetable of another organisation is told as such instead of being judged lesson by lesson.
@Suite struct TimetableIdentityTests {
  func demand() throws -> TimetableProblem { try LessonDemandBuilder.problem(for: Fixture.school, period: "Q1") }

  func timetable(of problem: TimetableProblem, organisation: String, prefix: String = "") -> Timetable {
    Timetable(
      organisation: organisation, period: "Q1",
      placements: problem.lessons.map { Placement(lesson: prefix + $0.id, day: .mon, period: 1) })
  }

  @Test func aTimetableOfThisOrganisationBelongs() throws {
    let problem = try demand()
    #expect(
      TimetableIdentity.issues(timetable(of: problem, organisation: problem.organisation), demand: problem).isEmpty)
  }

  @Test func anotherOrganisationsTimetableIsRefusedNamingIt() throws {
    let problem = try demand()
    let foreign = timetable(of: problem, organisation: "kz-karaoy", prefix: "x-")
    let issues = TimetableIdentity.issues(foreign, demand: problem)
    #expect(issues.count == 1)
    #expect(issues[0].isError && issues[0].code == TimetableIdentity.Code.otherOrganisation)
    #expect(issues[0].message.contains("it was made for the organisation \"kz-karaoy\", not for \"test-school\""))
    #expect(issues[0].message.hasPrefix("\(problem.lessons.count) of the timetable's \(problem.lessons.count) lessons"))
  }

  @Test func anotherSchoolWhoseLessonIdsMostlyCoincideIsRefused() throws {
    // Two schools' lessons are often named alike ("5А-math-1"): one lesson of difference is enough.
    let problem = try demand()
    var other = timetable(of: problem, organisation: "kz-karaoy")
    other.placements.removeLast()
    let issues = TimetableIdentity.issues(other, demand: problem)
    #expect(issues.map(\.code) == [TimetableIdentity.Code.otherOrganisation])
    #expect(issues.first?.isError == true)
  }

  @Test func theSameLessonsUnderAnotherIdAreOnlyWarned() throws {
    let problem = try demand()
    let issues = TimetableIdentity.issues(timetable(of: problem, organisation: "copy"), demand: problem)
    #expect(issues.map(\.severity) == [.warning])
    let unnamed = TimetableIdentity.issues(
      timetable(of: problem, organisation: problem.organisation, prefix: "y-"), demand: problem)
    #expect(unnamed.first?.code == TimetableIdentity.Code.lessonsNotInDemand)
  }
}
