import Testing

@testable import Planner

@Suite struct ValidationTests {
  func issues(_ change: (inout Organisation) -> Void) -> [PlanningIssue] {
    var school = Fixture.school
    change(&school)
    return OrganisationValidator.validate(school)
  }

  @Test func theFixtureIsValid() {
    let found = OrganisationValidator.validate(Fixture.school)
    #expect(found.filter(\.isError).isEmpty, "\(found)")
  }

  @Test func aReferenceToNothingNamesItsPath() {
    let found = issues { $0.assignments[2].teachers[1] = "t99" }
    #expect(
      found.contains {
        $0.code == "unknown-teacher" && $0.path == "$.organisation.assignments[2].teachers[1]"
          && $0.message == "no teacher \"t99\""
      })
    let shift = issues { $0.classes[1].shift = "3" }
    #expect(shift.contains { $0.path == "$.organisation.classes[1].shift" && $0.isError })
    let room = issues { $0.classes[0].homeRoom = "r404" }
    #expect(room.contains { $0.path == "$.organisation.classes[0].homeRoom" })
    let period = issues { $0.workingCurricula[0].entries[0].periodHours = ["Q9": 2] }
    #expect(period.contains { $0.path == "$.organisation.workingCurricula[0].entries[0].periodHours.Q9" })
  }

  @Test func duplicateIdsAndClassNamesAreErrors() {
    let found = issues { $0.teachers.append(Teacher(id: "t1", name: "Другой", subjects: [])) }
    #expect(found.contains { $0.code == "duplicate-id" && $0.path == "$.organisation.teachers[6].id" })
    let names = issues { $0.classes.append(SchoolClass(id: "x", grade: 5, letter: "А", shift: "1", boys: 1, girls: 1)) }
    #expect(names.contains { $0.code == "duplicate-class-name" })
  }

  @Test func theCalendarMustHoldTogether() {
    let overlap = issues { $0.studyPeriods[1].start = Fixture.date("2025-10-20") }
    #expect(overlap.contains { $0.code == "periods-overlap" && $0.path == "$.organisation.studyPeriods[1]" })
    let outside = issues { $0.studyPeriods[3].end = Fixture.date("2026-06-30") }
    #expect(outside.contains { $0.code == "period-outside-year" })
    let backwards = issues { $0.studyPeriods[0].end = Fixture.date("2025-08-01") }
    #expect(backwards.contains { $0.code == "period-ends-before-start" })
  }

  @Test func aSubjectWithNoTeacherIsAVacancyWarning() {
    let found = issues { $0.assignments.removeAll { $0.class == "5Б" && $0.subject == "math" } }
    let vacancy = found.filter { $0.code == "no-teacher" }
    #expect(vacancy.count == 4)  // one per quarter
    #expect(vacancy.allSatisfy { !$0.isError && $0.path == "$.organisation.workingCurricula[1].entries[1]" })
    #expect(vacancy.first?.message == "Математика in 5Б has no teacher in 1-тоқсан")
  }

  @Test func aTeacherNotQualifiedForTheSubjectIsWarned() {
    let found = issues { $0.assignments[0].teachers = ["t2"] }  // maths teacher for Kazakh
    #expect(
      found.contains {
        $0.code == "teacher-not-qualified" && !$0.isError
          && $0.message.hasPrefix("Иванов Сергей Петрович is not qualified to teach Қазақ тілі")
      })
  }

  @Test func aTeacherOverTheMaximumLoadIsAnError() {
    let found = issues { $0.teachers[1].maxWeeklyLoad = 8 }  // 5 + 5 hours of maths
    let over = found.filter { $0.code == "over-max-load" }
    #expect(over.count == 4)
    #expect(over.first?.message == "Иванов Сергей Петрович has 10 hours a week in 1-тоқсан, over the maximum of 8")
    #expect(over.first?.path == "$.organisation.teachers[1].maxWeeklyLoad")
  }

  @Test func aClassWhoseHoursExceedItsGridIsAnError() {
    let found = issues { $0.workingCurricula[0].entries[1].weeklyHours = 18 }
    let over = found.first { $0.code == "class-over-grid" }
    #expect(over?.isError == true)
    #expect(over?.message == "5А has 32 lessons a week in 1-тоқсан, but its grid holds 30 (5 days × 6 lessons)")
  }

  @Test func aSplitNeedsATeacherForEveryGroup() {
    let found = issues { $0.assignments[2].teachers = ["t3"] }
    #expect(found.contains { $0.code == "teachers-per-group" && $0.path == "$.organisation.assignments[2].teachers" })
    let groups = issues { $0.assignments[2].split = .groups }
    #expect(groups.contains { $0.code == "missing-group-count" })
  }

  @Test func aStreamAcrossShiftsCannotMeet() {
    let found = issues {
      $0.shifts.append(Shift(id: "2", name: "2-ауысым", firstPeriod: 7, lessonsPerDay: 6))
      $0.classes[1].shift = "2"
      $0.assignments.removeAll { $0.subject == "eng" }
      $0.streams = [
        Stream(
          id: "s", name: "5 English", subject: "eng", classes: ["5А", "5Б"],
          groups: [StreamGroup(name: "A", teacher: "t3"), StreamGroup(name: "B", teacher: "t4")])
      ]
    }
    #expect(found.contains { $0.code == "stream-across-shifts" && $0.path == "$.organisation.streams[0].classes" })
  }
}
