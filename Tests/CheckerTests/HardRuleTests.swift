import Checker
import Planner
import Testing

@Suite struct HardRuleTests {
  @Test func aCorrectTimetableHasNoHardViolationAndItsSoftCost() {
    let lessons = [
      lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1"), lesson("b1", "phy", "5B", "t2"),
      lesson("c1", "chem", "7A", "t3"), lesson("c2", "phy", "7A", "t2"),
    ]
    let problem = School.problem(
      lessons,
      constraints: [
        TimetableConstraint(.classCompactDay(class: "5A", startAtFirst: true), weight: .hard),
        TimetableConstraint(.classCompactDay(class: "5B", startAtFirst: true), weight: .hard),
        TimetableConstraint(.classCompactDay(class: "7A", startAtFirst: true), weight: .hard),
        TimetableConstraint(.teacherGaps, weight: .soft(3)),
        TimetableConstraint(.studentGaps, weight: .soft(2)),
        TimetableConstraint(.teacherRoomChanges, weight: .soft(1)),
      ])
    let result = check(
      problem,
      [
        place("a1", .mon, 1, "r12"), place("a2", .mon, 2, "r12"), place("b1", .mon, 1, "r14"),
        place("c1", .mon, 2, "lab"), place("c2", .mon, 3, "lab"),
      ])
    #expect(result.hardViolations.isEmpty)
    #expect(result.isFeasible)
    #expect(result.hardViolationCount == 0)
    #expect(result.placedCount == 5)
    // Петрова teaches at 1 (Кабинет 14) and 3 (Лаборатория): a gap of one period and one room change.
    #expect(result.softCost.total == 4)
    #expect(result.softCost.byKind == ["teacherGaps": 3, "studentGaps": 0, "teacherRoomChanges": 1])
  }

  @Test func aLessonWithNoPlacementIsUnplaced() {
    let problem = School.problem([lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1")])
    let result = check(problem, [place("a1", .mon, 1, "r12")])
    #expect(result.kinds == ["unplaced"])
    #expect(result.counts == [1])
    #expect(result.hardViolations[0].lessons == ["a2"])
    #expect(result.messages == ["5А Геометрия (lesson a2) is not placed"])
    #expect(!result.isFeasible)
  }

  @Test func aPlacementOfNoLessonOfTheDemandIsAnUnknownLesson() {
    let problem = School.problem([lesson("a1", "alg", "5A", "t1")])
    let result = check(problem, [place("a1", .mon, 1, "r12"), place("zz", .tue, 3, "r12")])
    #expect(result.kinds == ["unknown-lesson"])
    #expect(result.counts == [1])
    #expect(
      result.messages == [#"The timetable places lesson "zz" at Tue 3, but the lesson demand has no such lesson"#])
  }

  @Test func aSecondPlacementIsReportedAndNotJudged() {
    let problem = School.problem([lesson("a1", "alg", "5A", "t1"), lesson("b1", "geo", "5B", "t1")])
    // The second placement of a1 would clash with b1; only the first one is judged.
    let result = check(
      problem, [place("a1", .mon, 1, "r12"), place("a1", .tue, 3, "r12"), place("b1", .tue, 3, "r14")])
    #expect(result.kinds == ["placed-twice"])
    #expect(result.counts == [1])
    #expect(result.hardViolations[0].day == .tue)
    #expect(result.hardViolations[0].period == 3)
    #expect(result.messages == ["5А Алгебра (lesson a1) is placed again at Tue 3; it is already at Mon 1"])
  }

  @Test func aPlacementOffTheDaysOrPeriodsIsOutsideTheGrid() {
    let problem = School.problem([
      lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1"), lesson("d1", "phy", "5A", "t1", duration: 2),
    ])
    let result = check(
      problem, [place("a1", .sat, 1, "r12"), place("a2", .mon, 0, "r12"), place("d1", .mon, 6, "lab")])
    #expect(result.kinds == ["outside-grid", "outside-grid", "outside-grid"])
    #expect(result.counts == [1, 1, 1])
    #expect(
      Set(result.messages) == [
        "5А Алгебра is placed on Sat, which is not a school day",
        "5А Геометрия is placed at Mon 0, before period 1",
        "5А Физика is placed at Mon 6–7, past period 6, the last of the day",
      ])
  }

  @Test func aLessonBeforeItsClassShiftIsOutsideTheShift() {
    let problem = School.problem([lesson("c1", "chem", "7A", "t3"), lesson("c2", "phy", "7A", "t3")])
    let result = check(problem, [place("c1", .mon, 1, "lab"), place("c2", .mon, 2, "lab")])
    #expect(result.kinds == ["outside-shift"])
    #expect(result.counts == [1])
    #expect(result.messages == ["7А Химия at Mon 1 is outside the shift of 7А (periods 2–6)"])
  }

  @Test func eachSlotOfALessonWhenItsTeacherIsUnavailableIsAViolation() {
    var problem = School.problem([lesson("d1", "alg", "5A", "t1", duration: 2)])
    problem.teachers[0].unavailable = [TimeSlot(day: .tue, period: 3), TimeSlot(day: .tue, period: 4)]
    let result = check(problem, [place("d1", .tue, 3, "r12")])
    #expect(result.kinds == ["teacher-unavailable", "teacher-unavailable"])
    #expect(result.counts == [1, 1])
    #expect(result.hardViolations.map(\.period) == [3, 4])
    #expect(result.messages[0] == "Teacher Иванов Сергей Петрович is not available at Tue 3 but teaches 5А Алгебра")
  }

  @Test func aLessonWhenItsClassIsUnavailableIsAViolation() {
    var problem = School.problem([lesson("a1", "alg", "5A", "t1")])
    problem.classes[0].unavailable = [TimeSlot(day: .fri, period: 6)]
    let result = check(problem, [place("a1", .fri, 6, "r12")])
    #expect(result.kinds == ["class-unavailable"])
    #expect(result.counts == [1])
    #expect(result.messages == ["5А Алгебра is at Fri 6, when 5А is not available"])
  }

  @Test func aLessonInARoomWhenTheRoomIsUnavailableIsAViolation() {
    var problem = School.problem([lesson("a1", "phy", "5A", "t1")])
    problem.rooms[2].unavailable = [TimeSlot(day: .wed, period: 1)]
    let result = check(problem, [place("a1", .wed, 1, "lab")])
    #expect(result.kinds == ["room-unavailable"])
    #expect(result.counts == [1])
    #expect(result.messages == ["5А Физика is in Room Лаборатория at Wed 1, when the room is not available"])
  }

  @Test func twoLessonsOfOneTeacherAtOneSlotAreATeacherClash() {
    let problem = School.problem([lesson("a1", "alg", "5A", "t1"), lesson("b1", "geo", "5B", "t1")])
    let result = check(problem, [place("a1", .tue, 3, "r12"), place("b1", .tue, 3, "r14")])
    #expect(result.kinds == ["teacher-clash"])
    #expect(result.counts == [1])
    #expect(result.hardViolations[0].lessons == ["a1", "b1"])
    #expect(result.messages == ["Teacher Иванов Сергей Петрович has 5А Алгебра and 5Б Геометрия at Tue 3"])
  }

  @Test func twoLessonsSharingAStudentUnitAtOneSlotAreAStudentClash() {
    let problem = School.problem([
      lesson("b1", "phy", "5B", "t1"),
      lesson("b2", "inf", "5B", "t2", group: "1", students: ["5B/1"]),
      lesson("b3", "eng", "5B", "t3", group: "2", students: ["5B/2"]),
      lesson("b4", "inf", "5B", "t2", group: "1", students: ["5B/1"]),
    ])
    // The two halves at one slot is fine; the whole class with its first half is not.
    let result = check(
      problem,
      [
        place("b2", .tue, 1, "r12"), place("b3", .tue, 1, "r14"), place("b1", .wed, 2, "r12"),
        place("b4", .wed, 2, "r14"),
      ])
    #expect(result.kinds == ["student-clash"])
    #expect(result.counts == [1])
    #expect(result.messages == ["Students of 5Б/1 have 5Б Физика and 5Б Информатика (1) at Wed 2"])
  }

  @Test func twoLessonsInOneRoomAtOneSlotAreARoomClash() {
    let problem = School.problem([lesson("c1", "phy", "7A", "t1"), lesson("b1", "chem", "5B", "t2")])
    let result = check(problem, [place("c1", .fri, 2, "lab"), place("b1", .fri, 2, "lab")])
    #expect(result.kinds == ["room-clash"])
    #expect(result.counts == [1])
    #expect(result.messages == ["Room Лаборатория is used by 7А Физика and 5Б Химия at Fri 2"])
  }

  @Test func aDoubleLessonAtThreeAndFourClashesWithALessonAtFour() {
    let problem = School.problem([
      lesson("d1", "phy", "5A", "t1", duration: 2), lesson("b1", "alg", "5B", "t1"), lesson("b2", "geo", "5B", "t1"),
    ])
    let result = check(
      problem, [place("d1", .thu, 3, "lab"), place("b1", .thu, 4, "r12"), place("b2", .thu, 5, "r12")])
    #expect(result.kinds == ["teacher-clash"])
    #expect(result.counts == [1])
    #expect(result.hardViolations[0].period == 4)
    #expect(result.messages == ["Teacher Иванов Сергей Петрович has 5А Физика and 5Б Алгебра at Thu 4"])
  }

  @Test func twoDoubleLessonsOverlappingInTwoPeriodsAreOnePairClash() {
    let problem = School.problem([
      lesson("d1", "phy", "5A", "t1", duration: 2), lesson("d2", "chem", "5B", "t2", duration: 2),
    ])
    let result = check(problem, [place("d1", .thu, 3, "lab"), place("d2", .thu, 3, "lab")])
    #expect(result.kinds == ["room-clash"])
    #expect(result.counts == [1])
    #expect(result.hardViolations[0].period == 3)
  }

  @Test func oddAndEvenPartnersSharingTeacherRoomAndSlotDoNotClash() {
    let problem = School.problem([
      lesson("m1", "mus", "5A", "t3", weeks: .odd, partner: "m2"),
      lesson("m2", "art", "5A", "t3", weeks: .even, partner: "m1"),
    ])
    let result = check(problem, [place("m1", .mon, 5, "r12"), place("m2", .mon, 5, "r12")])
    #expect(result.hardViolations.isEmpty)
  }

  @Test func anOddWeekLessonMeetsAnEveryWeekLesson() {
    let problem = School.problem([lesson("m1", "mus", "5A", "t3", weeks: .odd), lesson("c1", "chem", "7A", "t3")])
    let result = check(problem, [place("m1", .mon, 5, "r12"), place("c1", .mon, 5, "lab")])
    #expect(result.kinds == ["teacher-clash"])
  }

  @Test func partnersAtDifferentSlotsAreOnePartnerSlotViolation() {
    let problem = School.problem([
      lesson("m1", "mus", "5A", "t3", weeks: .odd, partner: "m2"),
      lesson("m2", "art", "5A", "t3", weeks: .even, partner: "m1"),
    ])
    let result = check(problem, [place("m1", .mon, 5, "r12"), place("m2", .tue, 5, "r12")])
    #expect(result.kinds == ["partner-slot"])
    #expect(result.counts == [1])
    #expect(
      result.messages == [
        "5А Музыка (odd weeks) starts at Mon 5 but its partner 5А ИЗО (even weeks) starts at Tue 5; they must share a slot"
      ])
  }

  @Test func aPlacementWithTooFewTooManyOrRepeatedRoomsBreaksTheRoomCount() {
    var stream = lesson("s1", "phy", "5A", "t1")
    stream.classes = ["5A", "5B"]
    stream.teachers = ["t1", "t2"]
    stream.students = ["5A", "5B/1", "5B/2"]
    stream.group = "поток"
    stream.rooms = [RoomRequirement(allowed: ["r12", "r14"]), RoomRequirement(allowed: ["r12", "r14"])]
    let problem = School.problem([lesson("a1", "alg", "5A", "t1"), lesson("c1", "chem", "7A", "t3"), stream])
    let result = check(
      problem, [place("a1", .mon, 1), place("c1", .mon, 2, "lab", "r12"), place("s1", .tue, 1, "r12", "r12")])
    #expect(result.kinds == ["room-count", "room-count", "room-count"])
    #expect(result.counts == [1, 1, 1])
    #expect(
      result.messages == [
        "5А Алгебра at Mon 1 needs 1 room but is given 0",
        "7А Химия at Mon 2 needs 1 room but is given 2 (Room Лаборатория, Room Кабинет 12)",
        "5А+5Б Физика (поток) at Tue 1 is given Room Кабинет 12 twice",
      ])
  }

  @Test func aRoomOutsideItsRequirementsAllowedListIsNotAllowed() {
    var stream = lesson("s1", "phy", "5A", "t1")
    stream.classes = ["5A", "5B"]
    stream.teachers = ["t1", "t2"]
    stream.students = ["5A", "5B/1", "5B/2"]
    stream.rooms = [RoomRequirement(allowed: ["lab"]), RoomRequirement(allowed: ["r14"])]
    let problem = School.problem([lesson("a1", "phy", "5A", "t1", allowed: ["lab"]), stream])
    // The stream's rooms are given in the wrong order: both are not allowed.
    let result = check(problem, [place("a1", .mon, 1, "r12"), place("s1", .tue, 1, "r14", "lab")])
    #expect(result.kinds == ["room-not-allowed", "room-not-allowed", "room-not-allowed"])
    #expect(result.counts == [1, 1, 1])
    #expect(
      result.messages[0] == "5А Физика at Mon 1 is in Room Кабинет 12, which it may not use (allowed: Room Лаборатория)"
    )
  }

  @Test func violationsAreGroupedByKindInTheOrderOfTheRules() {
    let problem = School.problem([
      lesson("a1", "alg", "5A", "t1"), lesson("b1", "geo", "5B", "t1"), lesson("c1", "chem", "7A", "t3"),
    ])
    let result = check(
      problem, [place("b1", .wed, 2, "r12"), place("a1", .tue, 3, "r12"), place("b1", .tue, 3, "r12")])
    #expect(result.kinds == ["unplaced", "placed-twice"])
    #expect(result.hardViolationCount == 2)
  }
}
