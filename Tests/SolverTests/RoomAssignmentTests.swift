import Planner
import Testing

@testable import Solver

@Suite struct RoomAssignmentTests {
  /// A double lesson D (class A) may take R1 or R2; S1 (class B, R1 only) is beside its first hour
  /// and S2 (class C, R1 or R2) beside its second. D took R1 when it was placed first, so S1 shares
  /// R1 with it. Slot by slot, D's room is kept and S1 has nowhere to go; over the whole week D
  /// takes R2 and S2 takes R1.
  static func doubleLessonInTheWay() -> TimetableProblem {
    var b = threeClassesAndTwoRooms(periods: 3)
    b.addLessons(1, subject: "lab", class: "A", teacher: nil, duration: 2, rooms: [["R1", "R2"]])
    b.addLessons(1, subject: "chem", class: "B", teacher: nil, rooms: [["R1"]])
    b.addLessons(1, subject: "bio", class: "C", teacher: nil, rooms: [["R1", "R2"]])
    return b.problem
  }

  /// Monday only, classes A, B and C (days with gaps allowed), rooms R1 and R2.
  private static func threeClassesAndTwoRooms(periods: Int) -> ProblemFixture.Builder {
    var b = ProblemFixture.Builder()
    b.periods = periods
    b.days = [.mon]
    for c in ["A", "B", "C"] { b.addClass(c, compact: false) }
    b.addRoom("R1")
    b.addRoom("R2")
    return b
  }

  private func doubleLessonInTheWay() throws -> SearchState {
    let state = SearchState(model: try TimetableModel(problem: Self.doubleLessonInTheWay()))
    state.place(0, at: 0)
    state.place(1, at: 0)
    state.place(2, at: 1)
    return state
  }

  @Test func aDoubleLessonGivesUpTheRoomASingleLessonNeeds() throws {
    let state = try doubleLessonInTheWay()
    let base = Int32(state.model.teacherCount + state.model.unitCount)
    let clash = state.cost.hard
    #expect(clash > 0)
    #expect(state.chosenRooms[0] == [base])
    RoomMatching(state: state).repair()
    #expect(state.cost.hard == clash, "slot by slot, the double lesson keeps R1")
    let rooms = RoomAssignment(state: state)
    #expect(rooms.daysWithRoomClash == [0])
    #expect(rooms.improve(timeLimit: 5))
    #expect(state.cost.hard == 0)
    #expect(state.chosenRooms[0] == [base + 1])
    #expect(state.chosenRooms[2] == [base])
    #expect(rooms.daysWithRoomClash.isEmpty)
    #expect(state.cost == state.recomputedCost())
    #expect(state.start.map(Int.init) == [0, 0, 1], "no lesson moved in time")
  }

  /// A lesson that may have R1 or R2 at a time when lessons that can only have R1 and R2 are
  /// there: no choice of rooms helps, and nothing changes.
  @Test func aClashNoRoomCanResolveLeavesTheRoomsAsTheyWere() throws {
    var b = Self.threeClassesAndTwoRooms(periods: 2)
    b.addLessons(1, subject: "chem", class: "A", teacher: nil, rooms: [["R1"]])
    b.addLessons(1, subject: "bio", class: "B", teacher: nil, rooms: [["R2"]])
    b.addLessons(1, subject: "lab", class: "C", teacher: nil, rooms: [["R1", "R2"]])
    let state = SearchState(model: try TimetableModel(problem: b.problem))
    for block in 0..<3 { state.place(block, at: 0) }
    let before = (state.cost, state.chosenRooms)
    #expect(before.0.hard > 0)
    let rooms = RoomAssignment(state: state)
    #expect(rooms.daysWithRoomClash == [0])
    #expect(!rooms.improve(timeLimit: 5))
    #expect(state.cost == before.0)
    #expect(state.chosenRooms == before.1)
  }
}
