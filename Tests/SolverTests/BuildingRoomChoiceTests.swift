import Checker
import Planner
import Testing

@testable import Solver

/// A lesson under a rule on buildings, choosing a room where it is placed, takes among equally
/// free rooms one in the building of its students' and teacher's lessons before and after it
/// that day (`SearchParameters.Rooms.buildingNeighbours`).
@Suite struct BuildingRoomChoiceTests {
  /// One day of three periods. Class F has a lab lesson (t2) in the lab (Annex) and a geography
  /// lesson (t1) in r1 (Main) or lab2 (Annex), r1 first; its students may not change buildings.
  static func problem() -> TimetableProblem {
    var b = ProblemFixture.Builder()
    b.days = [.mon]
    b.periods = 3
    b.addTeacher("t1")
    b.addTeacher("t2")
    b.addRoom("r1")
    b.addRoom("lab", type: .laboratory)
    b.addRoom("lab2", type: .laboratory)
    for k in b.rooms.indices { b.rooms[k].building = b.rooms[k].id == "r1" ? "Main" : "Annex" }
    b.addClass("F", compact: false)
    b.addLessons(1, subject: "lab", class: "F", teacher: "t2", rooms: [["lab"]], oncePerDay: false)
    b.addLessons(1, subject: "geo", class: "F", teacher: "t1", rooms: [["r1", "lab2"]], oncePerDay: false)
    b.constraints.append(
      TimetableConstraint(.studentsMaxBuildingChangesPerDay(students: "F", max: 0), weight: .hard))
    return b.problem
  }

  @Test(arguments: [false, true]) func theGeographyGoesToTheLabsBuilding(neighbours: Bool) throws {
    let problem = Self.problem()
    let model = try TimetableModel(problem: problem)
    let state = SearchState(model: model)
    state.buildingNeighbours = neighbours
    let lab = try #require(model.lessonIndex[problem.lessons.first { $0.subject == "lab" }!.id])
    let geo = try #require(model.lessonIndex[problem.lessons.first { $0.subject == "geo" }!.id])
    state.place(Int(model.blockOf[lab]), at: 0)
    state.place(Int(model.blockOf[geo]), at: 1)
    func geoRoom() -> [RoomID]? {
      TimetableWriter.timetable(from: state, problem: problem, locks: [:]).placements.first {
        $0.lesson == model.lessonIDs[geo]
      }?.rooms
    }
    let check = TimetableCheck(
      problem: problem, timetable: TimetableWriter.timetable(from: state, problem: problem, locks: [:]))
    // Without the setting, the first free room (r1, in the other building): one change.
    #expect(geoRoom() == [neighbours ? "lab2" : "r1"])
    #expect(check.hardViolations.count == (neighbours ? 0 : 1), "\(check.text())")
    #expect(state.cost.hard == (neighbours ? 0 : 1))
    // Placed first, with no neighbour yet, it takes the first free room either way.
    state.remove(Int(model.blockOf[lab]))
    state.move(Int(model.blockOf[geo]), to: 2)
    #expect(geoRoom() == ["r1"])
  }
}
