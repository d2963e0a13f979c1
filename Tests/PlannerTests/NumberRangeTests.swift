import Testing

@testable import Planner

/// Every number of an organisation has a range a school can have; beyond it the validator
/// refuses the number with its JSON path before anything computes with it (issue 20's overflow,
/// huge allocation and hangs).
@Suite struct NumberRangeTests {
  func issues(_ change: (inout Organisation) -> Void) -> [PlanningIssue] {
    var school = Fixture.school
    change(&school)
    return OrganisationValidator.validate(school)
  }

  @Test func theFixtureIsInRange() {
    #expect(NumberRanges.issues(in: Fixture.school).isEmpty)
  }

  @Test func pupilsBeyondAClassAreRefusedWithoutOverflow() {
    // boys + girls would overflow Int: the check must come before the sum.
    let found = issues {
      $0.classes[0].boys = Int.max / 2 + 1
      $0.classes[0].girls = Int.max / 2 + 1
    }
    #expect(found.map(\.path) == ["$.organisation.classes[0].boys", "$.organisation.classes[0].girls"])
    #expect(found[0].message == "expected boys in a class from 0 to 500, found \(Int.max / 2 + 1)")
    let trillion = issues { $0.classes[1].boys = 1_000_000_000_000 }
    #expect(trillion.map(\.code) == ["out-of-range"])
  }

  /// Found by the fuzz campaign: a bell's lesson number of 2^63 − 8 overflowed the check of the
  /// shifts' overlap (signal 4).
  @Test func aBellsLessonNumberBeyondAShiftIsRefusedWithoutOverflow() {
    let found = issues { school in
      school.bellSchedules = [
        BellSchedule(
          shift: school.shifts[0].id,
          lessons: [BellLesson(number: Int.max - 7, start: ClockTime(minutes: 480), end: ClockTime(minutes: 525))])
      ]
    }
    #expect(found.map(\.path) == ["$.organisation.bellSchedules[0].lessons[0].number"])
    #expect(found.first?.message == "expected a lesson number from 1 to 24, found \(Int.max - 7)")
  }

  @Test func aFirstPeriodBeyondTheSchoolDayIsRefused() {
    for first in [70, 1_000_000, 10_000_000_000, 1 << 62] {
      let found = issues { $0.shifts[0].firstPeriod = first }
      #expect(found.count == 1)
      #expect(found.first?.path == "$.organisation.shifts[0].firstPeriod")
      #expect(found.first?.message == "expected a first period from 1 to 32, found \(first)")
    }
    let late = issues { $0.shifts[0].firstPeriod = 30 }
    #expect(late.first?.path == "$.organisation.shifts[0].lessonsPerDay")
    #expect(late.first?.message.contains("a school day has at most 32 periods") == true)
  }

  @Test func aPeriodBeyondTheDayInAPlaceIsRefused() {
    let found = issues { $0.teachers[0].unavailable = [TimeSlot(day: .mon, period: 70)] }
    #expect(found.first?.path == "$.organisation.teachers[0].unavailable[0].period")
  }

  @Test func moreGroupsThanPupilsAreRefused() {
    // 5А has 25 pupils; 100,000 groups once made validate run for minutes.
    let found = issues {
      $0.assignments[2].split = .groups
      $0.assignments[2].groupCount = 100_000
    }
    #expect(found.count == 1)
    #expect(found.first?.code == "too-many-groups")
    #expect(found.first?.path == "$.organisation.assignments[2].groupCount")
    let pupils = Fixture.school.classes[0].students
    let individual = issues {
      $0.assignments[2].split = .individual
      $0.assignments[2].groupCount = pupils
      $0.assignments[2].teachers = Array(repeating: "t3", count: pupils)
    }
    #expect(!individual.contains { $0.code == "too-many-groups" })
  }

  @Test func weightsAndRuleNumbersHaveRanges() {
    let found = issues {
      $0.rules = TimetableRules(maxLessonsPerDayByGrade: ["5": 70], difficultyThreshold: -1)
    }
    #expect(
      Set(found.map(\.path)) == [
        "$.organisation.rules.maxLessonsPerDayByGrade.5", "$.organisation.rules.difficultyThreshold",
      ])
  }
}
