/// A day of the week. Schools work five days (Monday–Friday) or six (Monday–Saturday).
public enum Weekday: String, Codable, CaseIterable, Sendable, Comparable {
  case mon, tue, wed, thu, fri, sat, sun

  /// 0 for Monday … 6 for Sunday.
  public var index: Int { Weekday.allCases.firstIndex(of: self)! }

  public static func < (a: Weekday, b: Weekday) -> Bool { a.index < b.index }

  /// The English short name, as printed in tables ("Mon").
  public var shortName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

  /// The Russian short name ("Пн"), used in the readable timetables.
  public var russianShortName: String {
    ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"][index]
  }
}
