import Checker
import Foundation
import Planner
import Testing

@testable import Solver

/// What a solve could not fix is explained in sentences, and the solver returns (it does not hang).
@Suite struct DiagnosisTests {
  /// Two classes, two teachers, 5 days × 4 periods.
  func base() -> ProblemFixture.Builder {
    var b = ProblemFixture.Builder()
    b.periods = 4
    b.addClass("5A")
    b.addClass("5B")
    b.addTeacher("t1")
    b.addTeacher("t2")
    b.addRoom("r1")
    b.addRoom("lab", type: .laboratory)
    return b
  }

  /// The counting before a solve is the Planner's (PlannerTests/DemandCapacityTests, on the same
  /// problems); here the solve of an impossible problem returns, with what it could not fix told.
  @Test func aTeacherWithMoreLessonsThanFreePeriodsLeavesViolationsThatAreTold() throws {
    var b = base()
    b.teachers[0].unavailable = [.fri, .thu].flatMap { d in (1...4).map { TimeSlot(day: d, period: $0) } }
    b.addLessons(8, subject: "math", class: "5A", teacher: "t1", oncePerDay: false)
    b.addLessons(6, subject: "math", class: "5B", teacher: "t1", oncePerDay: false)
    let result = try TimetableSolver.solve(b.problem, settings: SolveSettings(timeLimit: 5, useMIP: false))
    #expect(!TimetableCheck(problem: b.problem, timetable: result.timetable).isFeasible)
    #expect(!result.diagnosis.isEmpty)
  }

  @Test func aStreamWhoseClassesNeverMeetIsLeftUnplacedAndTold() throws {
    var b = base()
    b.classes[1].firstPeriod = 3
    b.classes[1].lastPeriod = 4
    b.classes[0].lastPeriod = 2
    b.lessons.append(
      Lesson(
        id: "stream-1", subject: "eng", classes: ["5A", "5B"], group: "7 English", teachers: ["t1", "t2"],
        students: ["5A", "5B"], size: 40))
    let result = try TimetableSolver.solve(b.problem, settings: SolveSettings(timeLimit: 5, useMIP: false))
    #expect(result.unplacedLessons == ["stream-1"])
    #expect(result.diagnosis.contains { $0.contains("could not be placed") })
  }

  /// After a solve that leaves hard violations, each is told once and by name: a rule of days
  /// between two lessons (with the first of the pair), a teacher's daily maximum (with the first
  /// of the teacher's lessons that day), and two lessons in one chosen room.
  @Test func whatATimetableStillBreaksIsToldRuleByRule() throws {
    var b = ProblemFixture.Builder()
    b.periods = 4
    b.addClass("5A", compact: false)
    b.addClass("5B", compact: false)
    for t in ["t1", "t2", "t3"] { b.addTeacher(t) }
    b.addRoom("r1")
    b.addRoom("r2")
    b.addLessons(2, subject: "math", class: "5A", teacher: "t1", oncePerDay: false)
    b.addLessons(1, subject: "art", class: "5A", teacher: "t2", rooms: [["r1", "r2"]])
    b.addLessons(1, subject: "art", class: "5B", teacher: "t3", rooms: [["r1", "r2"]])
    let math = b.lessons.filter { $0.subject == "math" }.map(\.id)
    b.constraints += [
      TimetableConstraint(.minDaysBetween(lessons: math, minDays: 2, consecutiveIfSameDay: false), weight: .hard),
      TimetableConstraint(.teachersMaxHoursDaily(teacher: "t1", max: 1), weight: .hard),
    ]
    let model = try TimetableModel(problem: b.problem)
    let state = SearchState(model: model)
    func lesson(_ id: String) -> Int { model.lessonIndex[id]! }
    // Both math lessons on Monday, both art lessons at Monday 3 in the first room.
    state.place(Int(model.blockOf[lesson(math[0])]), at: 0)
    state.place(Int(model.blockOf[lesson(math[1])]), at: 1)
    for id in ["5A-art-whole-1", "5B-art-whole-1"] {
      state.place(Int(model.blockOf[lesson(id)]), at: 2)
      state.setRoom(
        lesson: lesson(id), choice: 0,
        room: model.roomChoices[lesson(id)][0].first { Int($0) == model.teacherCount + model.unitCount }!)
    }
    // Days between the lessons (2 missing), the teacher's day and the room.
    #expect(state.cost.hard == 4)
    let findings = Diagnosis.afterSolve(state: state)
    #expect(findings.count == 2, "\(findings)")
    #expect(
      findings.contains(
        "5A Math, Teacher t1 at Mon 1 is fewer than 2 days from 5A Math, Teacher t1 at Mon 2, which a rule of days between them forbids, and breaks a hard rule of teacher Teacher t1: more than 1 lesson on Mon."
      ))
    #expect(findings.contains("5A Art, Teacher t2 at Mon 3 shares the room Room r1 with 5B Art, Teacher t3."))
    // A rule between two lessons that must follow each other is told with its first lesson only.
    var c = ProblemFixture.Builder()
    c.periods = 4
    c.addClass("5A", compact: false)
    c.addTeacher("t1")
    c.addLessons(2, subject: "lab", class: "5A", teacher: "t1", oncePerDay: false)
    c.constraints.append(
      TimetableConstraint(.consecutive(first: c.lessons[0].id, second: c.lessons[1].id), weight: .hard))
    let pairModel = try TimetableModel(problem: c.problem)
    let pair = SearchState(model: pairModel)
    pair.place(Int(pairModel.blockOf[pairModel.lessonIndex[c.lessons[0].id]!]), at: 0)
    pair.place(Int(pairModel.blockOf[pairModel.lessonIndex[c.lessons[1].id]!]), at: 2)
    #expect(
      Diagnosis.afterSolve(state: pair) == [
        "5A Lab, Teacher t1 at Mon 1 must come right before 5A Lab, Teacher t1 at Mon 3."
      ])
    // The old catch-all sentence is gone.
    #expect(!findings.contains { $0.contains("the checker's report names it") })
  }
}

@Suite struct SmallProblemTests {
  @Test func subgroupsOfOneSplitMayShareASlotAndTheCheckerAgrees() throws {
    var b = ProblemFixture.Builder()
    b.periods = 2
    b.days = [.mon]
    b.addClass("5A", units: ["5A/1", "5A/2"])
    b.addTeacher("t1")
    b.addTeacher("t2")
    b.addTeacher("t3")
    b.addLessons(1, subject: "eng", class: "5A", teacher: "t1", units: ["5A/1"], group: "1")
    b.addLessons(1, subject: "eng", class: "5A", teacher: "t2", units: ["5A/2"], group: "2")
    b.addLessons(1, subject: "math", class: "5A", teacher: "t3")
    let result = try TimetableSolver.solve(b.problem, settings: SolveSettings(timeLimit: 10, stopWhenFeasible: true))
    let check = TimetableCheck(problem: b.problem, timetable: result.timetable)
    #expect(check.isFeasible, "\(check.text())")
    // Two periods for three lessons: the two halves must be together.
    let english = result.timetable.placements.filter { $0.lesson.contains("eng") }
    #expect(Set(english.map(\.period)).count == 1)
  }

  @Test func doubleLessonsTakeTwoPeriodsAndNotAcrossTheLongBreak() throws {
    var b = ProblemFixture.Builder()
    b.periods = 4
    b.days = [.mon, .tue]
    b.addClass("5A")
    b.classes[0].longBreaksAfter = [2]
    b.addTeacher("t1")
    b.addLessons(2, subject: "tech", class: "5A", teacher: "t1", duration: 2)
    b.addLessons(4, subject: "math", class: "5A", teacher: "t1", oncePerDay: false)
    b.constraints.append(TimetableConstraint(.doublesNotAcrossLongBreak, weight: .hard))
    let result = try TimetableSolver.solve(b.problem, settings: SolveSettings(timeLimit: 10, stopWhenFeasible: true))
    let check = TimetableCheck(problem: b.problem, timetable: result.timetable)
    #expect(check.isFeasible, "\(check.text())")
    for p in result.timetable.placements where p.lesson.contains("tech") { #expect(p.period == 1 || p.period == 3) }
  }

  @Test func oddAndEvenLessonsShareTheirSlot() throws {
    var b = ProblemFixture.Builder()
    b.periods = 3
    b.days = [.mon]
    b.addClass("5A")
    b.addTeacher("t1")
    b.addTeacher("t2")
    b.lessons.append(
      Lesson(
        id: "music", subject: "music", classes: ["5A"], group: "whole", teachers: ["t1"], students: ["5A"], size: 20,
        weeks: .odd, partner: "art"))
    b.lessons.append(
      Lesson(
        id: "art", subject: "art", classes: ["5A"], group: "whole", teachers: ["t2"], students: ["5A"], size: 20,
        weeks: .even, partner: "music"))
    b.addLessons(2, subject: "math", class: "5A", teacher: "t1", oncePerDay: false)
    let result = try TimetableSolver.solve(b.problem, settings: SolveSettings(timeLimit: 10, stopWhenFeasible: true))
    #expect(TimetableCheck(problem: b.problem, timetable: result.timetable).isFeasible)
    let music = result.timetable.placement(of: "music")!
    let art = result.timetable.placement(of: "art")!
    #expect(music.day == art.day && music.period == art.period)
  }

  @Test func roomsOfTheRequiredKindAreMatchedSlotBySlot() throws {
    var b = ProblemFixture.Builder()
    b.periods = 2
    b.days = [.mon]
    b.addClass("5A")
    b.addClass("5B")
    b.addTeacher("t1")
    b.addTeacher("t2")
    b.addRoom("c1", type: .computer)
    b.addRoom("c2", type: .computer)
    b.addLessons(2, subject: "inf", class: "5A", teacher: "t1", rooms: [["c1", "c2"]], oncePerDay: false)
    b.addLessons(2, subject: "inf", class: "5B", teacher: "t2", rooms: [["c1", "c2"]], oncePerDay: false)
    let result = try TimetableSolver.solve(b.problem, settings: SolveSettings(timeLimit: 10, stopWhenFeasible: true))
    let check = TimetableCheck(problem: b.problem, timetable: result.timetable)
    #expect(check.isFeasible, "\(check.text())")
    for period in [1, 2] {
      let rooms = result.timetable.placements.filter { $0.period == period }.flatMap(\.rooms)
      #expect(Set(rooms).count == 2)
    }
  }
}
