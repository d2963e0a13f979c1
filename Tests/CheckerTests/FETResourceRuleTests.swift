import Checker
import Planner
import Testing

/// The checker on FET's interval max days, activity-tag max hours, max span and min resting hours
/// rules (School: Mon–Fri, six periods).
@Suite struct FETResourceRuleTests {
  // MARK: building changes

  /// t1 teaches 5А in Main (r12, r14) and the Annex (lab): Mon 1 Main, 2 Annex, 4 Main; Tue 1
  /// Annex, 3 Main.
  func buildingCheck(_ rule: ConstraintRule, _ weight: ConstraintWeight = .hard) -> TimetableCheck {
    let lessons = ["a1", "a2", "a3", "a4", "a5"].map { lesson($0, "alg", "5A", "t1") }
    let placements = [
      place("a1", .mon, 1, "r12"), place("a2", .mon, 2, "lab"), place("a3", .mon, 4, "r14"),
      place("a4", .tue, 1, "lab"), place("a5", .tue, 3, "r12"),
    ]
    var problem = School.problem(lessons, constraints: [TimetableConstraint(rule, weight: weight)])
    problem.rooms = problem.rooms.map { room in
      var room = room
      room.building = room.id == "lab" ? "Annex" : "Main"
      return room
    }
    return check(problem, placements)
  }

  @Test func buildingChangesBeyondTheDailyAndWeeklyMaximumCount() {
    let daily = buildingCheck(.teachersMaxBuildingChangesPerDay(teacher: "t1", max: 1))
    #expect(daily.kinds == ["teachers-max-building-changes-per-day"])
    #expect(daily.counts == [1])
    #expect(daily.messages == ["Teacher Иванов Сергей Петрович has 2 changes of building on Mon (at most 1)"])
    #expect(buildingCheck(.studentsMaxBuildingChangesPerDay(students: nil, max: 2)).isFeasible)
    let weekly = buildingCheck(.studentsMaxBuildingChangesPerWeek(students: "5A", max: 2))
    #expect(weekly.kinds == ["students-max-building-changes-per-week"])
    #expect(weekly.counts == [1])
    #expect(weekly.messages == ["Students of 5А have 3 changes of building in the week (at most 2)"])
    #expect(
      buildingCheck(.teachersMaxBuildingChangesPerWeek(teacher: nil, max: 1), .soft(3)).softCost.byKind == [
        "teachersMaxBuildingChangesPerWeek": 6
      ])
  }

  @Test func aChangeOfBuildingWithoutEnoughFreePeriodsBeforeItCounts() {
    let hard = buildingCheck(.teachersMinGapsBetweenBuildingChanges(teacher: nil, min: 1))
    #expect(hard.kinds == ["teachers-min-gaps-between-building-changes"])
    #expect(hard.counts == [1])
    #expect(
      hard.messages == [
        "Teacher Иванов Сергей Петрович has 0 free periods to go from Main to Annex before Mon 2 (at least 1)"
      ])
    let two = buildingCheck(.studentsMinGapsBetweenBuildingChanges(students: "5A", min: 2))
    #expect(two.counts == [1, 1, 1])
  }

  // MARK: min gaps between an ordered pair of tags

  @Test func aSecondTagTooSoonAfterAFirstCountsOnceAndOtherLessonsAreGaps() {
    let lessons = [
      lesson("l1", "phy", "5A", "t1"), lesson("s1", "chem", "5A", "t2"), lesson("x1", "alg", "5A", "t3"),
      lesson("s2", "chem", "5A", "t2", duration: 2), lesson("l2", "phy", "5A", "t1"), lesson("s3", "chem", "5A", "t2"),
    ]
    // Mon: l1 at 1, s1 at 2 (0 periods after: one unit); Tue: l2 at 1, x1 at 2, s2 at 3–4 (x1's
    // period counts as a gap: 1, enough for 1); Wed: s3 at 1 comes first (no unit).
    let placements = [
      place("l1", .mon, 1, "r12"), place("s1", .mon, 2, "r12"), place("l2", .tue, 1, "r12"),
      place("x1", .tue, 2, "r12"), place("s2", .tue, 3, "lab"), place("s3", .wed, 1, "r12"),
    ]
    let rule = ConstraintRule.studentsMinGapsBetweenTagPair(
      students: nil, firstTag: "L", first: ["l1", "l2"], secondTag: "TS", second: ["s1", "s2", "s3"], min: 1)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["students-min-gaps-between-tag-pair"])
    #expect(hard.counts == [1])
    #expect(hard.messages == ["Students of 5А have TS at Mon 2 0 periods after L (at least 1)"])
    let two = ConstraintRule.teachersMinGapsBetweenTagPair(
      teacher: nil, firstTag: "L", first: ["l1", "l2", "x1"], secondTag: "TS", second: ["s1", "s2", "s3"], min: 2)
    // t1 teaches only L lessons, t3 only x1, t2 only TS ones: no teacher has both.
    #expect(check(lessons, placements, two, weight: .hard).isFeasible)
    let students = ConstraintRule.studentsMinGapsBetweenTagPair(
      students: "5A", firstTag: "L", first: ["l1", "l2"], secondTag: "TS", second: ["s1", "s2", "s3"], min: 2)
    #expect(
      check(lessons, placements, students, weight: .soft(5)).softCost.byKind == ["studentsMinGapsBetweenTagPair": 10])
  }

  // MARK: studentsMaxDaysPerWeek

  @Test func daysWithLessonsOfAUnitBeyondTheMaximumCount() {
    let lessons = [
      lesson("b1", "inf", "5B", "t2", group: "1", students: ["5B/1"]), lesson("b2", "alg", "5B", "t1"),
      lesson("b3", "geo", "5B", "t3"),
    ]
    let placements = [place("b1", .mon, 1, "r12"), place("b2", .tue, 2, "r12"), place("b3", .tue, 3, "r14")]
    let rule = ConstraintRule.studentsMaxDaysPerWeek(students: nil, max: 1)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["students-max-days-per-week"])
    #expect(hard.counts == [1])
    #expect(hard.messages == ["Students of 5Б/1 have lessons on 2 days (at most 1): Mon and Tue"])
    #expect(check(lessons, placements, .studentsMaxDaysPerWeek(students: "5B", max: 2), weight: .hard).isFeasible)
    #expect(check(lessons, placements, rule, weight: .soft(4)).softCost.byKind == ["studentsMaxDaysPerWeek": 4])
  }

  // MARK: intervalMaxDaysPerWeek

  @Test func daysBusyInTheIntervalBeyondTheMaximumCount() {
    let lessons = [lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1"), lesson("a3", "phy", "5A", "t1")]
    let placements = [place("a1", .mon, 5, "r12"), place("a2", .tue, 6, "r12"), place("a3", .wed, 1, "r12")]
    let rule = ConstraintRule.teachersIntervalMaxDaysPerWeek(teacher: "t1", startPeriod: 5, endPeriod: 7, max: 1)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["teachers-interval-max-days-per-week"])
    #expect(hard.counts == [1])
    #expect(
      hard.messages == ["Teacher Иванов Сергей Петрович has lessons in periods 5–6 on 2 days (at most 1): Mon and Tue"])
    let kept = ConstraintRule.teachersIntervalMaxDaysPerWeek(teacher: nil, startPeriod: 5, endPeriod: 7, max: 2)
    #expect(check(lessons, placements, kept, weight: .hard).isFeasible)
    // The interval ends before its end period: Tue 6 is outside 5 ..< 6.
    let shorter = ConstraintRule.teachersIntervalMaxDaysPerWeek(teacher: "t1", startPeriod: 5, endPeriod: 6, max: 1)
    #expect(check(lessons, placements, shorter, weight: .hard).isFeasible)
    #expect(
      check(lessons, placements, rule, weight: .soft(19)).softCost.byKind == ["teachersIntervalMaxDaysPerWeek": 19])
  }

  @Test func studentUnitsBusyInTheIntervalOnTooManyDays() {
    let lessons = [
      lesson("b1", "inf", "5B", "t2", group: "1", students: ["5B/1"]), lesson("b2", "alg", "5B", "t1"),
      lesson("b3", "geo", "5B", "t3"),
    ]
    let placements = [place("b1", .mon, 1, "r12"), place("b2", .tue, 2, "r12"), place("b3", .thu, 1, "r12")]
    let rule = ConstraintRule.studentsIntervalMaxDaysPerWeek(students: "5B", startPeriod: 1, endPeriod: 2, max: 1)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["students-interval-max-days-per-week"])
    #expect(hard.counts == [1])
    #expect(hard.messages == ["Students of 5Б/1 have lessons in period 1 on 2 days (at most 1): Mon and Thu"])
    #expect(check(lessons, placements, rule, weight: .soft(2)).softCost.total == 2)
  }

  // MARK: tagMaxHours

  @Test func periodsOfTaggedLessonsBeyondTheDailyMaximumCount() {
    let lessons = [
      lesson("d1", "phy", "5A", "t2", duration: 2), lesson("a1", "alg", "5A", "t2"), lesson("d2", "chem", "5B", "t2"),
    ]
    let placements = [place("d1", .mon, 1, "lab"), place("a1", .mon, 3, "r12"), place("d2", .mon, 4, "lab")]
    let rule = ConstraintRule.teachersTagMaxHoursDaily(teacher: nil, tag: "lab", lessons: ["d1", "d2"], max: 2)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["teachers-tag-max-hours-daily"])
    #expect(hard.counts == [1])
    #expect(hard.messages == ["Teacher Петрова Анна Ивановна has 3 periods of lab lessons on Mon (at most 2)"])
    let kept = ConstraintRule.teachersTagMaxHoursDaily(teacher: "t2", tag: "lab", lessons: ["d1", "d2"], max: 3)
    #expect(check(lessons, placements, kept, weight: .hard).isFeasible)
    let students = ConstraintRule.studentsTagMaxHoursDaily(students: "5A", tag: "lab", lessons: ["d1", "d2"], max: 1)
    #expect(check(lessons, placements, students, weight: .soft(3)).softCost.byKind == ["studentsTagMaxHoursDaily": 3])
  }

  @Test func taggedRunsBeyondTheMaximumCountAndOtherLessonsBreakThem() {
    let lessons = [
      lesson("d1", "phy", "5A", "t2", duration: 2), lesson("d2", "chem", "5A", "t3"), lesson("a1", "alg", "5A", "t1"),
      lesson("d3", "chem", "5A", "t3"),
    ]
    let placements = [
      place("d1", .mon, 1, "lab"), place("d2", .mon, 3, "lab"), place("d3", .tue, 1, "lab"),
      place("a1", .tue, 2, "r12"),
    ]
    let rule = ConstraintRule.studentsTagMaxHoursContinuously(
      students: nil, tag: "lab", lessons: ["d1", "d2", "d3"], max: 2)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["students-tag-max-hours-continuously"])
    #expect(hard.counts == [1])
    #expect(hard.messages == ["Students of 5А have 3 periods of lab lessons in a row at Mon 1–3 (at most 2)"])
    let teachers = ConstraintRule.teachersTagMaxHoursContinuously(
      teacher: nil, tag: "lab", lessons: ["d1", "d2", "d3"], max: 1)
    let byTeacher = check(lessons, placements, teachers, weight: .hard)
    #expect(byTeacher.counts == [1])
    #expect(
      byTeacher.messages == [
        "Teacher Петрова Анна Ивановна has 2 periods of lab lessons in a row at Mon 1–2 (at most 1)"
      ])
  }

  // MARK: maxSpanPerDay

  @Test func periodsOfADaysSpanBeyondTheMaximumCountWithOneDayOfPlusOne() {
    let lessons = [
      lesson("c1", "alg", "5A", "t3"), lesson("c2", "geo", "5B", "t3"), lesson("c3", "phy", "7A", "t3"),
      lesson("c4", "chem", "5A", "t3"),
    ]
    let placements = [
      place("c1", .mon, 1, "r12"), place("c2", .mon, 4, "r12"), place("c3", .tue, 2, "r12"),
      place("c4", .tue, 6, "r12"),
    ]
    let plusOne = ConstraintRule.teachersMaxSpanPerDay(teacher: "t3", max: 3, oneDayPlusOne: true)
    let hard = check(lessons, placements, plusOne, weight: .hard)
    #expect(hard.kinds == ["teachers-max-span-per-day"])
    #expect(hard.counts == [2])
    #expect(hard.messages == ["Teacher Садықов Ерлан has a day spanning 5 periods at Tue 2–6 (at most 3, one day 4)"])
    let strict = ConstraintRule.teachersMaxSpanPerDay(teacher: nil, max: 3, oneDayPlusOne: false)
    #expect(check(lessons, placements, strict, weight: .hard).counts == [1, 2])
    #expect(
      check(lessons, placements, .teachersMaxSpanPerDay(teacher: "t3", max: 5, oneDayPlusOne: false), weight: .hard)
        .isFeasible)
    let students = ConstraintRule.studentsMaxSpanPerDay(students: "5A", max: 1, oneDayPlusOne: false)
    #expect(check(lessons, placements, students, weight: .soft(5)).softCost.total == 0)
  }

  // MARK: minRestingHours

  @Test func restBetweenDaysShortOfTheMinimumCountsAcrossTheWeekEndWhenCircular() {
    let lessons = [
      lesson("g1", "alg", "7A", "t1"), lesson("g2", "geo", "7A", "t1"), lesson("g3", "phy", "7A", "t2"),
      lesson("g4", "chem", "7A", "t2"),
    ]
    let placements = [
      place("g1", .mon, 2, "r12"), place("g2", .mon, 6, "r12"), place("g3", .tue, 2, "r12"),
      place("g4", .fri, 6, "r12"),
    ]
    let circular = ConstraintRule.studentsMinRestingHours(students: "7A", min: 3, circular: true)
    let hard = check(lessons, placements, circular, weight: .hard)
    #expect(hard.kinds == ["students-min-resting-hours", "students-min-resting-hours"])
    #expect(hard.counts == [2, 2])
    #expect(
      hard.messages == [
        "Students of 7А have 1 free period between Mon 6 and Tue 2 (at least 3)",
        "Students of 7А have 1 free period between Fri 6 and Mon 2 (at least 3)",
      ])
    let open = ConstraintRule.studentsMinRestingHours(students: nil, min: 3, circular: false)
    #expect(check(lessons, placements, open, weight: .hard).counts == [2])
    #expect(
      check(lessons, placements, .studentsMinRestingHours(students: "7A", min: 1, circular: true), weight: .hard)
        .isFeasible)
    let teachers = ConstraintRule.teachersMinRestingHours(teacher: nil, min: 4, circular: false)
    // t1 works Mon only; t2 Tue and Fri, not following days.
    #expect(check(lessons, placements, teachers, weight: .soft(7)).softCost.total == 0)
    let t2 = check(
      lessons, placements, .teachersMinRestingHours(teacher: "t2", min: 4, circular: true), weight: .soft(7))
    // Fri 6 → Tue is not a following day; the circular pair is Fri → Mon, where t2 is free.
    #expect(t2.softCost.total == 0)
  }
}
