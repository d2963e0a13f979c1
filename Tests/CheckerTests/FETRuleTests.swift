import Checker
import Planner
import Testing

/// The check of these lessons and placements under these constraints, with these student sets.
private func check(
  _ lessons: [Lesson], _ placements: [Placement], _ constraints: [TimetableConstraint],
  studentSets: [ProblemStudentSet]? = nil
) -> TimetableCheck {
  var problem = School.problem(lessons, constraints: constraints)
  problem.studentSets = studentSets
  return check(problem, placements)
}

/// A slot of the grid.
private func slot(_ day: Weekday, _ period: Int) -> TimeSlot { TimeSlot(day: day, period: period) }

/// "Year 5": 5А and both halves of 5Б.
private let year5 = [ProblemStudentSet(id: "Year 5", units: ["5A", "5B/1", "5B/2"])]

@Suite struct FETRuleTests {
  // MARK: breakTimes

  @Test func eachLessonAndPeriodInABreakCounts() {
    let lessons = [lesson("d1", "phy", "5A", "t1", duration: 2), lesson("a1", "alg", "5A", "t1")]
    let placements = [place("d1", .mon, 2, "lab"), place("a1", .tue, 3, "r12")]
    let hard = check(lessons, placements, .breakTimes(slots: [slot(.mon, 3), slot(.tue, 4)]), weight: .hard)
    #expect(hard.kinds == ["break-times"])
    #expect(hard.counts == [1])
    #expect(hard.messages == ["5А Физика is at Mon 3, which is a break"])
    let soft = check(
      lessons, placements, .breakTimes(slots: [slot(.mon, 2), slot(.mon, 3), slot(.tue, 3)]), weight: .soft(4))
    #expect(soft.isFeasible)
    #expect(soft.softCost.byKind == ["breakTimes": 12])
  }

  // MARK: teacherNotAvailable

  @Test func eachLessonAndPeriodOfAnUnavailableTeacherCounts() {
    let lessons = [
      lesson("b1", "alg", "5B", "t2"), lesson("a1", "alg", "5A", "t1"), lesson("d1", "phy", "7A", "t2", duration: 2),
    ]
    let placements = [place("b1", .tue, 1, "r12"), place("a1", .tue, 2, "r14"), place("d1", .tue, 2, "lab")]
    let rule = ConstraintRule.teacherNotAvailable(teacher: "t2", slots: [slot(.tue, 1), slot(.tue, 2)])
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["teacher-not-available", "teacher-not-available"])
    #expect(hard.counts == [1, 1])
    #expect(
      hard.messages == [
        "Teacher Петрова Анна Ивановна is not available at Tue 1 but teaches 5Б Алгебра",
        "Teacher Петрова Анна Ивановна is not available at Tue 2 but teaches 7А Физика",
      ])
    #expect(check(lessons, placements, rule, weight: .soft(3)).softCost.byKind == ["teacherNotAvailable": 6])
  }

  // MARK: studentsNotAvailable

  @Test func eachLessonOfAnUnavailableUnitCounts() {
    let lessons = [
      lesson("b3", "inf", "5B", "t2", group: "1", students: ["5B/1"]),
      lesson("b4", "eng", "5B", "t3", group: "2", students: ["5B/2"]), lesson("b1", "alg", "5B", "t1"),
    ]
    let placements = [place("b3", .wed, 1, "r12"), place("b4", .wed, 2, "r14"), place("b1", .wed, 3, "r12")]
    let rule = ConstraintRule.studentsNotAvailable(
      students: "5B/1", slots: [slot(.wed, 1), slot(.wed, 2), slot(.wed, 3)])
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["students-not-available", "students-not-available"])
    #expect(hard.counts == [1, 1])
    #expect(
      hard.messages == [
        "Students of 5Б/1 are not available at Wed 1 but have 5Б Информатика (1)",
        "Students of 5Б/1 are not available at Wed 3 but have 5Б Алгебра",
      ])
    #expect(check(lessons, placements, rule, weight: .soft(2)).softCost.total == 4)
  }

  @Test func aStudentSetOfTheProblemIsNotAvailableForEachOfItsUnits() {
    let lessons = [
      lesson("b3", "inf", "5B", "t2", group: "1", students: ["5B/1"]),
      lesson("b4", "eng", "5B", "t3", group: "2", students: ["5B/2"]), lesson("b1", "alg", "5B", "t1"),
      lesson("a1", "alg", "5A", "t1"), lesson("c1", "chem", "7A", "t2"),
    ]
    let placements = [
      place("b3", .wed, 1, "r12"), place("b4", .wed, 2, "r14"), place("b1", .wed, 3, "r12"),
      place("a1", .wed, 4, "r12"), place("c1", .wed, 4, "r14"),
    ]
    let rule = ConstraintRule.studentsNotAvailable(students: "Year 5", slots: (1...4).map { slot(.wed, $0) })
    let result = check(lessons, placements, [TimetableConstraint(rule, weight: .hard)], studentSets: year5)
    #expect(result.kinds == Array(repeating: "students-not-available", count: 4))
    #expect(result.messages.last == "Students of Year 5 are not available at Wed 4 but have 5А Алгебра")
  }

  // MARK: roomNotAvailable

  @Test func eachLessonInAnUnavailableRoomCounts() {
    let lessons = [lesson("a1", "alg", "5A", "t1"), lesson("b1", "alg", "5B", "t2"), lesson("a2", "geo", "5A", "t1")]
    let placements = [place("a1", .thu, 1, "lab"), place("b1", .thu, 1, "r12"), place("a2", .thu, 3, "lab")]
    let rule = ConstraintRule.roomNotAvailable(room: "lab", slots: [slot(.thu, 1), slot(.thu, 2)])
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["room-not-available"])
    #expect(hard.counts == [1])
    #expect(hard.messages == ["5А Алгебра is in Room Лаборатория at Thu 1, when the room is not available"])
    #expect(check(lessons, placements, rule, weight: .soft(5)).softCost.byKind == ["roomNotAvailable": 5])
  }

  // MARK: preferredStartingTimes

  @Test func aLessonStartingElsewhereThanItsPreferredTimesCounts() {
    let lessons = [lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1")]
    let placements = [place("a1", .mon, 1, "r12"), place("a2", .mon, 2, "r12")]
    let rule = ConstraintRule.preferredStartingTimes(
      lessons: ["a1", "a2", "zz"], slots: [slot(.mon, 1), slot(.tue, 1)])
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["preferred-starting-times"])
    #expect(hard.counts == [1])
    #expect(
      hard.messages == ["5А Геометрия (lesson a2) starts at Mon 2, which is not one of its preferred starting times"])
    #expect(check(lessons, placements, rule, weight: .soft(10)).softCost.byKind == ["preferredStartingTimes": 10])
  }

  // MARK: preferredTimeSlots

  @Test func aLessonOutsideItsPreferredSlotsCountsOnce() {
    let lessons = [
      lesson("d1", "phy", "5A", "t1", duration: 2), lesson("d2", "chem", "5A", "t2", duration: 2),
      lesson("a1", "alg", "5A", "t1"),
    ]
    // Физика is half outside, Химия wholly outside: one unit each.
    let placements = [place("d1", .mon, 2, "lab"), place("d2", .fri, 4, "lab"), place("a1", .tue, 1, "r12")]
    let rule = ConstraintRule.preferredTimeSlots(
      lessons: ["d1", "d2", "a1"], slots: [slot(.mon, 1), slot(.mon, 2), slot(.tue, 1), slot(.tue, 2)])
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["preferred-time-slots", "preferred-time-slots"])
    #expect(hard.counts == [1, 1])
    #expect(
      hard.messages[0]
        == "5А Физика (lesson d1) at Mon 2–3 occupies Mon 3, which is not one of its preferred time slots"
    )
    #expect(check(lessons, placements, rule, weight: .soft(3)).softCost.byKind == ["preferredTimeSlots": 6])
  }

  // MARK: minDaysBetween

  @Test func eachPairOfLessonsTooFewDaysApartCounts() {
    let lessons = (1...3).map { lesson("a\($0)", "alg", "5A", "t1") }
    let placements = [place("a1", .mon, 1, "r12"), place("a2", .tue, 1, "r12"), place("a3", .thu, 1, "r12")]
    let rule = ConstraintRule.minDaysBetween(lessons: ["a1", "a2", "a3"], minDays: 2, consecutiveIfSameDay: false)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["min-days-between"])
    #expect(hard.counts == [1])
    #expect(
      hard.messages == [
        "5А Алгебра (lesson a1) at Mon 1 and 5А Алгебра (lesson a2) at Tue 1 are 1 day apart (at least 2)"
      ])
    #expect(check(lessons, placements, rule, weight: .soft(7)).softCost.byKind == ["minDaysBetween": 7])
  }

  @Test func lessonsOnOneDayMustBeBackToBackWhenConsecutiveIfSameDay() {
    let lessons = (1...2).map { lesson("a\($0)", "alg", "5A", "t1") }
    func units(_ second: Placement, consecutive: Bool) -> Int {
      let rule = ConstraintRule.minDaysBetween(lessons: ["a1", "a2"], minDays: 1, consecutiveIfSameDay: consecutive)
      return check(lessons, [place("a1", .mon, 1, "r12"), second], rule, weight: .soft(1)).softCost.total
    }
    #expect(units(place("a2", .mon, 3, "r12"), consecutive: true) == 2)
    #expect(units(place("a2", .mon, 2, "r12"), consecutive: true) == 1)
    #expect(units(place("a2", .mon, 3, "r12"), consecutive: false) == 1)
    #expect(units(place("a2", .wed, 3, "r12"), consecutive: true) == 0)
    let rule = ConstraintRule.minDaysBetween(lessons: ["a1", "a2"], minDays: 1, consecutiveIfSameDay: true)
    let hard = check(lessons, [place("a1", .mon, 1, "r12"), place("a2", .mon, 3, "r12")], rule, weight: .hard)
    #expect(hard.counts == [2])
    #expect(
      hard.messages == [
        "5А Алгебра (lesson a1) at Mon 1 and 5А Алгебра (lesson a2) at Mon 3 are 0 days apart (at least 1), and not "
          + "one right after the other on that day"
      ])
  }

  // MARK: sameStartingTime

  @Test func eachLessonNotStartingWithTheFirstPlacedOneCounts() {
    let lessons = [
      lesson("b3", "inf", "5B", "t2", group: "1", students: ["5B/1"]),
      lesson("b4", "eng", "5B", "t3", group: "2", students: ["5B/2"]), lesson("a1", "alg", "5A", "t1"),
    ]
    let placements = [place("b3", .mon, 2, "r12"), place("b4", .mon, 3, "r14"), place("a1", .mon, 2, "lab")]
    let rule = ConstraintRule.sameStartingTime(lessons: ["zz", "b3", "b4", "a1"])
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["same-starting-time"])
    #expect(hard.counts == [1])
    #expect(
      hard.messages == [
        "5Б Английский язык (2) (lesson b4) starts at Mon 3, not with 5Б Информатика (1) (lesson b3) at Mon 2"
      ])
    #expect(check(lessons, placements, rule, weight: .soft(4)).softCost.byKind == ["sameStartingTime": 4])
  }

  // MARK: notOverlapping

  @Test func eachOverlappingPairCountsWhateverTheWeeks() {
    let lessons = [
      lesson("d1", "phy", "5A", "t1", duration: 2), lesson("c1", "chem", "7A", "t2"),
      lesson("h1", "geo", "5B", "t3", weeks: .odd), lesson("h2", "mus", "5B", "t3", weeks: .even),
    ]
    // Физика and Химия share Mon 3; Геометрия (odd weeks) and Музыка (even weeks) share Tue 1.
    let placements = [
      place("d1", .mon, 2, "lab"), place("c1", .mon, 3, "r12"), place("h1", .tue, 1, "r14"),
      place("h2", .tue, 1, "r14"),
    ]
    let rule = ConstraintRule.notOverlapping(lessons: ["d1", "c1", "h1", "h2"])
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["not-overlapping", "not-overlapping"])
    #expect(hard.counts == [1, 1])
    #expect(hard.messages[0] == "5А Физика (lesson d1) at Mon 2–3 and 7А Химия (lesson c1) at Mon 3 overlap")
    #expect(check(lessons, placements, rule, weight: .soft(5)).softCost.byKind == ["notOverlapping": 10])
  }

  // MARK: consecutive

  @Test func theSecondLessonMustStartRightAfterTheFirst() {
    let lessons = [lesson("d1", "phy", "5A", "t1", duration: 2), lesson("a1", "alg", "5A", "t1")]
    let rule = ConstraintRule.consecutive(first: "d1", second: "a1")
    let hard = check(lessons, [place("d1", .mon, 1, "lab"), place("a1", .mon, 4, "r12")], rule, weight: .hard)
    #expect(hard.kinds == ["consecutive"])
    #expect(hard.counts == [1])
    #expect(
      hard.messages == ["5А Алгебра (lesson a1) at Mon 4 does not come right after 5А Физика (lesson d1) at Mon 1–2"])
    func cost(_ placements: [Placement]) -> Int { check(lessons, placements, rule, weight: .soft(3)).softCost.total }
    #expect(cost([place("d1", .mon, 1, "lab"), place("a1", .mon, 3, "r12")]) == 0)
    #expect(cost([place("d1", .mon, 1, "lab"), place("a1", .tue, 3, "r12")]) == 3)
    #expect(cost([place("a1", .mon, 1, "r12"), place("d1", .mon, 2, "lab")]) == 3)
    #expect(cost([place("d1", .mon, 1, "lab")]) == 0)
  }

  // MARK: grouped

  @Test func groupedLessonsTakeOneUnbrokenRunOfADay() {
    let lessons = [lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1"), lesson("a3", "phy", "5A", "t2")]
    let rule = ConstraintRule.grouped(lessons: ["a1", "a2", "a3"])
    func cost(_ placements: [Placement]) -> Int { check(lessons, placements, rule, weight: .soft(2)).softCost.total }
    #expect(cost([place("a1", .mon, 3, "r12"), place("a2", .mon, 1, "r12"), place("a3", .mon, 2, "lab")]) == 0)
    #expect(cost([place("a1", .mon, 3, "r12"), place("a2", .mon, 1, "r12"), place("a3", .tue, 2, "lab")]) == 2)
    #expect(cost([place("a1", .mon, 3, "r12"), place("a2", .mon, 1, "r12")]) == 0)
    let hard = check(
      lessons, [place("a1", .mon, 3, "r12"), place("a2", .mon, 1, "r12"), place("a3", .mon, 4, "lab")], rule,
      weight: .hard)
    #expect(hard.kinds == ["grouped"])
    #expect(hard.counts == [1])
    #expect(
      hard.messages == [
        "5А Алгебра (lesson a1) at Mon 3, 5А Геометрия (lesson a2) at Mon 1, 5А Физика (lesson a3) at Mon 4 are not "
          + "one unbroken block of one day"
      ])
    // Two lessons of different classes at the same period overlap.
    let two = [lesson("a1", "alg", "5A", "t1"), lesson("b1", "alg", "5B", "t2")]
    let overlapping = check(
      two, [place("a1", .mon, 1, "r12"), place("b1", .mon, 1, "r14")], .grouped(lessons: ["a1", "b1"]), weight: .hard)
    #expect(overlapping.kinds == ["grouped"])
  }

  // MARK: endsStudentsDay

  @Test func aLessonFollowedByAnotherOfOneOfItsUnitsCountsOnce() {
    let lessons = [
      lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1"), lesson("b1", "alg", "5B", "t2"),
      lesson("b3", "inf", "5B", "t2", group: "1", students: ["5B/1"]),
      lesson("b4", "eng", "5B", "t3", group: "2", students: ["5B/2"]),
    ]
    // 5А goes on after Алгебра; both halves of 5Б go on after their Алгебра; Информатика ends 5Б/1's day.
    let placements = [
      place("a1", .mon, 2, "r12"), place("a2", .mon, 4, "r12"), place("b1", .mon, 2, "r14"),
      place("b3", .mon, 3, "r12"), place("b4", .mon, 4, "r14"),
    ]
    let rule = ConstraintRule.endsStudentsDay(lessons: ["a1", "b1", "b3"])
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["ends-students-day", "ends-students-day"])
    #expect(hard.counts == [1, 1])
    #expect(
      hard.messages == [
        "5А Алгебра at Mon 2 should end the day of students of 5А, but they have 5А Геометрия at Mon 4",
        "5Б Алгебра at Mon 2 should end the day of students of 5Б/1, but they have 5Б Информатика (1) at Mon 3",
      ])
    #expect(check(lessons, placements, rule, weight: .soft(6)).softCost.byKind == ["endsStudentsDay": 12])
  }

  // MARK: studentsMaxGapsPerWeek

  @Test func gapsOfAUnitsWeekBeyondTheMaximumCount() {
    let lessons = (1...4).map { lesson("a\($0)", "alg", "5A", "t1") }
    let placements = [
      place("a1", .mon, 1, "r12"), place("a2", .mon, 3, "r12"), place("a3", .tue, 1, "r12"),
      place("a4", .tue, 4, "r12"),
    ]
    let rule = ConstraintRule.studentsMaxGapsPerWeek(students: "5A", max: 1)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["students-max-gaps-per-week"])
    #expect(hard.counts == [2])
    #expect(hard.messages == ["Students of 5А have 3 gaps in the week (at most 1)"])
    #expect(check(lessons, placements, rule, weight: .soft(3)).softCost.byKind == ["studentsMaxGapsPerWeek": 6])
  }

  // MARK: studentsMaxGapsPerDay

  @Test func gapsOfEveryUnitsDayBeyondTheMaximumCount() {
    let lessons = [
      lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1"), lesson("c1", "chem", "7A", "t2"),
      lesson("c2", "phy", "7A", "t2"), lesson("b1", "alg", "5B", "t3"), lesson("b2", "geo", "5B", "t3"),
    ]
    let placements = [
      place("a1", .mon, 1, "r12"), place("a2", .mon, 3, "r12"), place("c1", .tue, 2, "lab"),
      place("c2", .tue, 5, "lab"), place("b1", .wed, 1, "r14"), place("b2", .wed, 2, "r14"),
    ]
    let rule = ConstraintRule.studentsMaxGapsPerDay(students: nil, max: 0)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["students-max-gaps-per-day", "students-max-gaps-per-day"])
    #expect(hard.counts == [1, 2])
    #expect(
      hard.messages == [
        "Students of 5А have 1 gap on Mon (at most 0 a day): period 2",
        "Students of 7А have 2 gaps on Tue (at most 0 a day): periods 3 and 4",
      ])
    #expect(check(lessons, placements, rule, weight: .soft(2)).softCost.byKind == ["studentsMaxGapsPerDay": 6])
  }

  // MARK: Excused periods

  @Test func aHardBreakIsNotAGap() {
    let lessons = [lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1")]
    let placements = [place("a1", .mon, 1, "r12"), place("a2", .mon, 3, "r12")]
    let gaps = [
      TimetableConstraint(.studentsMaxGapsPerDay(students: "5A", max: 0), weight: .soft(5)),
      TimetableConstraint(.teachersMaxGapsPerWeek(teacher: "t1", max: 0), weight: .soft(5)),
    ]
    let hardBreak = check(
      lessons, placements, gaps + [TimetableConstraint(.breakTimes(slots: [slot(.mon, 2)]), weight: .hard)])
    #expect(hardBreak.isFeasible)
    #expect(hardBreak.softCost.total == 0)
    // A soft break excuses nothing.
    let softBreak = check(
      lessons, placements, gaps + [TimetableConstraint(.breakTimes(slots: [slot(.mon, 2)]), weight: .soft(1))])
    #expect(softBreak.softCost.total == 10)
  }

  @Test func aHardNotAvailableSlotIsNotAGapOfItsResource() {
    let lessons = [lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1")]
    let placements = [place("a1", .tue, 1, "r12"), place("a2", .tue, 3, "r12")]
    let gaps = [
      TimetableConstraint(.studentsMaxGapsPerDay(students: nil, max: 0), weight: .soft(5)),
      TimetableConstraint(.teachersMaxGapsPerDay(teacher: nil, max: 0), weight: .soft(7)),
    ]
    let students = TimetableConstraint(.studentsNotAvailable(students: "Year 5", slots: [slot(.tue, 2)]), weight: .hard)
    let studentsOnly = check(lessons, placements, gaps + [students], studentSets: year5)
    #expect(studentsOnly.softCost.byKind == ["studentsMaxGapsPerDay": 0, "teachersMaxGapsPerDay": 7])
    let teacher = TimetableConstraint(.teacherNotAvailable(teacher: "t1", slots: [slot(.tue, 2)]), weight: .hard)
    let both = check(lessons, placements, gaps + [students, teacher], studentSets: year5)
    #expect(both.isFeasible)
    #expect(both.softCost.total == 0)
  }

  // MARK: studentsEarlyMaxBeginningsAtSecondHour

  @Test func oneDayAtTheSecondPeriodIsAllowedWithAMaximumOfOne() {
    let lessons = [lesson("a1", "alg", "5A", "t1")]
    let rule = ConstraintRule.studentsEarlyMaxBeginningsAtSecondHour(students: "5A", max: 1)
    let result = check(lessons, [place("a1", .mon, 2, "r12")], rule, weight: .hard)
    #expect(result.isFeasible)
  }

  @Test func twoDaysAtTheSecondPeriodAreOneUnitBeyondAMaximumOfOne() {
    let lessons = (1...3).map { lesson("a\($0)", "alg", "5A", "t1") }
    let placements = [place("a1", .mon, 2, "r12"), place("a2", .tue, 2, "r12"), place("a3", .wed, 1, "r12")]
    let rule = ConstraintRule.studentsEarlyMaxBeginningsAtSecondHour(students: "5A", max: 1)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["students-early-max-beginnings-at-second-hour"])
    #expect(hard.counts == [1])
    #expect(hard.messages == ["Students of 5А begin at the second period on 2 days (at most 1 a week): Mon and Tue"])
    #expect(
      check(lessons, placements, rule, weight: .soft(4)).softCost.byKind == [
        "studentsEarlyMaxBeginningsAtSecondHour": 4
      ])
  }

  @Test func aDayBeginningAtTheThirdPeriodIsOneUnit() {
    let lessons = [lesson("a1", "alg", "5A", "t1")]
    let rule = ConstraintRule.studentsEarlyMaxBeginningsAtSecondHour(students: "5A", max: 1)
    let hard = check(lessons, [place("a1", .mon, 3, "r12")], rule, weight: .hard)
    #expect(hard.kinds == ["students-early-max-beginnings-at-second-hour"])
    #expect(hard.counts == [1])
    #expect(hard.messages == ["Students of 5А begin at period 3 on Mon (at period 2 at the latest)"])
  }

  @Test func anExcusedFirstPeriodMovesTheBeginningOfTheDay() {
    let lessons = [lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1")]
    let placements = [place("a1", .thu, 2, "r12"), place("a2", .fri, 3, "r12")]
    let result = check(
      lessons, placements,
      [
        TimetableConstraint(.breakTimes(slots: [slot(.thu, 1)]), weight: .hard),
        TimetableConstraint(.studentsNotAvailable(students: "5A", slots: [slot(.fri, 1)]), weight: .hard),
        TimetableConstraint(.studentsEarlyMaxBeginningsAtSecondHour(students: "5A", max: 0), weight: .soft(1)),
      ])
    // Thursday begins at its first free period; Friday one period after it.
    #expect(result.softCost.total == 1)
    #expect(
      result.softViolations.map(\.message) == [
        "Students of 5А begin at the second period on 1 day (at most 0 a week): Fri"
      ])
  }

  // MARK: studentsMaxHoursDaily

  @Test func busyPeriodsOfEachUnitOfAClassBeyondTheMaximumCount() {
    let lessons = [
      lesson("b1", "alg", "5B", "t1"), lesson("b3", "inf", "5B", "t2", group: "1", students: ["5B/1"]),
      lesson("b4", "eng", "5B", "t3", group: "2", students: ["5B/2"]), lesson("b2", "geo", "5B", "t1"),
    ]
    let placements = [
      place("b1", .mon, 1, "r12"), place("b3", .mon, 2, "r12"), place("b4", .mon, 3, "r14"),
      place("b2", .mon, 4, "r12"),
    ]
    let rule = ConstraintRule.studentsMaxHoursDaily(students: "5B", max: 2)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["students-max-hours-daily", "students-max-hours-daily"])
    #expect(hard.counts == [1, 1])
    #expect(
      hard.messages == [
        "Students of 5Б/1 have 3 lessons on Mon (at most 2 a day)",
        "Students of 5Б/2 have 3 lessons on Mon (at most 2 a day)",
      ])
    #expect(check(lessons, placements, rule, weight: .soft(3)).softCost.byKind == ["studentsMaxHoursDaily": 6])
  }

  @Test func aRuleOnAStudentSetAppliesToEachOfItsUnitsAndNilToAll() {
    let lessons = [
      lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1"), lesson("b1", "alg", "5B", "t2"),
      lesson("b2", "geo", "5B", "t2"), lesson("c1", "chem", "7A", "t3"), lesson("c2", "phy", "7A", "t3"),
    ]
    let placements = [
      place("a1", .mon, 1, "r12"), place("a2", .mon, 2, "r12"), place("b1", .tue, 1, "r12"),
      place("b2", .tue, 2, "r12"), place("c1", .mon, 2, "lab"), place("c2", .mon, 3, "lab"),
    ]
    func result(_ students: String?) -> TimetableCheck {
      check(
        lessons, placements,
        [TimetableConstraint(.studentsMaxHoursDaily(students: students, max: 1), weight: .hard)], studentSets: year5)
    }
    let set = result("Year 5")
    #expect(set.counts == [1, 1, 1])
    #expect(
      set.messages == [
        "Students of 5А have 2 lessons on Mon (at most 1 a day)",
        "Students of 5Б/1 have 2 lessons on Tue (at most 1 a day)",
        "Students of 5Б/2 have 2 lessons on Tue (at most 1 a day)",
      ])
    #expect(result(nil).hardViolationCount == 4)
  }

  // MARK: studentsMinHoursDaily

  @Test func daysShortOfTheMinimumCountAndEmptyDaysUnlessAllowed() {
    let lessons = [lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1")]
    let placements = [place("a1", .mon, 1, "r12"), place("a2", .mon, 2, "r12")]
    let allowed = check(
      lessons, placements, .studentsMinHoursDaily(students: "5A", min: 3, allowEmptyDays: true), weight: .hard)
    #expect(allowed.kinds == ["students-min-hours-daily"])
    #expect(allowed.counts == [1])
    #expect(allowed.messages == ["Students of 5А have 2 lessons on Mon (at least 3 a day)"])
    let rule = ConstraintRule.studentsMinHoursDaily(students: "5A", min: 3, allowEmptyDays: false)
    let notAllowed = check(lessons, placements, rule, weight: .hard)
    #expect(notAllowed.counts == [1, 3, 3, 3, 3])
    #expect(
      notAllowed.messages[1]
        == "Students of 5А have no lessons on Tue (at least 3 a day, and a free day is not allowed)")
    #expect(check(lessons, placements, rule, weight: .soft(2)).softCost.byKind == ["studentsMinHoursDaily": 26])
  }

  // MARK: studentsMaxHoursContinuously

  @Test func periodsOfARunBeyondTheMaximumCount() {
    let lessons = [
      lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1"), lesson("a3", "phy", "5A", "t2"),
      lesson("a4", "chem", "5A", "t2"), lesson("d1", "inf", "5A", "t3", duration: 2), lesson("a5", "mus", "5A", "t1"),
      lesson("a6", "art", "5A", "t1"),
    ]
    // Monday 1–3 and 5; Tuesday 1–4.
    let placements = [
      place("a1", .mon, 1, "r12"), place("a2", .mon, 2, "r12"), place("a3", .mon, 3, "lab"),
      place("a4", .mon, 5, "lab"), place("d1", .tue, 1, "r14"), place("a5", .tue, 3, "r12"),
      place("a6", .tue, 4, "r12"),
    ]
    let rule = ConstraintRule.studentsMaxHoursContinuously(students: "5A", max: 2)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["students-max-hours-continuously", "students-max-hours-continuously"])
    #expect(hard.counts == [1, 2])
    #expect(hard.messages[0] == "Students of 5А have 3 lessons in a row at Mon 1–3 (at most 2)")
    #expect(hard.hardViolations[1].lessons == ["d1", "a5", "a6"])
    #expect(check(lessons, placements, rule, weight: .soft(5)).softCost.byKind == ["studentsMaxHoursContinuously": 15])
  }

  // MARK: teachersMaxGapsPerWeek

  @Test func gapsOfATeachersWeekBeyondTheMaximumCount() {
    let lessons = [
      lesson("a1", "alg", "5A", "t1"), lesson("b1", "alg", "5B", "t1"), lesson("c1", "alg", "7A", "t1"),
      lesson("a2", "geo", "5A", "t1"),
    ]
    let placements = [
      place("a1", .mon, 1, "r12"), place("b1", .mon, 3, "r12"), place("c1", .tue, 2, "r12"),
      place("a2", .tue, 4, "r12"),
    ]
    let rule = ConstraintRule.teachersMaxGapsPerWeek(teacher: "t1", max: 1)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["teachers-max-gaps-per-week"])
    #expect(hard.counts == [1])
    #expect(hard.messages == ["Teacher Иванов Сергей Петрович has 2 gaps in the week (at most 1)"])
    #expect(check(lessons, placements, rule, weight: .soft(8)).softCost.byKind == ["teachersMaxGapsPerWeek": 8])
  }

  // MARK: teachersMaxGapsPerDay

  @Test func gapsOfEveryTeachersDayBeyondTheMaximumCount() {
    let lessons = [
      lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1"), lesson("b1", "alg", "5B", "t2"),
      lesson("b2", "geo", "5B", "t2"),
    ]
    let placements = [
      place("a1", .mon, 1, "r12"), place("a2", .mon, 3, "r12"), place("b1", .tue, 1, "r14"),
      place("b2", .tue, 4, "r14"),
    ]
    let rule = ConstraintRule.teachersMaxGapsPerDay(teacher: nil, max: 0)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["teachers-max-gaps-per-day", "teachers-max-gaps-per-day"])
    #expect(hard.counts == [1, 2])
    #expect(hard.messages[1] == "Teacher Петрова Анна Ивановна has 2 gaps on Tue (at most 0 a day): periods 2 and 3")
    #expect(check(lessons, placements, rule, weight: .soft(2)).softCost.byKind == ["teachersMaxGapsPerDay": 6])
  }

  // MARK: teachersMaxHoursDaily

  @Test func busyPeriodsOfEveryTeacherBeyondTheMaximumCount() {
    let lessons = [
      lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1"), lesson("d1", "phy", "5B", "t2", duration: 2),
    ]
    let placements = [place("a1", .mon, 1, "r12"), place("a2", .mon, 2, "r12"), place("d1", .wed, 1, "lab")]
    let rule = ConstraintRule.teachersMaxHoursDaily(teacher: nil, max: 1)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["teachers-max-hours-daily", "teachers-max-hours-daily"])
    #expect(hard.counts == [1, 1])
    #expect(hard.messages[0] == "Teacher Иванов Сергей Петрович has 2 lessons on Mon (at most 1 a day)")
    #expect(check(lessons, placements, rule, weight: .soft(3)).softCost.byKind == ["teachersMaxHoursDaily": 6])
  }

  // MARK: teachersMinHoursDaily

  @Test func onlyTeachersWithLessonsCountForTheDailyMinimum() {
    // Иванов teaches one lesson; Петрова and Садықов teach none.
    let lessons = [lesson("a1", "alg", "5A", "t1")]
    let placements = [place("a1", .mon, 1, "r12")]
    let rule = ConstraintRule.teachersMinHoursDaily(teacher: nil, min: 2, allowEmptyDays: false)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == Array(repeating: "teachers-min-hours-daily", count: 5))
    #expect(hard.counts == [1, 2, 2, 2, 2])
    #expect(hard.messages[0] == "Teacher Иванов Сергей Петрович has 1 lesson on Mon (at least 2 a day)")
    #expect(check(lessons, placements, rule, weight: .soft(1)).softCost.byKind == ["teachersMinHoursDaily": 9])
    let allowed = check(
      lessons, placements, .teachersMinHoursDaily(teacher: nil, min: 2, allowEmptyDays: true), weight: .soft(1))
    #expect(allowed.softCost.total == 1)
  }

  // MARK: teachersMaxDaysPerWeek

  @Test func workingDaysBeyondTheMaximumCount() {
    let lessons = (1...4).map { lesson("a\($0)", "alg", "5A", "t1") }
    let days: [Weekday] = [.mon, .tue, .wed, .thu]
    let placements = zip(lessons, days).map { place($0.id, $1, 1, "r12") }
    let rule = ConstraintRule.teachersMaxDaysPerWeek(teacher: "t1", max: 2)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["teachers-max-days-per-week"])
    #expect(hard.counts == [2])
    #expect(hard.messages == ["Teacher Иванов Сергей Петрович works 4 days (at most 2): Mon, Tue, Wed and Thu"])
    #expect(check(lessons, placements, rule, weight: .soft(5)).softCost.byKind == ["teachersMaxDaysPerWeek": 10])
  }

  // MARK: teachersMinDaysPerWeek

  @Test func workingDaysShortOfTheMinimumCountForTeachersWithLessons() {
    let lessons = [lesson("a1", "alg", "5A", "t1"), lesson("b1", "alg", "5B", "t2"), lesson("b2", "geo", "5B", "t2")]
    let placements = [place("a1", .mon, 1, "r12"), place("b1", .mon, 2, "r12"), place("b2", .tue, 2, "r12")]
    let rule = ConstraintRule.teachersMinDaysPerWeek(teacher: nil, min: 3)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["teachers-min-days-per-week", "teachers-min-days-per-week"])
    #expect(hard.counts == [2, 1])
    #expect(hard.messages[0] == "Teacher Иванов Сергей Петрович works 1 day (at least 3)")
    #expect(check(lessons, placements, rule, weight: .soft(2)).softCost.byKind == ["teachersMinDaysPerWeek": 6])
  }

  // MARK: teachersMaxHoursContinuously

  @Test func periodsOfATeachersRunBeyondTheMaximumCount() {
    let lessons = [
      lesson("a1", "alg", "5A", "t2"), lesson("b1", "alg", "5B", "t2"), lesson("a2", "geo", "5A", "t2"),
      lesson("b2", "geo", "5B", "t2"),
    ]
    let placements = [
      place("a1", .mon, 1, "r12"), place("b1", .mon, 2, "r12"), place("a2", .tue, 1, "r12"),
      place("b2", .tue, 3, "r12"),
    ]
    let rule = ConstraintRule.teachersMaxHoursContinuously(teacher: "t2", max: 1)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["teachers-max-hours-continuously"])
    #expect(hard.counts == [1])
    #expect(hard.messages == ["Teacher Петрова Анна Ивановна has 2 lessons in a row at Mon 1–2 (at most 1)"])
    #expect(
      check(lessons, placements, rule, weight: .soft(9)).softCost.byKind == ["teachersMaxHoursContinuously": 9])
  }

  // MARK: occupyMaxSlotsFromSelection

  @Test func selectedSlotsTakenBeyondTheMaximumCount() {
    let lessons = [
      lesson("a1", "alg", "5A", "t1"), lesson("d1", "phy", "5A", "t2", duration: 2), lesson("b1", "alg", "5B", "t3"),
    ]
    // Алгебра of 5А and of 5Б share Mon 1; Физика takes Mon 2–3: three selected slots.
    let placements = [place("a1", .mon, 1, "r12"), place("d1", .mon, 2, "lab"), place("b1", .mon, 1, "r14")]
    let rule = ConstraintRule.occupyMaxSlotsFromSelection(
      lessons: ["a1", "d1", "b1"], slots: [slot(.mon, 1), slot(.mon, 2), slot(.mon, 3), slot(.tue, 1)], max: 2)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["occupy-max-slots-from-selection"])
    #expect(hard.counts == [1])
    #expect(
      hard.messages == ["Алгебра, Физика of 5А, 5Б takes 3 of the selected slots (at most 2): Mon 1, Mon 2 and Mon 3"])
    #expect(check(lessons, placements, rule, weight: .soft(4)).softCost.byKind == ["occupyMaxSlotsFromSelection": 4])
  }

  // MARK: preferredRooms

  @Test func aLessonWhoseFirstRoomIsNotPreferredCounts() {
    let lessons = [lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1"), lesson("a3", "phy", "5A", "t1")]
    let rule = ConstraintRule.preferredRooms(lessons: ["a1", "a2", "a3"], rooms: ["r12"])
    let hard = check(
      lessons, [place("a1", .mon, 1, "r12"), place("a2", .mon, 2, "r14"), place("a3", .mon, 3, "r12")], rule,
      weight: .hard)
    #expect(hard.kinds == ["preferred-rooms"])
    #expect(hard.counts == [1])
    #expect(
      hard.messages == ["5А Геометрия (lesson a2) at Mon 2 is in Room Кабинет 14; it should be in Room Кабинет 12"])
    // A lesson with no room counts too.
    let soft = check(
      lessons, [place("a1", .mon, 1, "r12"), place("a2", .mon, 2, "r14"), place("a3", .mon, 3)], rule, weight: .soft(5))
    #expect(soft.kinds == ["room-count"])
    #expect(soft.softCost.byKind == ["preferredRooms": 10])
  }

  // MARK: Kinds

  @Test func everyHardKindOfTheFETRulesIsListedOnce() throws {
    let kinds = [
      "break-times", "teacher-not-available", "students-not-available", "room-not-available",
      "preferred-starting-times", "preferred-time-slots", "min-days-between", "same-starting-time",
      "consecutive-if-same-day", "not-overlapping",
      "consecutive", "grouped", "ends-students-day", "students-max-gaps-per-week", "students-max-gaps-per-day",
      "students-early-max-beginnings-at-second-hour", "students-max-hours-daily", "students-min-hours-daily",
      "students-max-hours-continuously", "teachers-max-gaps-per-week", "teachers-max-gaps-per-day",
      "teachers-max-hours-daily", "teachers-min-hours-daily", "teachers-max-days-per-week",
      "teachers-min-days-per-week", "teachers-max-hours-continuously", "occupy-max-slots-from-selection",
      "preferred-rooms",
    ]
    // In this order, from break times on (the kinds of later rules follow them).
    let start = try #require(TimetableCheck.hardKinds.firstIndex(of: kinds[0]))
    #expect(Array(TimetableCheck.hardKinds.dropFirst(start).prefix(kinds.count)) == kinds)
    #expect(Set(TimetableCheck.hardKinds).count == TimetableCheck.hardKinds.count)
  }
}

@Suite struct ConsecutiveIfSameDayTests {
  @Test func twoLessonsOnOneDayMustBeAdjacent() {
    let lessons = [lesson("a1", "alg", "5A", "t1"), lesson("a2", "alg", "5A", "t1"), lesson("a3", "alg", "5A", "t1")]
    // a1 and a2 adjacent on Monday; a3 on Monday too but apart from both; different days never count.
    let placements = [place("a1", .mon, 1, "r12"), place("a2", .mon, 2, "r12"), place("a3", .mon, 4, "r12")]
    let hard = check(lessons, placements, .consecutiveIfSameDay(lessons: ["a1", "a2", "a3"]), weight: .hard)
    #expect(hard.kinds == ["consecutive-if-same-day", "consecutive-if-same-day"])
    #expect(hard.counts == [1, 1])
    let apart = [place("a1", .mon, 1, "r12"), place("a2", .tue, 1, "r12"), place("a3", .wed, 4, "r12")]
    #expect(check(lessons, apart, .consecutiveIfSameDay(lessons: ["a1", "a2", "a3"]), weight: .hard).isFeasible)
  }
}
