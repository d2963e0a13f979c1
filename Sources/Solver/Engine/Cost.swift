// The cost of a timetable as the search counts it: hard violations and soft cost.

/// Hard violations and soft cost, compared hard first.
struct Cost: Comparable, CustomStringConvertible {
  var hard: Int
  var soft: Int
  static let zero = Cost(hard: 0, soft: 0)
  static func + (a: Cost, b: Cost) -> Cost { Cost(hard: a.hard + b.hard, soft: a.soft + b.soft) }
  static func - (a: Cost, b: Cost) -> Cost { Cost(hard: a.hard - b.hard, soft: a.soft - b.soft) }
  static func += (a: inout Cost, b: Cost) { a = a + b }
  static func -= (a: inout Cost, b: Cost) { a = a - b }
  static func < (a: Cost, b: Cost) -> Bool { (a.hard, a.soft) < (b.hard, b.soft) }
  /// One number for the search: a hard violation outweighs any realistic soft cost.
  func scalar(hardWeight: Int) -> Int { hard * hardWeight + soft }
  var description: String { "\(hard) hard, \(soft) soft" }
}
