import Checker
import Planner
import Testing

@testable import Solver

/// Rooms chosen among several: the repair of rules on the rooms of several lessons and the room
/// a lesson under such a rule takes where it is placed, on a state set up by hand, and rooms
/// closed at a time (a lesson whose every room is closed does not go there).
@Suite struct RoomRuleRepairTests {
  /// Class A's four lessons (t1) may have r1 or r2 and must share one room; B's lesson (t2), at
  /// the time of A's first, may have r1 or r3.
  static func problem() -> TimetableProblem {
    var b = ProblemFixture.Builder()
    b.days = [.mon]
    b.periods = 4
    for r in ["r1", "r2", "r3"] { b.addRoom(r) }
    b.addClass("A", compact: false)
    b.addClass("B", compact: false)
    b.addTeacher("t1")
    b.addTeacher("t2")
    b.addLessons(4, subject: "x", class: "A", teacher: "t1", rooms: [["r1", "r2"]], oncePerDay: false)
    b.addLessons(1, subject: "y", class: "B", teacher: "t2", rooms: [["r1", "r3"]])
    b.constraints.append(
      TimetableConstraint(.occupyMaxRooms(lessons: (1...4).map { "A-x-whole-\($0)" }, max: 1), weight: .hard))
    return b.problem
  }

  /// Two lessons in r2 and two in r1: moving any one of them alone still leaves two rooms, so
  /// only moving the group together keeps the rule; when the group takes r1, B's lesson there
  /// moves to r3.
  @Test func aGroupSplitOverTwoRoomsIsGatheredIntoOne() throws {
    let problem = Self.problem()
    let model = try TimetableModel(problem: problem)
    let state = SearchState(model: model)
    let base = Int32(model.teacherCount + model.unitCount)
    let room = { (id: String) in base + Int32(problem.rooms.firstIndex { $0.id == id }!) }
    func place(_ id: String, at slot: Int, in r: String) {
      let lesson = model.lessonIndex[id]!
      state.place(Int(model.blockOf[lesson]), at: slot)
      state.setRoom(lesson: lesson, choice: 0, room: room(r))
    }
    for (n, r) in ["r2", "r2", "r1", "r1"].enumerated() { place("A-x-whole-\(n + 1)", at: n, in: r) }
    place("B-y-whole-1", at: 0, in: "r1")
    #expect(state.cost.hard == 1)
    RoomRuleRepair(state: state).repair()
    #expect(state.cost.hard == 0)
    let timetable = TimetableWriter.timetable(from: state, problem: problem, locks: [:])
    let check = TimetableCheck(problem: problem, timetable: timetable)
    #expect(check.isFeasible, "\(check.text())")
    let rooms = Set(timetable.placements.filter { $0.lesson.hasPrefix("A-") }.flatMap(\.rooms))
    #expect(rooms.count == 1)
  }

  /// One day of `periods` periods, rooms r1 and r2, class A and teacher t1, no lessons yet.
  static func oneDay(periods: Int) -> ProblemFixture.Builder {
    var b = ProblemFixture.Builder()
    b.days = [.mon]
    b.periods = periods
    for r in ["r1", "r2"] { b.addRoom(r) }
    b.addClass("A", compact: false)
    b.addTeacher("t1")
    return b
  }

  /// A state of the problem with the setting as given and lessons placed by hand (lesson, start
  /// slot, room); and the resource number of a room.
  static func placed(
    _ problem: TimetableProblem, mostUsed: Bool, _ placements: [(String, Int, String)]
  ) throws -> (model: TimetableModel, state: SearchState, room: (String) -> Int32) {
    // Every room of the lessons' choice open: no group's rooms decided before the search.
    var parameters = SearchParameters()
    parameters.model.allotGroupRooms = false
    let model = try TimetableModel(problem: problem, parameters: parameters)
    let state = SearchState(model: model)
    state.mostUsedPartnerRooms = mostUsed
    let base = Int32(model.teacherCount + model.unitCount)
    let room = { (id: String) in base + Int32(problem.rooms.firstIndex { $0.id == id }!) }
    for (id, slot, r) in placements {
      let lesson = model.lessonIndex[id]!
      state.place(Int(model.blockOf[lesson]), at: slot)
      state.setRoom(lesson: lesson, choice: 0, room: room(r))
    }
    return (model, state, room)
  }

  /// Two of A's lessons in r2 and one in r1 (the rule broken; B's lesson in r3): the fourth,
  /// placed where both rooms are free, follows the two into r2; with the setting off it takes
  /// the first room any other has chosen (r1), and the rule stays broken by the lesson in r1
  /// either way.
  @Test func aLessonUnderAMaximumOfRoomsTakesTheRoomMostOfItsGroupUse() throws {
    let placements = [
      ("A-x-whole-1", 0, "r2"), ("A-x-whole-2", 1, "r2"), ("A-x-whole-3", 2, "r1"), ("B-y-whole-1", 0, "r3"),
    ]
    for mostUsed in [true, false] {
      let (model, state, room) = try Self.placed(Self.problem(), mostUsed: mostUsed, placements)
      let fourth = model.lessonIndex["A-x-whole-4"]!
      state.place(Int(model.blockOf[fourth]), at: 3)
      #expect(state.chosenRooms[fourth] == [room(mostUsed ? "r2" : "r1")], "most used: \(mostUsed)")
      #expect(state.cost.hard == 1)
    }
  }

  /// Three lessons of A under the same room if consecutive, the first in r1 at period 1, the
  /// second in r2 at period 3: the third, placed at period 4, takes r2 (the room of the lesson
  /// right before it) and breaks nothing; with the setting off it takes r1, the first room any
  /// other has chosen, and breaks the rule. The Checker agrees.
  @Test func aLessonUnderTheSameRoomIfConsecutiveTakesTheRoomOfItsNeighbour() throws {
    var b = Self.oneDay(periods: 4)
    b.addLessons(3, subject: "x", class: "A", teacher: "t1", rooms: [["r1", "r2"]], oncePerDay: false)
    let ids = (1...3).map { "A-x-whole-\($0)" }
    b.constraints.append(TimetableConstraint(.sameRoomIfConsecutive(lessons: ids), weight: .hard))
    let problem = b.problem
    for mostUsed in [true, false] {
      let (model, state, room) = try Self.placed(problem, mostUsed: mostUsed, [(ids[0], 0, "r1"), (ids[1], 2, "r2")])
      let third = model.lessonIndex[ids[2]]!
      state.place(Int(model.blockOf[third]), at: 3)
      #expect(state.chosenRooms[third] == [room(mostUsed ? "r2" : "r1")], "most used: \(mostUsed)")
      #expect(state.cost.hard == (mostUsed ? 0 : 1))
      let timetable = TimetableWriter.timetable(from: state, problem: problem, locks: [:])
      #expect(TimetableCheck(problem: problem, timetable: timetable).isFeasible == mostUsed)
    }
  }

  /// Both rooms a lesson may have are closed in the first period (FET's room not available
  /// times): it goes to the second, where one is open, and the Checker agrees.
  @Test func aLessonWhoseEveryRoomIsClosedDoesNotGoThere() throws {
    var b = Self.oneDay(periods: 2)
    b.addLessons(1, subject: "x", class: "A", teacher: "t1", rooms: [["r1", "r2"]])
    let first = [TimeSlot(day: .mon, period: 1)]
    b.constraints.append(TimetableConstraint(.roomNotAvailable(room: "r1", slots: first), weight: .hard))
    b.constraints.append(
      TimetableConstraint(
        .roomNotAvailable(room: "r2", slots: first + [TimeSlot(day: .mon, period: 2)]), weight: .hard))
    let problem = b.problem
    let model = try TimetableModel(problem: problem)
    #expect(model.domain[0] == [1])
    let result = try TimetableSolver.solve(problem, settings: SolveSettings(timeLimit: 10, seed: 1, useMIP: false))
    let check = TimetableCheck(problem: problem, timetable: result.timetable)
    #expect(check.isFeasible, "\(check.text())")
    #expect(result.timetable.placements.map(\.period) == [2])
    #expect(result.timetable.placements.map(\.rooms) == [["r1"]])
  }
}
