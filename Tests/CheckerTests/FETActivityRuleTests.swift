import Checker
import Planner
import Testing

/// A slot of the grid.
private func slot(_ day: Weekday, _ period: Int) -> TimeSlot { TimeSlot(day: day, period: period) }

/// Three lessons of three classes and teachers: 5А Алгебра, 5Б Алгебра, 7А Химия.
private let three = [
  lesson("a1", "alg", "5A", "t1"), lesson("b1", "alg", "5B", "t2"), lesson("c1", "chem", "7A", "t3"),
]

@Suite struct FETActivityRuleTests {
  // MARK: sameStartingDay

  @Test func eachPairOnDifferentDaysCounts() {
    let rule = ConstraintRule.sameStartingDay(lessons: ["a1", "b1", "c1"])
    let kept = [place("a1", .mon, 1, "r12"), place("b1", .mon, 2, "r14"), place("c1", .mon, 4, "lab")]
    #expect(check(three, kept, rule, weight: .hard).hardViolations.isEmpty)
    let broken = [place("a1", .mon, 1, "r12"), place("b1", .mon, 2, "r14"), place("c1", .tue, 3, "lab")]
    let hard = check(three, broken, rule, weight: .hard)
    #expect(hard.kinds == ["same-starting-day", "same-starting-day"])
    #expect(hard.counts == [1, 1])
    #expect(
      hard.messages == [
        "5А Алгебра (lesson a1) at Mon 1 and 7А Химия (lesson c1) at Tue 3 should start on the same day",
        "5Б Алгебра (lesson b1) at Mon 2 and 7А Химия (lesson c1) at Tue 3 should start on the same day",
      ])
    #expect(check(three, broken, rule, weight: .soft(3)).softCost.byKind == ["sameStartingDay": 6])
  }

  // MARK: sameStartingPeriod

  @Test func eachPairStartingAtDifferentPeriodsCounts() {
    let rule = ConstraintRule.sameStartingPeriod(lessons: ["a1", "b1", "c1"])
    let kept = [place("a1", .mon, 2, "r12"), place("b1", .tue, 2, "r14"), place("c1", .fri, 2, "lab")]
    #expect(check(three, kept, rule, weight: .hard).hardViolations.isEmpty)
    let broken = [place("a1", .mon, 2, "r12"), place("b1", .tue, 2, "r14"), place("c1", .wed, 3, "lab")]
    let hard = check(three, broken, rule, weight: .hard)
    #expect(hard.counts == [1, 1])
    #expect(
      hard.messages[0]
        == "5А Алгебра (lesson a1) at Mon 2 and 7А Химия (lesson c1) at Wed 3 should start at the same period")
    #expect(check(three, broken, rule, weight: .soft(2)).softCost.byKind == ["sameStartingPeriod": 4])
  }

  // MARK: minGapsBetween

  @Test func eachMissingFreePeriodBetweenLessonsOfOneDayCounts() {
    let lessons = [lesson("d1", "phy", "5A", "t1", duration: 2), lesson("a1", "alg", "5A", "t1")]
    let one = ConstraintRule.minGapsBetween(lessons: ["a1", "d1"], minGaps: 1)
    // Физика Mon 1–2, then one free period, then Алгебра at 4: kept; other days never count.
    #expect(check(lessons, [place("d1", .mon, 1, "lab"), place("a1", .mon, 4, "r12")], one, weight: .hard).isFeasible)
    #expect(check(lessons, [place("d1", .mon, 1, "lab"), place("a1", .tue, 3, "r12")], one, weight: .hard).isFeasible)
    let adjacent = [place("d1", .mon, 1, "lab"), place("a1", .mon, 3, "r12")]
    let hard = check(lessons, adjacent, one, weight: .hard)
    #expect(hard.kinds == ["min-gaps-between"])
    #expect(hard.counts == [1])
    #expect(
      hard.messages == [
        "5А Алгебра (lesson a1) at Mon 3 and 5А Физика (lesson d1) at Mon 1–2 are on the same day with 1 free "
          + "period too few between them (at least 1)"
      ])
    // Two free periods asked for, none given: two units, priced per unit.
    let two = ConstraintRule.minGapsBetween(lessons: ["a1", "d1"], minGaps: 2)
    #expect(check(lessons, adjacent, two, weight: .hard).counts == [2])
    #expect(check(lessons, adjacent, two, weight: .soft(5)).softCost.byKind == ["minGapsBetween": 10])
  }

  // MARK: maxDaysBetween

  @Test func eachDayBeyondTheMostApartCounts() {
    let two = Array(three.prefix(2))
    let rule = ConstraintRule.maxDaysBetween(lessons: ["a1", "b1"], maxDays: 1)
    #expect(check(two, [place("a1", .mon, 1, "r12"), place("b1", .tue, 1, "r14")], rule, weight: .hard).isFeasible)
    let far = [place("a1", .mon, 1, "r12"), place("b1", .thu, 1, "r14")]
    let hard = check(two, far, rule, weight: .hard)
    #expect(hard.kinds == ["max-days-between"])
    #expect(hard.counts == [2])
    #expect(
      hard.messages == [
        "5А Алгебра (lesson a1) at Mon 1 and 5Б Алгебра (lesson b1) at Thu 1 are 3 days apart (at most 1)"
      ]
    )
    #expect(check(two, far, rule, weight: .soft(3)).softCost.byKind == ["maxDaysBetween": 6])
  }

  // MARK: ordered

  @Test func theFirstLessonMustEndBeforeTheSecondStarts() {
    let lessons = [lesson("d1", "phy", "5A", "t1", duration: 2), lesson("a1", "alg", "5B", "t2")]
    let rule = ConstraintRule.ordered(first: "d1", second: "a1", ifSameDay: false)
    #expect(check(lessons, [place("d1", .mon, 1, "lab"), place("a1", .mon, 3, "r12")], rule, weight: .hard).isFeasible)
    #expect(
      check(lessons, [place("d1", .fri, 5, "lab"), place("a1", .mon, 1, "r12")], rule, weight: .hard).counts == [1])
    let overlapping = [place("d1", .mon, 2, "lab"), place("a1", .mon, 3, "r12")]
    let hard = check(lessons, overlapping, rule, weight: .hard)
    #expect(hard.kinds == ["ordered"])
    #expect(hard.counts == [1])
    #expect(
      hard.messages == ["5А Физика (lesson d1) at Mon 2–3 should end before 5Б Алгебра (lesson a1) at Mon 3 starts"])
    #expect(check(lessons, overlapping, rule, weight: .soft(7)).softCost.byKind == ["ordered": 7])
  }

  @Test func orderedIfSameDayLeavesOtherDaysFree() {
    let lessons = [lesson("d1", "phy", "5A", "t1", duration: 2), lesson("a1", "alg", "5B", "t2")]
    let rule = ConstraintRule.ordered(first: "d1", second: "a1", ifSameDay: true)
    #expect(check(lessons, [place("d1", .fri, 5, "lab"), place("a1", .mon, 1, "r12")], rule, weight: .hard).isFeasible)
    #expect(check(lessons, [place("d1", .mon, 1, "lab"), place("a1", .mon, 3, "r12")], rule, weight: .hard).isFeasible)
    let hard = check(lessons, [place("d1", .tue, 4, "lab"), place("a1", .tue, 2, "r12")], rule, weight: .hard)
    #expect(hard.kinds == ["ordered-if-same-day"])
    #expect(
      hard.messages == [
        "5А Физика (lesson d1) at Tue 4–5 should end before 5Б Алгебра (lesson a1) at Tue 2 starts on the same day"
      ])
  }

  // MARK: maxSimultaneous

  @Test func eachLessonBeyondTheMostAtOnceInASelectedSlotCounts() {
    let lessons = three + [lesson("d1", "phy", "5B", "t1", duration: 2)]
    let rule = ConstraintRule.maxSimultaneous(
      lessons: ["a1", "b1", "c1", "d1"], slots: [slot(.mon, 2), slot(.mon, 3)], max: 1)
    // Three at Mon 2, one at Mon 3 (Физика spans 3–4).
    let placements = [
      place("a1", .mon, 2, "r12"), place("b1", .mon, 2, "r14"), place("c1", .mon, 2, "lab"),
      place("d1", .mon, 3, "lab"),
    ]
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["max-simultaneous"])
    #expect(hard.counts == [1])
    #expect(
      hard.messages[0].hasPrefix("3 lessons of ")
        && hard.messages[0].hasSuffix(
          "are held at Mon 2 (at most 1 at once): 5А Алгебра (lesson a1), 5Б Алгебра (lesson b1) and 7А Химия (lesson c1)"
        ))
    #expect(check(lessons, placements, rule, weight: .soft(2)).softCost.byKind == ["maxSimultaneous": 2])
    let apart = [
      place("a1", .mon, 2, "r12"), place("b1", .mon, 4, "r14"), place("c1", .tue, 2, "lab"),
      place("d1", .mon, 5, "lab"),
    ]
    #expect(check(lessons, apart, rule, weight: .hard).isFeasible)
  }

  // MARK: Kinds

  @Test func everyHardKindOfTheseRulesIsListedAfterPreferredRooms() throws {
    let kinds = [
      "preferred-rooms", "same-starting-day", "same-starting-period", "min-gaps-between", "max-days-between", "ordered",
      "ordered-if-same-day", "max-simultaneous",
    ]
    let start = try #require(TimetableCheck.hardKinds.firstIndex(of: kinds[0]))
    #expect(Array(TimetableCheck.hardKinds.dropFirst(start).prefix(kinds.count)) == kinds)
  }

  // MARK: occupyMaxRooms, sameRoomIfConsecutive

  @Test func theRoomsBeyondTheMostCount() {
    let rule = ConstraintRule.occupyMaxRooms(lessons: ["a1", "b1", "c1"], max: 2)
    let kept = [place("a1", .mon, 1, "r12"), place("b1", .mon, 2, "r12"), place("c1", .mon, 3, "lab")]
    #expect(check(three, kept, rule, weight: .hard).isFeasible)
    let broken = [place("a1", .mon, 1, "r12"), place("b1", .mon, 2, "r14"), place("c1", .mon, 3, "lab")]
    let hard = check(three, broken, rule, weight: .hard)
    #expect(hard.kinds == ["occupy-max-rooms"])
    #expect(hard.counts == [1])
    #expect(hard.messages.first?.hasSuffix("; at most 2 may be used") == true, "\(hard.messages)")
    #expect(
      hard.messages.first
        == "Алгебра, Химия of 5А, 5Б, 7А use 3 rooms (Rooms Кабинет 12, Кабинет 14, Лаборатория); at most 2 may be used"
    )
    let one = ConstraintRule.occupyMaxRooms(lessons: ["a1", "b1", "c1"], max: 1)
    #expect(check(three, broken, one, weight: .soft(4)).softCost.byKind == ["occupyMaxRooms": 8])
  }

  @Test func eachPairInARowInDifferentRoomsCounts() {
    let lessons = [lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t2"), lesson("a3", "chem", "5A", "t3")]
    let rule = ConstraintRule.sameRoomIfConsecutive(lessons: ["a1", "a2", "a3"])
    // In a row in one room; a lesson after a free period may be elsewhere.
    let kept = [place("a1", .mon, 1, "r12"), place("a2", .mon, 2, "r12"), place("a3", .mon, 4, "lab")]
    #expect(check(lessons, kept, rule, weight: .hard).isFeasible)
    let broken = [place("a1", .mon, 1, "r12"), place("a2", .mon, 2, "r14"), place("a3", .mon, 3, "lab")]
    let hard = check(lessons, broken, rule, weight: .hard)
    #expect(hard.kinds == ["same-room-if-consecutive", "same-room-if-consecutive"])
    #expect(hard.counts == [1, 1])
    #expect(
      hard.messages.first
        == "5А Алгебра (lesson a1) at Mon 1 in Room Кабинет 12 and 5А Геометрия (lesson a2) right after it in Room Кабинет 14 should be in the same room"
    )
    #expect(check(lessons, broken, rule, weight: .soft(3)).softCost.byKind == ["sameRoomIfConsecutive": 6])
  }
}
