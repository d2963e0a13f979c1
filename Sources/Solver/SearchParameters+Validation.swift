// Which tuning values a search can run with: every number finite and within bounds, divisors and
// intervals at least 1, one base weight per kind of move.
import Foundation

extension SearchParameters {
  /// The largest integer a tuning field may hold: weights multiply counts of violations, and a
  /// larger one could overflow.
  public static let largestInteger = 1_000_000_000
  /// The largest number a tuning field may hold (the kick's temperature is 10¹²).
  public static let largestNumber = 1e15

  /// Fields read as divisors or intervals: zero would divide by zero.
  static let atLeastOne: Set<String> = [
    "moves.rateHalvingSteps", "moves.troubledRefreshSteps", "rounds.kickDivisor", "neighbourhoods.missedEvery",
  ]

  /// What is wrong with these values, one sentence a field (empty: a search can run with them).
  public var problems: [String] {
    var found: [String] = []
    for (path, value) in Self.fields(of: self, prefix: "") {
      switch value {
      case let number as Int:
        let least = Self.atLeastOne.contains(path) ? 1 : 0
        if number < least || number > Self.largestInteger {
          found.append("\(path): expected an integer from \(least) to \(Self.largestInteger), not \(number)")
        }
      case let number as Double:
        let positive = path == "neighbourhoods.fastDivisor"
        if !number.isFinite || number < 0 || number > Self.largestNumber || (positive && number == 0) {
          found.append(
            "\(path): expected a number from \(positive ? "above " : "")0 to \(Self.largestNumber), not \(number)")
        }
      case let weights as [Double]:
        if weights.count != MoveKind.allCases.count {
          found.append("\(path): expected \(MoveKind.allCases.count) weights, one a kind of move, not \(weights.count)")
        } else if weights.contains(where: { !$0.isFinite || $0 < 0 }) || !weights.contains(where: { $0 > 0 }) {
          found.append("\(path): expected weights of at least 0, one of them above 0")
        }
      default: break
      }
    }
    if moves.troubledPickTenths > 10 {
      found.append("moves.troubledPickTenths: expected at most 10 (tenths), not \(moves.troubledPickTenths)")
    }
    return found
  }

  /// Every stored field, by its dotted path, through the nested groups.
  private static func fields(of value: Any, prefix: String) -> [(String, Any)] {
    Mirror(reflecting: value).children.flatMap { child -> [(String, Any)] in
      guard let label = child.label else { return [] }
      let path = prefix.isEmpty ? label : "\(prefix).\(label)"
      switch child.value {
      case is Int, is Double, is Bool, is [Double]: return [(path, child.value)]
      default: return fields(of: child.value, prefix: path)
      }
    }
  }
}
