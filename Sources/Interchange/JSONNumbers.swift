import Foundation
import Planner

/// Numbers of a JSON tree that no field of Sabaq's formats can hold: an integer beyond 64 bits
/// (2^63 and more), or a fraction where only weekly hours take one. JSONDecoder refuses them with
/// "The given data was not valid JSON" and no place; this finds the place.
enum JSONNumbers {
  /// Fields whose values are weekly hours (halves allowed); every other number is an integer.
  static let decimalFields: Set<String> = ["weeklyHours", "maxWeeklyLoad", "normHours", "periodHours"]

  static func unfitting(in tree: Any) -> [PlanningIssue] {
    var found: [PlanningIssue] = []
    visit(tree, path: "$", decimal: false, into: &found)
    return found
  }

  private static func visit(_ value: Any, path: String, decimal: Bool, into found: inout [PlanningIssue]) {
    guard found.count < 20 else { return }
    switch value {
    case let object as [String: Any]:
      for key in object.keys.sorted() {
        visit(
          object[key]!, path: "\(path).\(key)", decimal: decimal || decimalFields.contains(key), into: &found)
      }
    case let array as [Any]:
      for (i, element) in array.enumerated() { visit(element, path: "\(path)[\(i)]", decimal: decimal, into: &found) }
    case is String, is Bool, is NSNull:
      return
    case is Int:
      return
    case let number as NSNumber:
      let double = number.doubleValue
      if double.rounded() == double {
        // Integral: Int holds it unless it is 2^63 or more in size.
        if double >= 9.2e18 || double <= -9.2e18, !decimal {
          found.append(.error("out-of-range", at: path, "expected an integer of a sensible size, found \(number)"))
        }
      } else if !decimal {
        found.append(.error("wrong-type", at: path, "expected an integer, found \(number)"))
      }
    default:
      return
    }
  }
}
