import Checker
import Planner
import Testing

@testable import Solver

/// The rooms of groups under a hard maximum of rooms decided before the search (`RoomAllotment`):
/// groups competing for two rooms are packed so that both fit, the model's choices narrowed to
/// them, and a problem that needs the packing solved (judged by the Checker).
@Suite struct RoomAllotmentTests {
  /// One day of five periods, rooms r1 and r2, and four classes: A and B with three lessons, C and
  /// D with two, each class's lessons under a hard "one room" rule (with the setting), any room.
  /// The rooms hold ten lessons in all: only A or B with C or D fits one room.
  static func fourGroups(allot: Bool, weight: ConstraintWeight = .hard) throws -> (TimetableProblem, TimetableModel) {
    var b = ProblemFixture.Builder()
    b.days = [.mon]
    b.periods = 5
    b.addRoom("r1")
    b.addRoom("r2")
    for (c, n) in [("A", 3), ("B", 3), ("C", 2), ("D", 2)] {
      b.addClass(c, compact: false)
      b.addTeacher("t\(c)")
      b.addLessons(n, subject: "it", class: c, teacher: "t\(c)", rooms: [["r1", "r2"]], oncePerDay: false)
      let ids = (1...n).map { "\(c)-it-whole-\($0)" }
      b.constraints.append(TimetableConstraint(.occupyMaxRooms(lessons: ids, max: 1), weight: weight))
    }
    var parameters = SearchParameters()
    parameters.model.allotGroupRooms = allot
    let problem = b.problem
    return (problem, try TimetableModel(problem: problem, parameters: parameters))
  }

  /// The rooms each class's lessons may choose in the model.
  static func choices(_ model: TimetableModel) -> [String: Set<Int32>] {
    var rooms: [String: Set<Int32>] = [:]
    for (lesson, id) in model.lessonIDs.enumerated() {
      rooms[String(id.prefix(1)), default: []].formUnion(model.roomChoices[lesson].flatMap { $0 })
    }
    return rooms
  }

  @Test func groupsCompetingForTwoRoomsArePackedSoThatBothFit() throws {
    let (_, model) = try Self.fourGroups(allot: true)
    let rooms = Self.choices(model)
    for c in ["A", "B", "C", "D"] { #expect(rooms[c]?.count == 1, "\(c): \(rooms[c] ?? [])") }
    // The two groups of three lessons in different rooms, and so the two of two.
    #expect(rooms["A"] != rooms["B"])
    #expect(rooms["C"] != rooms["D"])
  }

  @Test func withoutTheSettingOrWithASoftRuleEveryRoomStaysOpen() throws {
    for (allot, weight) in [(false, ConstraintWeight.hard), (true, .soft(5))] {
      let rooms = Self.choices(try Self.fourGroups(allot: allot, weight: weight).1)
      for c in ["A", "B", "C", "D"] { #expect(rooms[c]?.count == 2, "\(c) with \(weight), allot \(allot)") }
    }
  }

  @Test func aGroupWithNoMoreRoomsThanItsMaximumIsLeftAsItIs() {
    // Lessons 0 and 1 may use rooms 10 and 11 under a maximum of two: nothing to decide.
    let allotment = RoomAllotment(groups: [([0, 1], 2)], duration: [1, 1], openPeriods: [5, 5], firstRoom: 10)
    let choices: [[[Int32]]] = [[[10, 11]], [[11, 10]]]
    let optional = [[false], [false]]
    #expect(allotment.allot(choices, optional: optional, fixed: [[], []]) == choices)
  }

  @Test func aGroupFillingLessThanTheLeastShareOfARoomIsLeftAsItIs() {
    // Two lessons under "one room" in rooms of five periods: 0.4 of a room.
    for (least, narrowed) in [(0.4, true), (0.5, false)] {
      var allotment = RoomAllotment(groups: [([0, 1], 1)], duration: [1, 1], openPeriods: [5, 5], firstRoom: 10)
      allotment.leastShare = least
      let choices: [[[Int32]]] = [[[10, 11]], [[10, 11]]]
      let result = allotment.allot(choices, optional: [[false], [false]], fixed: [[], []])
      #expect(result == (narrowed ? [[[10]], [[10]]] : choices), "least share \(least)")
    }
  }

  @Test func groupsInRoomsLeftMostlyFreeAreLeftAsTheyAre() {
    // Two lessons under "one room" and one other lesson in two rooms of five periods: 0.3 full.
    for (least, narrowed) in [(0.25, true), (0.4, false)] {
      var allotment = RoomAllotment(groups: [([0, 1], 1)], duration: [1, 1, 1], openPeriods: [5, 5], firstRoom: 10)
      allotment.leastFill = least
      let choices: [[[Int32]]] = [[[10, 11]], [[10, 11]], [[10, 11]]]
      let result = allotment.allot(choices, optional: [[false], [false], [false]], fixed: [[], [], []])
      #expect((result[0] == [[10]] || result[0] == [[11]]) == narrowed, "least fill \(least)")
      #expect(result[2] == choices[2])
    }
  }

  @Test func otherLessonsLoadTheRoomsTheyMayUse() {
    // Lesson 2 (four periods, outside the group) may only use room 10: the group of lessons 0
    // and 1 takes room 11.
    let allotment = RoomAllotment(groups: [([0, 1], 1)], duration: [1, 1, 4], openPeriods: [5, 5], firstRoom: 10)
    let narrowed = allotment.allot(
      [[[10, 11]], [[10, 11]], [[10]]], optional: [[false], [false], [false]], fixed: [[], [], []])
    #expect(narrowed == [[[11]], [[11]], [[10]]])
  }

  /// One day of two periods; A's lesson (under "one room") may be held only in period 1, when r1
  /// is closed; B's lesson takes r2. The packing's choice for A, r1 (as loaded as r2 for its open
  /// period), would leave it no time: A keeps both rooms, and the problem is solved in r2. (The
  /// rooms are two thirds full: the least fill is lowered for the group to be decided at all.)
  @Test func aGroupWhoseRoomsWouldLeaveALessonNoTimeKeepsEveryRoom() throws {
    var b = RoomRuleRepairTests.oneDay(periods: 2)
    b.addClass("B", compact: false)
    b.addTeacher("tA", unavailable: [TimeSlot(day: .mon, period: 2)])
    b.addTeacher("tB")
    b.addLessons(1, subject: "x", class: "A", teacher: "tA", rooms: [["r1", "r2"]])
    b.addLessons(1, subject: "y", class: "B", teacher: "tB", rooms: [["r2"]])
    b.constraints.append(
      TimetableConstraint(.roomNotAvailable(room: "r1", slots: [TimeSlot(day: .mon, period: 1)]), weight: .hard))
    b.constraints.append(TimetableConstraint(.occupyMaxRooms(lessons: ["A-x-whole-1"], max: 1), weight: .hard))
    let problem = b.problem
    var settings = SolveSettings(timeLimit: 30, seed: 3, stopWhenFeasible: true, useMIP: false)
    settings.parameters.model.allottedRoomsFill = 0.5
    let model = try TimetableModel(problem: problem, parameters: settings.parameters)
    #expect(model.roomChoices[model.lessonIndex["A-x-whole-1"]!].flatMap { $0 }.count == 2)
    let result = try TimetableSolver.solve(problem, settings: settings)
    let check = TimetableCheck(problem: problem, timetable: result.timetable)
    #expect(check.isFeasible, "\(check.text())")
  }

  @Test func theSolverSolvesTheFourGroupsWithTheSetting() throws {
    let (problem, _) = try Self.fourGroups(allot: true)
    var settings = SolveSettings(timeLimit: 30, seed: 3, stopWhenFeasible: true, useMIP: false)
    settings.parameters.model.allotGroupRooms = true
    let result = try TimetableSolver.solve(problem, settings: settings)
    let check = TimetableCheck(problem: problem, timetable: result.timetable)
    #expect(check.isFeasible, "\(check.text())")
  }
}
