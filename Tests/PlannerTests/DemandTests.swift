import Testing

@testable import Planner

@Suite struct DemandTests {
  func problem(_ change: (inout Organisation) -> Void = { _ in }) throws -> TimetableProblem {
    var school = Fixture.school
    change(&school)
    return try LessonDemandBuilder.problem(for: school, period: "Q1")
  }

  @Test func weeklyHoursBecomeLessonsWithDoublesAndHalfHours() throws {
    let p = try problem()
    let of5A = p.lessons.filter { $0.classes == ["5А"] }
    func lessons(_ subject: SubjectID) -> [Lesson] { of5A.filter { $0.subject == subject } }
    #expect(lessons("math").count == 5)
    #expect(lessons("math").allSatisfy { $0.duration == 1 && $0.weeks == .every && $0.teachers == ["t2"] })
    // Two hours planned as double: one lesson of two periods.
    #expect(lessons("art").map(\.duration) == [2])
    // 1.5 hours: one lesson every week and one every other week.
    #expect(lessons("hist").map(\.weeks) == [.every, .even])  // its partner, music, takes the odd weeks
    // Split in halves: three lessons for each group, each with its teacher.
    #expect(lessons("eng").count == 6)
    #expect(Set(lessons("eng").flatMap(\.teachers)) == ["t3", "t4"])
  }

  @Test func halfHourLessonsOfTheSameStudentsShareASlotInOddAndEvenWeeks() throws {
    let p = try problem()
    let music = try #require(p.lessons.first { $0.classes == ["5А"] && $0.subject == "music" })
    let history = try #require(p.lessons.first { $0.classes == ["5А"] && $0.subject == "hist" && $0.weeks != .every })
    #expect(music.weeks == .odd)
    #expect(history.weeks == .even)
    #expect(music.partner == history.id)
    #expect(history.partner == music.id)
  }

  @Test func subgroupsOfOneSplitAreDisjointAndTheWholeClassTakesThemAll() throws {
    let p = try problem {
      $0.assignments[6].split = .boysGirls; $0.assignments[6].teachers = ["t6", "t6"]
    }
    let units = try #require(p.classes.first { $0.id == "5А" }?.units)
    #expect(units.count == 4)  // halves × boys/girls
    let english = p.lessons.filter { $0.classes == ["5А"] && $0.subject == "eng" }
    let group1 = Set(english.first { $0.group == "1" }!.students)
    let group2 = Set(english.first { $0.group == "2" }!.students)
    #expect(group1.isDisjoint(with: group2))
    #expect(group1.union(group2) == Set(units))
    let informatics = p.lessons.first { $0.classes == ["5А"] && $0.subject == "inf" && $0.group == "1" }!
    #expect(Set(informatics.students) == group1)  // the same halves for English and informatics
    let boys = Set(p.lessons.first { $0.classes == ["5А"] && $0.subject == "art" && $0.group == "boys" }!.students)
    #expect(!boys.isDisjoint(with: group1))
    #expect(Set(p.lessons.first { $0.classes == ["5А"] && $0.subject == "math" }!.students) == Set(units))
    #expect(p.lessons.first { $0.classes == ["5А"] && $0.group == "boys" }?.size == 12)
  }

  @Test func roomsFollowTheSubjectTheTeacherAndTheHomeRoom() throws {
    let p = try problem()
    func rooms(_ subject: SubjectID, _ group: String = "whole") -> RoomRequirement? {
      p.lessons.first { $0.classes == ["5А"] && $0.subject == subject && $0.group == group }?.rooms.first
    }
    #expect(rooms("math")?.allowed == ["r5a"])  // home room
    #expect(rooms("pe")?.allowed == ["gym"])
    #expect(rooms("inf", "1")?.allowed == ["comp"])  // 13 students fit the 14 seats
    #expect(rooms("eng", "1")?.allowed == ["r12"])  // the teacher's own room
    #expect(rooms("eng", "2")?.allowed.first == "r5a")  // any classroom, home room first
    #expect(rooms("eng", "2")?.allowed == ["r5a", "r5b", "r6a", "r12"])
    #expect(rooms("eng", "2")?.preferred == ["r5a"])
  }

  @Test func aStreamIsOneLessonWithATeacherAndRoomPerGroupForAllItsClasses() throws {
    let p = try problem {
      $0.assignments.removeAll { $0.subject == "eng" }
      $0.streams = [
        Stream(
          id: "s5-eng", name: "5 English", subject: "eng", classes: ["5А", "5Б"],
          groups: [
            StreamGroup(name: "A1", teacher: "t3"), StreamGroup(name: "A2", teacher: "t4"),
            StreamGroup(name: "B1", teacher: "t5"),
          ])
      ]
      $0.teachers[4].subjects.append("eng")
    }
    let stream = p.lessons.filter { $0.subject == "eng" }
    #expect(stream.count == 3)
    #expect(
      stream.allSatisfy { $0.teachers == ["t3", "t4", "t5"] && $0.rooms.count == 3 && $0.classes == ["5А", "5Б"] })
    let units = p.classes.filter { ["5А", "5Б"].contains($0.id) }.flatMap(\.units)
    #expect(Set(stream[0].students) == Set(units))
  }

  @Test func aSubjectWithNoTeacherIsStillPlacedAsAVacancy() throws {
    let p = try problem { $0.assignments.removeAll { $0.class == "5Б" && $0.subject == "math" } }
    let vacancy = p.lessons.filter { $0.classes == ["5Б"] && $0.subject == "math" }
    #expect(vacancy.count == 5)
    #expect(vacancy.allSatisfy { $0.teachers.isEmpty && $0.group == "whole" })
  }

  @Test func rulesBecomeConstraints() throws {
    let p = try problem { $0.teachers[0].daysOffRequested = [.fri] }
    #expect(
      p.constraints.contains { $0.rule == .classCompactDay(class: "5А", startAtFirst: true) && $0.weight == .hard })
    // Six lessons a day is the shift's length: no separate daily maximum for grade 5.
    #expect(
      !p.constraints.contains {
        if case .classMaxLessonsPerDay(class: "5А", _) = $0.rule { return true } else { return false }
      })
    let math = p.lessons.filter { $0.classes == ["5А"] && $0.subject == "math" }.map(\.id)
    #expect(p.constraints.contains { $0.rule == .lessonsMaxPerDay(lessons: math, max: 1) && $0.weight.isHard })
    #expect(p.constraints.contains { $0.rule == .teacherDaysOff(teacher: "t1", days: [.fri]) && $0.weight == .soft(5) })
    #expect(p.constraints.contains { $0.rule == .doublesNotAcrossLongBreak })
    #expect(p.classes.first { $0.id == "5А" }?.longBreaksAfter == [3])
    // Six hours in five days: at most two a day.
    let six = try problem { $0.workingCurricula[0].entries[1].weeklyHours = 6 }
    let math6 = six.lessons.filter { $0.classes == ["5А"] && $0.subject == "math" }.map(\.id)
    #expect(six.constraints.contains { $0.rule == .lessonsMaxPerDay(lessons: math6, max: 2) })
  }

  @Test func buildingADemandFromInvalidDataThrowsItsErrors() {
    var school = Fixture.school
    school.classes[0].shift = "9"
    #expect(throws: PlanningErrors.self) { try LessonDemandBuilder.problem(for: school) }
    #expect(throws: PlanningErrors.self) { try LessonDemandBuilder.problem(for: Fixture.school, period: "Q9") }
  }
}
