import Testing

@testable import Planner

/// Values that are well-formed but make the year's plan meaningless are found by `validate`, with
/// the path of the place to fix.
@Suite struct YearPlanChecksTests {
  func issues(_ change: (inout Organisation) -> Void) -> [PlanningIssue] {
    var school = Fixture.school
    change(&school)
    return OrganisationValidator.validate(school)
  }

  func codes(_ change: (inout Organisation) -> Void) -> Set<String> { Set(issues(change).map(\.code)) }

  @Test func theFixtureHasNoneOfThem() {
    let found = codes { _ in }
    for code in [
      "over-sanitary-maximum", "holiday-covers-period", "bad-final-grade", "negative-minutes",
      "teacher-never-available", "shift-starts-during-previous", "empty-curriculum",
    ] {
      #expect(!found.contains(code))
    }
  }

  @Test func aClassOverItsGradesSanitaryMaximumIsWarned() {
    // 5th grade: 19 hours, +11 of mathematics = 30 > 29 (SanPiN, five-day week).
    let found = issues { $0.workingCurricula[0].entries[1].weeklyHours = 16 }
    let warning = found.first { $0.code == "over-sanitary-maximum" }
    #expect(warning?.severity == .warning)
    #expect(warning?.path == "$.organisation.workingCurricula[0]")
    #expect(warning?.message.contains("5А has 30 hours a week in 1-тоқсан, over the maximum of 29 for grade 5") == true)
    // The maximum is a setting: a country's own figure replaces the default.
    let allowed = codes {
      $0.workingCurricula[0].entries[1].weeklyHours = 16
      $0.rules = TimetableRules()
      $0.rules?.maxWeeklyHoursByGrade = ["5": 32]
    }
    #expect(!allowed.contains("over-sanitary-maximum"))
    #expect(SanitaryLimits.weeklyMaximum(grade: 7, in: Fixture.school) == 32)
  }

  @Test func aHolidayOverTheWholeYearIsAnError() {
    let found = issues {
      $0.holidays?.append(Holiday(name: "Ошибка", start: Fixture.date("2025-09-01"), end: Fixture.date("2026-05-31")))
    }
    let error = found.first { $0.code == "holiday-covers-period" }
    #expect(error?.isError == true)
    #expect(error?.path == "$.organisation.holidays[2]")
    #expect(error?.message.contains("the whole academic year") == true)
  }

  @Test func aFinalGradeBelowOneIsAnError() {
    for grade in [0, -3] {
      let error = issues { $0.settings.finalGrade = grade }.first { $0.code == "bad-final-grade" }
      #expect(error?.isError == true)
      #expect(error?.path == "$.organisation.settings.finalGrade")
    }
  }

  @Test func negativeMinutesInTheBellRulesAreErrors() {
    let found = issues {
      $0.bellRules = [
        BellRules(
          shift: "1", start: ClockTime("08:00")!, lessonLengths: [LessonLength(grades: [5, 11], minutes: 45)],
          minimumBreak: -5)
      ]
    }
    #expect(
      found.contains {
        $0.code == "negative-minutes" && $0.path == "$.organisation.bellRules[0].minimumBreak" && $0.isError
      })
  }

  @Test func aTeacherWithLessonsNeverAvailableIsAnError() {
    let found = issues {
      $0.teachers[1].unavailable = Weekday.allCases.flatMap { d in (1...6).map { TimeSlot(day: d, period: $0) } }
    }
    let error = found.first { $0.code == "teacher-never-available" }
    #expect(error?.isError == true)
    #expect(error?.path == "$.organisation.teachers[1].unavailable")
    #expect(error?.message.hasPrefix("Иванов Сергей Петрович teaches 2 classes") == true)
    // One day free is enough for this rule (the counting before a solve judges the rest).
    let oneDay = codes {
      $0.teachers[1].unavailable = [Weekday.mon, .tue, .wed, .thu].flatMap { d in
        (1...6).map { TimeSlot(day: d, period: $0) }
      }
    }
    #expect(!oneDay.contains("teacher-never-available"))
  }

  /// The fixture with a second shift from school-day period `firstPeriod` whose first lesson
  /// starts at `start` (minutes); the first shift's lessons are 45 minutes from 08:00 with 10-minute
  /// breaks, its 6th 12:35–13:20.
  func secondShift(firstPeriod: Int, start: Int) -> [PlanningIssue] {
    issues {
      $0.shifts.append(Shift(id: "2", name: "2-ауысым", firstPeriod: firstPeriod, lessonsPerDay: 2))
      let first = (1...6).map { n in
        BellLesson(
          number: n, start: ClockTime(minutes: 480 + (n - 1) * 55), end: ClockTime(minutes: 525 + (n - 1) * 55))
      }
      let second = (1...2).map { n in
        BellLesson(
          number: n, start: ClockTime(minutes: start + (n - 1) * 55), end: ClockTime(minutes: start + 45 + (n - 1) * 55)
        )
      }
      $0.bellSchedules = [BellSchedule(shift: "1", lessons: first), BellSchedule(shift: "2", lessons: second)]
    }
  }

  @Test func aSecondShiftStartingDuringTheFirstsLastLessonIsAnError() {
    // Period 7 is after the first shift's 6 lessons, but 13:00 is inside its 6th (12:35–13:20).
    let error = secondShift(firstPeriod: 7, start: 780).first { $0.code == "shift-starts-during-previous" }
    #expect(error?.isError == true)
    #expect(error?.path == "$.organisation.bellSchedules[1]")
    #expect(
      error?.message.hasPrefix(
        "2-ауысым's lesson 1 (13:00–13:45) overlaps 1-ауысым's lesson 6 (12:35–13:20), but the grid counts them as different periods (7 and 6)"
      ) == true)
    // Starting after the 6th lesson, or sharing its period as the grid says, is right.
    #expect(!secondShift(firstPeriod: 7, start: 810).contains { $0.code == "shift-starts-during-previous" })
    #expect(!secondShift(firstPeriod: 6, start: 755).contains { $0.code == "shift-starts-during-previous" })
  }

  @Test func anEmptyWorkingCurriculumIsWarned() {
    let found = issues { $0.workingCurricula[1].entries = [] }
    let warning = found.first { $0.code == "empty-curriculum" }
    #expect(warning?.severity == .warning)
    #expect(warning?.path == "$.organisation.workingCurricula[1]")
  }
}
