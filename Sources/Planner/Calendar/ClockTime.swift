/// A time of day in minutes since midnight, written `HH:MM` (bell schedules).
public struct ClockTime: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var minutes: Int
  public init(minutes: Int) { self.minutes = minutes }
  public init?(hour: Int, minute: Int) {
    guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
    minutes = hour * 60 + minute
  }
  public init?(_ text: String) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]) else {
      return nil
    }
    self.init(hour: h, minute: m)
  }
  public static func < (a: ClockTime, b: ClockTime) -> Bool { a.minutes < b.minutes }
  public var description: String { "\(twoDigits(minutes / 60)):\(twoDigits(minutes % 60))" }
  public func adding(minutes delta: Int) -> ClockTime { ClockTime(minutes: minutes + delta) }
}

extension ClockTime: Codable {
  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let time = ClockTime(text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "expected a time HH:MM, found \"\(text)\"")
    }
    self = time
  }
  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
