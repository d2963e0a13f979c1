/// A day of the timetable's week: a weekday (`mon` … `sun`) for a school's own calendar — schools
/// work five days (Monday–Friday) or six (Monday–Saturday) — or, for timetables imported from
/// tools with longer cycles (a FET file of two weeks has 10 or 12 days), a numbered cycle day
/// `d1`, `d2`, … whose names the problem keeps apart.
public struct Weekday: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
  public let rawValue: String
  /// 0 for Monday … 6 for Sunday; n − 1 for cycle day `dn`.
  public let index: Int

  public init?(rawValue: String) {
    if let i = Weekday.names.firstIndex(of: rawValue) {
      self.rawValue = rawValue
      index = i
    } else if rawValue.hasPrefix("d"), let n = Int(rawValue.dropFirst()), n >= 1, n <= 64, "d\(n)" == rawValue {
      self.rawValue = rawValue
      index = n - 1
    } else {
      return nil
    }
  }

  private init(known name: String, index: Int) {
    rawValue = name
    self.index = index
  }

  static let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

  public static let mon = Weekday(known: "mon", index: 0)
  public static let tue = Weekday(known: "tue", index: 1)
  public static let wed = Weekday(known: "wed", index: 2)
  public static let thu = Weekday(known: "thu", index: 3)
  public static let fri = Weekday(known: "fri", index: 4)
  public static let sat = Weekday(known: "sat", index: 5)
  public static let sun = Weekday(known: "sun", index: 6)

  /// The seven weekdays, Monday first.
  public static let allCases: [Weekday] = [.mon, .tue, .wed, .thu, .fri, .sat, .sun]

  /// The n-th day (from 1) of a timetable cycle that is not a calendar week.
  public static func cycleDay(_ n: Int) -> Weekday { Weekday(known: "d\(n)", index: n - 1) }

  public var isCalendarWeekday: Bool { Weekday.names.contains(rawValue) }

  public static func < (a: Weekday, b: Weekday) -> Bool { (a.index, a.rawValue) < (b.index, b.rawValue) }

  /// The English short name, as printed in tables ("Mon"; "D8" for a cycle day).
  public var shortName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

  public var description: String { rawValue }
}

extension Weekday: Codable {
  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let day = Weekday(rawValue: text) else {
      throw DecodingError.dataCorruptedError(
        in: container,
        debugDescription:
          "expected one of \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\" (or a cycle day \"d1\", \"d2\" …), found \"\(text)\""
      )
    }
    self = day
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}
