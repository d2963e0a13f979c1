// SearchParameters as JSON: a partial object keeps the defaults, an unknown key is refused by name.
import Foundation
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

  @Test func oneBaseWeightPerKindOfMove() throws {
    #expect(SearchParameters().moves.baseWeights.count == MoveKind.allCases.count)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(SearchParameters.self, from: Data(#"{"moves": {"baseWeights": [1, 2]}}"#.utf8))
    }
  }
}
