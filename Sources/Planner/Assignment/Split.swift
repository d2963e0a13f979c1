/// How a class is divided for a subject (деление на подгруппы / топшаларға бөлу), as the
/// seeds list the choices: whole class, two or three subgroups, boys and girls, more groups,
/// individual lessons.
public enum SplitKind: String, Codable, Sendable, CaseIterable {
  case whole
  case two
  case three
  case boysGirls = "boys-girls"
  case groups
  case individual
}

/// A split of a class: its kind and, for `groups` and `individual`, how many groups.
public struct Split: Hashable, Sendable, CustomStringConvertible {
  public var kind: SplitKind
  public var count: Int

  public init(_ kind: SplitKind, count: Int? = nil) {
    self.kind = kind
    switch kind {
    case .whole: self.count = 1
    case .two, .boysGirls: self.count = 2
    case .three: self.count = 3
    case .groups, .individual: self.count = count ?? 1
    }
  }

  public static let whole = Split(.whole)

  /// The names of the groups, in order: "1", "2"; "boys", "girls"; "ind-1" …
  public var groupNames: [String] {
    switch kind {
    case .whole: return ["whole"]
    case .boysGirls: return ["boys", "girls"]
    case .individual: return (1...max(count, 1)).map { "ind-\($0)" }
    case .two, .three, .groups: return (1...max(count, 1)).map(String.init)
    }
  }

  /// The name of the division of the class this split uses. Splits with the same division
  /// divide the class into the same groups of students (the class's "1st and 2nd subgroup"
  /// are the same children for English and for informatics), so their lessons for different
  /// groups may run at the same time.
  public var divisionKey: String {
    switch kind {
    case .whole: return "whole"
    case .two: return "halves"
    case .three: return "thirds"
    case .boysGirls: return "gender"
    case .groups: return "groups-\(count)"
    case .individual: return "individual-\(count)"
    }
  }

  /// Sizes of the groups from the class's numbers of boys and girls.
  public func groupSizes(boys: Int, girls: Int) -> [Int] {
    let total = boys + girls
    switch kind {
    case .whole: return [total]
    case .boysGirls: return [boys, girls]
    case .individual: return Array(repeating: 1, count: count)
    case .two, .three, .groups:
      let n = max(count, 1)
      return (0..<n).map { total / n + ($0 < total % n ? 1 : 0) }
    }
  }

  public var description: String {
    switch kind {
    case .groups, .individual: return "\(kind.rawValue) (\(count))"
    default: return kind.rawValue
    }
  }
}
