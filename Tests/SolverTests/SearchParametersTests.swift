// SearchParameters as JSON: a partial object keeps the defaults, an unknown key is refused by name.
import Foundation
import Planner
import Testing

@testable import Solver

@Suite struct SearchParametersTests {
  @Test func aPartialObjectKeepsTheDefaultsOfWhatItLeavesOut() throws {
    let json = #"{"annealing": {"repairHardWeight": 2000}, "neighbourhoods": {"cuts": true}, "rooms": {}}"#
    let decoded = try JSONDecoder().decode(SearchParameters.self, from: Data(json.utf8))
    var expected = SearchParameters()
    expected.annealing.repairHardWeight = 2000
    expected.neighbourhoods.cuts = true
    #expect(decoded == expected)
    #expect(decoded.annealing.repairStartTemperature == 750)
    #expect(decoded.construction.ruleWeight == 3000)
    #expect(try JSONDecoder().decode(SearchParameters.self, from: Data("{}".utf8)) == SearchParameters())
  }

  @Test func theDefaultsSurviveARoundTrip() throws {
    let data = try JSONEncoder().encode(SearchParameters())
    #expect(try JSONDecoder().decode(SearchParameters.self, from: data) == SearchParameters())
  }

  @Test func anUnknownKeyThrowsAnErrorNamingIt() throws {
    for (json, key) in [
      (#"{"anealing": {}}"#, "anealing"),
      (#"{"moves": {"ruinFloor": 0.1, "ruinFlor": 0.2}}"#, "ruinFlor"),
    ] {
      do {
        _ = try JSONDecoder().decode(SearchParameters.self, from: Data(json.utf8))
        Issue.record("\(json) decoded")
      } catch let DecodingError.dataCorrupted(context) {
        #expect(context.codingPath.last?.stringValue == key)
        #expect(context.debugDescription.contains(key))
      }
    }
  }

  /// The settings of the rooms decided before the search are read, and a share below 0 is
  /// refused by its name.
  @Test func theRoomAllotmentSettingsAreReadAndChecked() throws {
    let json = #"{"model": {"allotGroupRooms": false, "allottedGroupShare": 0.5, "allottedRoomsFill": -0.1}}"#
    let read = try JSONDecoder().decode(SearchParameters.self, from: Data(json.utf8))
    #expect(read.model.allotGroupRooms == false)
    #expect(read.model.allottedGroupShare == 0.5)
    #expect(read.model.allottedRoomsFill == -0.1)
    #expect(read.problems.count == 1)
    #expect(read.problems.first?.hasPrefix("model.allottedRoomsFill:") == true)
  }

  /// The settings of stops 40–41: read from a partial object, a negative slack named among the
  /// problems, and a value of the wrong type refused with its path.
  @Test func theRoundEndAndNeighbourhoodRoomSettingsAreReadAndChecked() throws {
    let json = #"""
      {"rounds": {"repairRoundEndSlack": -1}, "neighbourhoods": {"roomsAfterSolve": false, "buildingRules": true, "roomKindUnions": false}}
      """#
    let read = try JSONDecoder().decode(SearchParameters.self, from: Data(json.utf8))
    #expect(read.neighbourhoods.roomsAfterSolve == false)
    #expect(read.neighbourhoods.buildingRules == true)
    #expect(read.neighbourhoods.roomKindUnions == false)
    #expect(SearchParameters().neighbourhoods.roomKindUnions == true)
    #expect(read.rounds.repairFromRoundEnd == true)
    #expect(read.problems.count == 1)
    #expect(read.problems.first?.hasPrefix("rounds.repairRoundEndSlack:") == true, "\(read.problems)")
    do {
      let wrong = #"{"neighbourhoods": {"roomsAfterSolve": "yes"}}"#
      _ = try JSONDecoder().decode(SearchParameters.self, from: Data(wrong.utf8))
      Issue.record("a string decoded as a boolean")
    } catch let DecodingError.typeMismatch(_, context) {
      #expect(context.codingPath.map(\.stringValue) == ["neighbourhoods", "roomsAfterSolve"])
    }
  }

  @Test func oneBaseWeightPerKindOfMove() throws {
    #expect(SearchParameters().moves.baseWeights.count == MoveKind.allCases.count)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(SearchParameters.self, from: Data(#"{"moves": {"baseWeights": [1, 2]}}"#.utf8))
    }
  }

  @Test func valuesASearchCannotRunWithAreNamedAndRefusedBeforeAnyWork() throws {
    #expect(SearchParameters().problems.isEmpty)
    var bad = SearchParameters()
    bad.rounds.kickDivisor = 0
    bad.annealing.repairHardWeight = Int.max
    bad.annealing.repairStartTemperature = .nan
    bad.moves.baseWeights = [1, 2]
    bad.moves.troubledPickTenths = 11
    bad.annealing.daysShadowQuarters = -1
    bad.construction.evictionBudgetAfterProgress = -1
    bad.construction.evictingSlotsPricedWhole = -1
    let problems = bad.problems
    for path in [
      "rounds.kickDivisor", "annealing.repairHardWeight", "annealing.repairStartTemperature", "moves.baseWeights",
      "moves.troubledPickTenths", "annealing.daysShadowQuarters", "construction.evictionBudgetAfterProgress",
      "construction.evictingSlotsPricedWhole",
    ] {
      #expect(problems.contains { $0.hasPrefix(path + ":") }, "\(path) not named in \(problems)")
    }
    #expect(problems.count == 8)
    var settings = SolveSettings(timeLimit: 10, maxRounds: 1, useMIP: false)
    settings.parameters = bad
    do {
      var b = ProblemFixture.Builder()
      b.addClass("A")
      b.addTeacher("t")
      b.addLessons(2, subject: "math", class: "A", teacher: "t", oncePerDay: false)
      _ = try TimetableSolver.solve(b.problem, settings: settings)
      Issue.record("a solve ran with bad settings")
    } catch SolverError.invalidSettings(let message) {
      #expect(message.contains("rounds.kickDivisor"))
    }
  }
}
