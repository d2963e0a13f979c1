import Checker
import Planner
import Testing

@testable import Solver

/// Rooms chosen among several: the repair of rules on the rooms of several lessons, on a state
/// set up by hand, and rooms closed at a time (a lesson whose every room is closed does not go
/// there).
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

  /// Both rooms a lesson may have are closed in the first period (FET's room not available
  /// times): it goes to the second, where one is open, and the Checker agrees.
  @Test func aLessonWhoseEveryRoomIsClosedDoesNotGoThere() throws {
    var b = ProblemFixture.Builder()
    b.days = [.mon]
    b.periods = 2
    for r in ["r1", "r2"] { b.addRoom(r) }
    b.addClass("A", compact: false)
    b.addTeacher("t1")
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
