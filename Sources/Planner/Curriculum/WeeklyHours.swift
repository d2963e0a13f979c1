/// Weekly hours of a subject in a curriculum, in halves: 0.5, 1, 1.5, 2 …
///
/// Half an hour a week means one lesson every other week. Written in the instance file as a
/// number (`1.5`); anything that is not a non-negative multiple of 0.5 is refused.
public struct WeeklyHours: Hashable, Comparable, Sendable, CustomStringConvertible,
  ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral
{
  /// The number of half hours.
  public var halves: Int

  public init(halves: Int) { self.halves = halves }
  public init(integerLiteral value: Int) { halves = value * 2 }
  public init(floatLiteral value: Double) { self = WeeklyHours(exactly: value)! }

  /// `nil` when `value` is negative or not a multiple of 0.5.
  public init?(exactly value: Double) {
    let doubled = value * 2
    guard value >= 0, doubled.rounded() == doubled, doubled < 10_000 else { return nil }
    halves = Int(doubled)
  }

  public static let zero = WeeklyHours(halves: 0)

  public var value: Double { Double(halves) / 2 }
  /// Whole lessons every week.
  public var wholeLessons: Int { halves / 2 }
  /// Whether there is half an hour (a lesson every other week).
  public var hasHalf: Bool { halves % 2 == 1 }
  public var isZero: Bool { halves == 0 }

  public static func < (a: WeeklyHours, b: WeeklyHours) -> Bool { a.halves < b.halves }
  public static func + (a: WeeklyHours, b: WeeklyHours) -> WeeklyHours { WeeklyHours(halves: a.halves + b.halves) }

  public var description: String { hasHalf ? "\(halves / 2).5" : "\(halves / 2)" }
}

extension WeeklyHours: Codable {
  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    let value = try container.decode(Double.self)
    guard let hours = WeeklyHours(exactly: value) else {
      throw DecodingError.dataCorruptedError(
        in: container,
        debugDescription: "expected weekly hours as a non-negative multiple of 0.5 (1, 1.5, 2), found \(value)")
    }
    self = hours
  }
  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    if hasHalf { try container.encode(value) } else { try container.encode(halves / 2) }
  }
}
