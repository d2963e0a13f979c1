import Testing

@testable import Planner

/// The transition to the next year admits a new entry grade, places classes in shifts where their
/// new curricula fit, and says what a person must change when no rule settles it.
@Suite struct YearTransitionTests {
  @Test func newClassesOfTheEntryGradeAreAdmittedWithTeachers() {
    let (next, report) = Fixture.school.nextYear()
    #expect(report.newClasses == ["5А", "5Б"])
    #expect(next.classes.map(\.name) == ["5А", "5Б", "6А", "6Б"])
    #expect(next.classes.map(\.id) == ["5А", "5Б", "6А", "6Б"])
    // The new 5А gets the 5th grade's standard curriculum and a qualified teacher for each subject.
    #expect(next.workingCurriculum(of: "5А")?.entries.map(\.subject) == ["kaz", "math", "music"])
    for subject in ["kaz", "math", "music"] {
      let teachers = next.assignment(class: "5А", subject: subject, period: "Q1")?.teachers ?? []
      #expect(teachers.count == 1)
      #expect(teachers.allSatisfy { t in next.teacher(t)?.subjects.contains(subject) == true })
    }
    #expect(OrganisationValidator.validate(next).filter(\.isError).isEmpty)
  }

  /// The fixture with a second shift of `lessons` a day where 5Б studies.
  func twoShifts(secondShiftLessons lessons: Int, sixthGradeMath: Double) -> Organisation {
    var school = Fixture.school
    school.shifts.append(Shift(id: "2", name: "2-ауысым", firstPeriod: 7, lessonsPerDay: lessons))
    school.classes[1].shift = "2"
    let six = school.standardCurricula!.firstIndex { $0.grade == 6 }!
    school.standardCurricula![six].entries[1].weeklyHours = WeeklyHours(exactly: sixthGradeMath)!
    return school
  }

  @Test func aClassWhoseNewCurriculumDoesNotFitItsShiftMovesToOneWhereItFits() {
    // 6th grade: 3 + 22 + 1 = 26 lessons; the second shift holds 5 × 5 = 25, the first 5 × 6 = 30.
    let (next, report) = twoShifts(secondShiftLessons: 5, sixthGradeMath: 22).nextYear()
    #expect(next.schoolClass("6Б")?.shift == "1")
    #expect(report.shiftChanges.count == 1)
    #expect(
      report.shiftChanges.first?.hasPrefix("6Б: 2-ауысым → 1-ауысым (its 26 lessons a week do not fit 2-ауысым") == true
    )
    #expect(
      !next.classes.contains { next.weeklyLessons(of: $0.id) > next.weeklyCapacity(of: $0, in: next.shift($0.shift)!) })
  }

  @Test func aClassThatFitsNoShiftIsReportedWithWhatToCut() {
    // 3 + 30 + 1 = 34 lessons: no shift holds more than 30.
    let (next, report) = twoShifts(secondShiftLessons: 5, sixthGradeMath: 30).nextYear()
    #expect(next.schoolClass("6Б")?.shift == "2")
    let hint = report.toChange.first { $0.hasPrefix("6Б has 34 lessons a week") }
    #expect(hint?.contains("cut 9 hours from its working curriculum or give its shift more lessons a day") == true)
    #expect(OrganisationValidator.validate(next).contains { $0.code == "class-over-grid" })
  }

  @Test func aGradeWithoutAStandardCurriculumIsReportedWithTheSettingToChange() {
    var school = Fixture.school
    school.standardCurricula!.removeAll { $0.grade == 6 }
    let (next, report) = school.nextYear()
    #expect(report.withoutTemplate == ["6А", "6Б"])
    #expect(
      report.toChange.contains(
        "6А has no standard curriculum for grade 6 (the standard curricula end at grade 5): add one, or set settings.finalGrade to 5 if the school ends there"
      ))
    // The empty curriculum does not pass without a word.
    #expect(OrganisationValidator.validate(next).contains { $0.code == "empty-curriculum" })
  }

  @Test func aFinalGradeBelowOneGraduatesNobody() {
    var school = Fixture.school
    school.settings.finalGrade = 0
    let (next, report) = school.nextYear()
    #expect(report.graduated.isEmpty)
    #expect(next.classes.contains { $0.name == "12А" })
    #expect(report.toChange.contains { $0.hasPrefix("settings.finalGrade is 0") })
  }
}
