import Checker
import Planner
import Testing

@Suite struct ConstraintRuleTests {
  // MARK: classCompactDay

  /// 5А has lessons at 2, 3 and 5 on Monday: it starts one period late and has a gap at 4.
  let lateWithGap = (
    lessons: [lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1"), lesson("a3", "phy", "5A", "t2")],
    placements: [place("a1", .mon, 2, "r12"), place("a2", .mon, 3, "r12"), place("a3", .mon, 5, "r14")]
  )

  @Test func aLateStartAndAGapBreakAHardCompactDay() {
    let result = check(
      lateWithGap.lessons, lateWithGap.placements, .classCompactDay(class: "5A", startAtFirst: true), weight: .hard)
    #expect(result.kinds == ["class-compact-day", "class-compact-day"])
    #expect(result.counts == [1, 1])
    #expect(
      result.messages == [
        "5А starts at period 2 on Mon instead of period 1", "5А has a gap at Mon 4 (lessons at 2–3 and 5)",
      ])
    #expect(result.hardViolationCount == 2)
  }

  @Test func aSoftCompactDayCostsItsWeightPerPeriod() {
    let starting = check(
      lateWithGap.lessons, lateWithGap.placements, .classCompactDay(class: "5A", startAtFirst: true), weight: .soft(5))
    #expect(starting.isFeasible)
    #expect(starting.softCost.total == 10)
    #expect(starting.softCost.byKind == ["classCompactDay": 10])
    let anywhere = check(
      lateWithGap.lessons, lateWithGap.placements, .classCompactDay(class: "5A", startAtFirst: false), weight: .soft(5))
    #expect(anywhere.softCost.total == 5)
  }

  @Test func aGapOfTwoPeriodsCountsTwo() {
    let result = check(
      [lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1")],
      [place("a1", .wed, 1, "r12"), place("a2", .wed, 4, "r12")], .classCompactDay(class: "5A", startAtFirst: true),
      weight: .hard)
    #expect(result.counts == [2])
    #expect(result.messages == ["5А has a gap at Wed 2–3 (lessons at 1 and 4)"])
  }

  @Test func subgroupLessonsOccupyTheirClassForTheCompactDay() {
    let lessons = [
      lesson("b1", "alg", "5B", "t1"), lesson("b2", "geo", "5B", "t1"),
      lesson("b3", "inf", "5B", "t2", group: "1", students: ["5B/1"]),
      lesson("b4", "eng", "5B", "t3", group: "2", students: ["5B/2"]),
    ]
    // The halves have lessons at 2 and at 3 in turn: the class's day is 1–4 without a gap, while
    // each half waits one period.
    let placements = [
      place("b1", .tue, 1, "r12"), place("b3", .tue, 2, "r12"), place("b4", .tue, 3, "r14"),
      place("b2", .tue, 4, "r12"),
    ]
    let compact = check(lessons, placements, .classCompactDay(class: "5B", startAtFirst: true), weight: .hard)
    #expect(compact.hardViolations.isEmpty)
    let gaps = check(lessons, placements, .studentGaps, weight: .soft(2))
    #expect(gaps.softCost.total == 4)
    #expect(
      gaps.softViolations.map(\.message) == [
        "5Б/1 has a gap at Tue 3 (lessons at 1–2 and 4)", "5Б/2 has a gap at Tue 2 (lessons at 1 and 3–4)",
      ])
    // Without the second half's lesson the class has a gap at 3.
    let withGap = check(
      lessons, placements.filter { $0.lesson != "b4" }, .classCompactDay(class: "5B", startAtFirst: true), weight: .hard
    )
    #expect(withGap.kinds == ["unplaced", "class-compact-day"])
    #expect(withGap.counts == [1, 1])
  }

  // MARK: classMaxLessonsPerDay

  @Test func eachPeriodBeyondTheClassMaximumCounts() {
    let lessons = [
      lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1"), lesson("d1", "phy", "5A", "t2", duration: 2),
    ]
    let placements = [place("a1", .mon, 1, "r12"), place("a2", .mon, 2, "r12"), place("d1", .mon, 3, "lab")]
    let hard = check(lessons, placements, .classMaxLessonsPerDay(class: "5A", max: 3), weight: .hard)
    #expect(hard.kinds == ["class-max-lessons-per-day"])
    #expect(hard.counts == [1])
    #expect(hard.messages == ["5А has 4 lessons on Mon (at most 3 a day)"])
    let soft = check(lessons, placements, .classMaxLessonsPerDay(class: "5A", max: 2), weight: .soft(4))
    #expect(soft.softCost.byKind == ["classMaxLessonsPerDay": 8])
  }

  @Test func subgroupLessonsAtOnePeriodCountOnceForTheClassMaximum() {
    let lessons = [
      lesson("b1", "alg", "5B", "t1"), lesson("b3", "inf", "5B", "t2", group: "1", students: ["5B/1"]),
      lesson("b4", "eng", "5B", "t3", group: "2", students: ["5B/2"]),
    ]
    let placements = [place("b1", .mon, 1, "r12"), place("b3", .mon, 2, "r12"), place("b4", .mon, 2, "r14")]
    let result = check(lessons, placements, .classMaxLessonsPerDay(class: "5B", max: 1), weight: .hard)
    #expect(result.counts == [1])
  }

  // MARK: lessonsMaxPerDay

  @Test func twoEveryWeekLessonsOnADayBreakTheMaximumInBothParities() {
    let lessons = [lesson("a1", "alg", "5A", "t1"), lesson("a2", "alg", "5A", "t1"), lesson("a3", "alg", "5A", "t1")]
    let placements = [place("a1", .thu, 1, "r12"), place("a2", .thu, 2, "r12"), place("a3", .fri, 1, "r12")]
    let rule = ConstraintRule.lessonsMaxPerDay(lessons: ["a1", "a2", "a3", "not-a-lesson"], max: 1)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["lessons-max-per-day"])
    #expect(hard.counts == [2])
    #expect(hard.messages == ["Алгебра of 5А is held 2 times on Thu (at most 1 a day)"])
    let soft = check(lessons, placements, rule, weight: .soft(10))
    #expect(soft.softCost.total == 20)
  }

  @Test func anOddWeekLessonCountsOnlyInOddWeeks() {
    let lessons = [lesson("a1", "alg", "5A", "t1"), lesson("h1", "alg", "5A", "t1", weeks: .odd)]
    let placements = [place("a1", .thu, 1, "r12"), place("h1", .thu, 3, "r12")]
    let result = check(lessons, placements, .lessonsMaxPerDay(lessons: ["a1", "h1"], max: 1), weight: .hard)
    #expect(result.counts == [1])
    #expect(result.messages == ["Алгебра of 5А is held 2 times in odd weeks on Thu (at most 1 a day)"])
  }

  // MARK: doublesNotAcrossLongBreak

  @Test func aDoubleLessonAcrossTheLongBreakIsAViolation() {
    // 5А has its long break after period 3.
    let lessons = [
      lesson("d1", "phy", "5A", "t1", duration: 2), lesson("d2", "chem", "5A", "t1", duration: 2),
      lesson("d3", "inf", "5A", "t1", duration: 2),
    ]
    let placements = [place("d1", .mon, 2, "lab"), place("d2", .tue, 3, "lab"), place("d3", .wed, 4, "lab")]
    let hard = check(lessons, placements, .doublesNotAcrossLongBreak, weight: .hard)
    #expect(hard.kinds == ["double-across-long-break"])
    #expect(hard.counts == [1])
    #expect(hard.messages == ["5А Химия at Tue 3–4 spans the long break after period 3 of 5А"])
    let soft = check(lessons, placements, .doublesNotAcrossLongBreak, weight: .soft(6))
    #expect(soft.softCost.byKind == ["doublesNotAcrossLongBreak": 6])
  }

  // MARK: teacherGaps

  @Test func eachFreePeriodInsideATeachersDayIsAGap() {
    let lessons = [
      lesson("a1", "alg", "5A", "t1"), lesson("b1", "alg", "5B", "t1"), lesson("h1", "geo", "7A", "t1", weeks: .even),
      lesson("c1", "chem", "7A", "t1"),
    ]
    // Monday 1 and 4: two free periods. Tuesday 1, 2 (even weeks) and 3: none.
    let placements = [
      place("a1", .mon, 1, "r12"), place("b1", .mon, 4, "r12"), place("h1", .tue, 2, "r12"),
      place("c1", .tue, 3, "r12"),
    ]
    let hard = check(lessons, placements, .teacherGaps, weight: .hard)
    #expect(hard.kinds == ["teacher-gaps"])
    #expect(hard.counts == [2])
    #expect(hard.messages == ["Teacher Иванов Сергей Петрович has a gap at Mon 2–3 (lessons at 1 and 4)"])
    let soft = check(lessons, placements, .teacherGaps, weight: .soft(3))
    #expect(soft.softCost.byKind == ["teacherGaps": 6])
    #expect(soft.softViolations.map(\.cost) == [6])
  }

  // MARK: studentGaps

  @Test func eachFreePeriodInsideAStudentUnitsDayIsAGap() {
    let lessons = [lesson("c1", "chem", "7A", "t1"), lesson("c2", "phy", "7A", "t2")]
    let placements = [place("c1", .fri, 2, "r12"), place("c2", .fri, 5, "lab")]
    let hard = check(lessons, placements, .studentGaps, weight: .hard)
    #expect(hard.kinds == ["student-gaps"])
    #expect(hard.counts == [2])
    #expect(hard.messages == ["7А has a gap at Fri 3–4 (lessons at 2 and 5)"])
    let soft = check(lessons, placements, .studentGaps, weight: .soft(2))
    #expect(soft.softCost.total == 4)
  }

  // MARK: teacherDaysOff

  @Test func eachLessonOnARequestedDayOffCountsOnce() {
    let lessons = [
      lesson("b1", "alg", "5B", "t2"), lesson("d1", "phy", "5A", "t2", duration: 2), lesson("c1", "chem", "7A", "t2"),
    ]
    let placements = [place("b1", .fri, 1, "r12"), place("d1", .fri, 2, "lab"), place("c1", .thu, 2, "lab")]
    let rule = ConstraintRule.teacherDaysOff(teacher: "t2", days: [.fri])
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["teacher-days-off", "teacher-days-off"])
    #expect(hard.counts == [1, 1])
    #expect(hard.messages[1] == "Teacher Петрова Анна Ивановна has 5А Физика at Fri 2–3, on a day off they asked for")
    let soft = check(lessons, placements, rule, weight: .soft(7))
    #expect(soft.softCost.byKind == ["teacherDaysOff": 14])
  }

  // MARK: teacherMaxLessonsPerDay

  @Test func eachPeriodBeyondTheTeachersMaximumCounts() {
    let lessons = [
      lesson("a1", "alg", "5A", "t2"), lesson("d1", "phy", "5B", "t2", duration: 2), lesson("c1", "chem", "7A", "t2"),
    ]
    let placements = [place("a1", .tue, 1, "r12"), place("d1", .tue, 2, "lab"), place("c1", .tue, 5, "lab")]
    let rule = ConstraintRule.teacherMaxLessonsPerDay(teacher: "t2", max: 2)
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["teacher-max-lessons-per-day"])
    #expect(hard.counts == [2])
    #expect(hard.messages == ["Teacher Петрова Анна Ивановна has 4 lessons on Tue (at most 2 a day)"])
    let soft = check(lessons, placements, rule, weight: .soft(5))
    #expect(soft.softCost.total == 10)
  }

  // MARK: subjectSpread

  @Test func lessonsOfASubjectOnFewerDaysThanTheyCouldBeBreakTheSpread() {
    let lessons = [
      lesson("p1", "phy", "5A", "t1"), lesson("p2", "phy", "5A", "t1"), lesson("p3", "phy", "5A", "t1"),
      lesson("p4", "phy", "5A", "t1", weeks: .odd, partner: "p5"),
      lesson("p5", "phy", "5A", "t1", weeks: .even, partner: "p4"),
    ]
    // Four lessons in odd weeks (p5 is held in even weeks only) on Monday and Tuesday: they could be
    // on four days.
    let placements = [
      place("p1", .mon, 1, "lab"), place("p2", .mon, 2, "lab"), place("p3", .tue, 1, "lab"),
      place("p4", .tue, 2, "lab"), place("p5", .tue, 2, "lab"),
    ]
    let rule = ConstraintRule.subjectSpread(lessons: ["p1", "p2", "p3", "p4", "p5"])
    let hard = check(lessons, placements, rule, weight: .hard)
    #expect(hard.kinds == ["subject-spread"])
    #expect(hard.counts == [2])
    #expect(hard.messages == ["Физика of 5А is held on 2 days; its 4 lessons could be on 4 different days"])
    let soft = check(lessons, placements, rule, weight: .soft(2))
    #expect(soft.softCost.byKind == ["subjectSpread": 4])
  }

  @Test func moreLessonsThanDaysNeedOnlyEveryDay() {
    let lessons = (1...7).map { lesson("p\($0)", "phy", "5A", "t1") }
    let days: [Weekday] = [.mon, .tue, .wed, .thu, .fri, .mon, .tue]
    let placements = zip(lessons, days).enumerated().map { i, pair in place(pair.0.id, pair.1, i < 5 ? 1 : 2, "lab") }
    let result = check(lessons, placements, .subjectSpread(lessons: lessons.map(\.id)), weight: .soft(2))
    #expect(result.softCost.total == 0)
  }

  // MARK: difficultNotFirstLast

  @Test func aDifficultLessonFirstOrLastInItsClassesDayCounts() {
    let lessons = [
      lesson("a1", "alg", "5A", "t1", difficult: true), lesson("a2", "geo", "5A", "t1"),
      lesson("a3", "phy", "5A", "t2", difficult: true), lesson("a4", "inf", "5A", "t2", difficult: true),
      lesson("a5", "chem", "5A", "t3"), lesson("a6", "geo", "5A", "t1"),
    ]
    // Monday: Алгебра first, Физика last. Tuesday: Информатика in the middle.
    let placements = [
      place("a1", .mon, 1, "r12"), place("a2", .mon, 2, "r12"), place("a3", .mon, 3, "lab"),
      place("a5", .tue, 1, "lab"), place("a4", .tue, 2, "r12"), place("a6", .tue, 3, "r12"),
    ]
    let hard = check(lessons, placements, .difficultNotFirstLast, weight: .hard)
    #expect(hard.kinds == ["difficult-first-last", "difficult-first-last"])
    #expect(hard.counts == [1, 1])
    #expect(
      hard.messages == [
        "5А Алгебра at Mon 1 is the first lesson of 5А that day",
        "5А Физика at Mon 3 is the last lesson of 5А that day",
      ])
    let soft = check(lessons, placements, .difficultNotFirstLast, weight: .soft(3))
    #expect(soft.softCost.byKind == ["difficultNotFirstLast": 6])
  }

  @Test func aDifficultStreamLessonCountsOncePerClassItEndsOrStarts() {
    var stream = lesson("s1", "phy", "5A", "t1", difficult: true)
    stream.classes = ["5A", "5B"]
    stream.students = ["5A", "5B/1", "5B/2"]
    // 5А has only the stream on Wednesday (first and last: one unit); 5Б goes on after it.
    let lessons = [stream, lesson("b1", "alg", "5B", "t2")]
    let placements = [place("s1", .wed, 1, "lab"), place("b1", .wed, 2, "r12")]
    let result = check(lessons, placements, .difficultNotFirstLast, weight: .hard)
    #expect(result.counts == [1, 1])
    #expect(
      result.messages == [
        "5А+5Б Физика at Wed 1 is the only lesson of 5А that day",
        "5А+5Б Физика at Wed 1 is the first lesson of 5Б that day",
      ])
  }

  // MARK: teacherRoomChanges

  @Test func eachChangeOfRoomBetweenATeachersLessonsCounts() {
    let lessons = [
      lesson("a1", "alg", "5A", "t1"), lesson("a2", "geo", "5A", "t1"), lesson("b1", "alg", "5B", "t1"),
      lesson("c1", "phy", "7A", "t1"),
    ]
    // Tuesday: Кабинет 12, Кабинет 14, Кабинет 14, Кабинет 12: two changes.
    let placements = [
      place("a1", .tue, 1, "r12"), place("a2", .tue, 2, "r14"), place("b1", .tue, 3, "r14"),
      place("c1", .tue, 5, "r12"),
    ]
    let hard = check(lessons, placements, .teacherRoomChanges, weight: .hard)
    #expect(hard.kinds == ["teacher-room-changes", "teacher-room-changes"])
    #expect(hard.counts == [1, 1])
    #expect(
      hard.messages[0]
        == "Teacher Иванов Сергей Петрович moves from Room Кабинет 12 to Room Кабинет 14 for 5А Геометрия at Tue 2")
    let soft = check(lessons, placements, .teacherRoomChanges, weight: .soft(1))
    #expect(soft.softCost.total == 2)
  }

  @Test func aStreamTeachersRoomIsTheRoomOfTheirRequirement() {
    var stream = lesson("s1", "phy", "5A", "t1")
    stream.classes = ["5A", "5B"]
    stream.teachers = ["t1", "t2"]
    stream.students = ["5A", "5B/1", "5B/2"]
    stream.rooms = [RoomRequirement(allowed: ["r12", "lab"]), RoomRequirement(allowed: ["r12", "lab"])]
    let lessons = [stream, lesson("c1", "chem", "7A", "t2"), lesson("c2", "alg", "7A", "t1")]
    let placements = [place("s1", .wed, 1, "r12", "lab"), place("c1", .wed, 2, "lab"), place("c2", .wed, 3, "r12")]
    let result = check(lessons, placements, .teacherRoomChanges, weight: .soft(1))
    #expect(result.isFeasible)
    #expect(result.softCost.total == 0)
  }
}
