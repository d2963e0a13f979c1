import Checker
import Foundation
import Planner
import Testing

@Suite struct ReportTests {
  /// A timetable with a teacher clash, an unplaced lesson and a soft teacher gap.
  func clashing() -> TimetableCheck {
    let problem = School.problem(
      [
        lesson("a1", "alg", "5A", "t1"), lesson("b1", "geo", "5B", "t1"), lesson("c1", "chem", "7A", "t1"),
        lesson("c2", "phy", "7A", "t2"),
      ],
      constraints: [TimetableConstraint(.teacherGaps, weight: .soft(3))])
    return check(problem, [place("a1", .tue, 3, "r12"), place("b1", .tue, 3, "r14"), place("c1", .tue, 5, "lab")])
  }

  @Test func theReportIsJSONWithHardViolationsAndSoftCostAtTheTop() throws {
    let data = try JSONEncoder().encode(clashing().report)
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(Set(json.keys) == ["summary", "hardViolations", "softCost"])
    let violations = try #require(json["hardViolations"] as? [[String: Any]])
    #expect(violations.map { $0["kind"] as? String } == ["unplaced", "teacher-clash"])
    #expect(violations[0]["day"] == nil)
    let clash = violations[1]
    #expect(clash["count"] as? Int == 1)
    #expect(clash["day"] as? String == "tue")
    #expect(clash["period"] as? Int == 3)
    #expect(clash["lessons"] as? [String] == ["a1", "b1"])
    #expect(clash["message"] as? String == "Teacher Иванов Сергей Петрович has 5А Алгебра and 5Б Геометрия at Tue 3")
    let soft = try #require(json["softCost"] as? [String: Any])
    #expect(soft["total"] as? Int == 3)
    #expect(soft["byKind"] as? [String: Int] == ["teacherGaps": 3])
    let summary = try #require(json["summary"] as? [String: Any])
    #expect(summary["lessons"] as? Int == 4)
    #expect(summary["placed"] as? Int == 3)
    #expect(summary["hardViolationCount"] as? Int == 2)
    #expect(summary["feasible"] as? Bool == false)
  }

  @Test func theReportDecodesBackToItself() throws {
    let report = clashing().report
    let decoded = try JSONDecoder().decode(CheckReport.self, from: JSONEncoder().encode(report))
    #expect(decoded == report)
  }

  @Test func theTextListsViolationsByKindThenTheSoftCost() {
    #expect(
      clashing().text() == """
        Lessons: 4, placed: 3
        Hard violations: 2
          unplaced (1):
            7А Физика (lesson c2) is not placed
          teacher-clash (1):
            Teacher Иванов Сергей Петрович has 5А Алгебра and 5Б Геометрия at Tue 3
        Soft cost: 3
          teacherGaps: 3

        """)
  }

  @Test func constraintsOnLessonsNotInTheDemandAreIgnored() {
    let problem = School.problem(
      [lesson("a1", "alg", "5A", "t1")],
      constraints: [
        TimetableConstraint(.lessonsMaxPerDay(lessons: ["x1", "x2"], max: 1), weight: .hard),
        TimetableConstraint(.subjectSpread(lessons: ["x1", "x2", "x3"]), weight: .soft(4)),
      ])
    let result = check(problem, [place("a1", .mon, 1, "r12")])
    #expect(result.isFeasible)
    #expect(result.softCost.total == 0)
  }

  @Test func dayNamesOfTheProblemNameTheDays() {
    var problem = School.problem([lesson("a1", "alg", "5A", "t1"), lesson("b1", "geo", "5B", "t1")])
    problem.dayNames = ["Пн", "Вт", "Ср", "Чт", "Пт"]
    let result = check(problem, [place("a1", .tue, 3, "r12"), place("b1", .tue, 3, "r14")])
    #expect(result.messages == ["Teacher Иванов Сергей Петрович has 5А Алгебра and 5Б Геометрия at Вт 3"])
  }

  /// A school of 100 classes with seven lessons a day each (3,500 lessons), every teacher and room
  /// busy all week, judged whole.
  @Test func aLargeCorrectTimetableIsFeasible() {
    let classes = (0..<100).map { c in
      ProblemClass(
        id: "c\(c)", name: "\(c / 4 + 1)-\(c % 4)", grade: 5, shift: "first", firstPeriod: 1, lastPeriod: 7,
        units: ["c\(c)"], maxLessonsPerDay: 7, compactDay: true)
    }
    var lessons: [Lesson] = []
    var placements: [Placement] = []
    let days: [Weekday] = [.mon, .tue, .wed, .thu, .fri]
    for (d, day) in days.enumerated() {
      for period in 1...7 {
        for c in 0..<100 {
          let id = "c\(c)-\(day.rawValue)\(period)"
          // At each slot the teachers are a rotation of the classes: no one is in two places.
          let teacher = "t\((c + period + d) % 100)"
          lessons.append(
            Lesson(
              id: id, subject: "s\(period)", classes: ["c\(c)"], group: "whole", teachers: [teacher],
              students: ["c\(c)"],
              size: 25, rooms: [RoomRequirement(allowed: ["r\(c)"])]))
          placements.append(Placement(lesson: id, day: day, period: period, rooms: ["r\(c)"]))
        }
      }
    }
    let problem = TimetableProblem(
      organisation: "big", name: "Big", days: days, periodsPerDay: 7, classes: classes,
      teachers: (0..<100).map { ProblemTeacher(id: "t\($0)", name: "Teacher \($0)") },
      rooms: (0..<100).map { ProblemRoom(id: "r\($0)", name: "\($0)", type: .classroom, capacity: 30) },
      subjects: (1...7).map { ProblemSubject(id: "s\($0)", name: "Subject \($0)") }, lessons: lessons,
      constraints: classes.map {
        TimetableConstraint(.classCompactDay(class: $0.id, startAtFirst: true), weight: .hard)
      }
        + [
          TimetableConstraint(.teacherGaps, weight: .soft(1)), TimetableConstraint(.studentGaps, weight: .soft(1)),
          TimetableConstraint(.teacherRoomChanges, weight: .soft(1)),
        ])
    let result = TimetableCheck(
      problem: problem, timetable: Timetable(organisation: "big", period: nil, placements: placements))
    #expect(result.isFeasible)
    #expect(result.placedCount == 3_500)
    #expect(result.softCost.byKind["teacherGaps"] == 0)
    #expect(result.softCost.byKind["studentGaps"] == 0)
    // Each teacher takes a different class, so a different room, every period: six changes a day.
    #expect(result.softCost.byKind["teacherRoomChanges"] == 100 * 5 * 6)
  }
}
