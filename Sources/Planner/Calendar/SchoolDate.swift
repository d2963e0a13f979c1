/// A calendar day (no time of day, no time zone), as the school calendar uses it:
/// the first day of a quarter, a holiday, the Monday of a study week.
///
/// Stored as the number of days since 1970-01-01 so that day arithmetic is exact;
/// written in the instance file as ISO `YYYY-MM-DD`.
public struct SchoolDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01 (negative before it).
  public let dayNumber: Int

  public init(dayNumber: Int) { self.dayNumber = dayNumber }

  /// A date from year, month (1–12) and day (1–31); `nil` when there is no such day.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= SchoolDate.daysIn(month: month, year: year)
    else { return nil }
    // Days from civil (H. Hinnant's algorithm, proleptic Gregorian calendar).
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    dayNumber = era * 146097 + doe - 719468
  }

  /// Parses `YYYY-MM-DD`; also accepts the `DD.MM.YYYY` form of the Russian and Kazakh seeds.
  public init?(_ text: String) {
    let iso = text.split(separator: "-", omittingEmptySubsequences: false)
    if iso.count == 3, iso[0].count == 4, let y = Int(iso[0]), let m = Int(iso[1]), let d = Int(iso[2]) {
      self.init(year: y, month: m, day: d)
      return
    }
    let dotted = text.split(separator: ".", omittingEmptySubsequences: false)
    if dotted.count == 3, dotted[2].count == 4, let d = Int(dotted[0]), let m = Int(dotted[1]),
      let y = Int(dotted[2])
    {
      self.init(year: y, month: m, day: d)
      return
    }
    return nil
  }

  /// Year, month and day of this date.
  public var components: (year: Int, month: Int, day: Int) {
    let z = dayNumber + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// The day of the week.
  public var weekday: Weekday {
    // 1970-01-01 was a Thursday.
    let index = ((dayNumber % 7) + 7 + 3) % 7  // 0 = Monday
    return Weekday.allCases[index]
  }

  /// The Monday of the calendar week this day belongs to.
  public var mondayOfWeek: SchoolDate { adding(days: -weekday.index) }

  public func adding(days: Int) -> SchoolDate { SchoolDate(dayNumber: dayNumber + days) }

  /// The same day and month a number of years later (29 February becomes 28 February).
  public func adding(years: Int) -> SchoolDate {
    let c = components
    let day = min(c.day, SchoolDate.daysIn(month: c.month, year: c.year + years))
    return SchoolDate(year: c.year + years, month: c.month, day: day)!
  }

  public static func < (a: SchoolDate, b: SchoolDate) -> Bool { a.dayNumber < b.dayNumber }

  public var description: String {
    let c = components
    return "\(c.year)-\(twoDigits(c.month))-\(twoDigits(c.day))"
  }

  /// `DD.MM` as printed in the seeds' schedules.
  public var shortDescription: String {
    let c = components
    return "\(twoDigits(c.day)).\(twoDigits(c.month))"
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}

func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

extension SchoolDate: Codable {
  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let date = SchoolDate(text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "expected a date YYYY-MM-DD, found \"\(text)\"")
    }
    self = date
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

/// A closed range of days, such as a study period or a holiday.
public struct DateRange: Hashable, Sendable {
  public var start: SchoolDate
  public var end: SchoolDate
  public init(start: SchoolDate, end: SchoolDate) {
    self.start = start
    self.end = end
  }
  public func contains(_ day: SchoolDate) -> Bool { start <= day && day <= end }
  public var days: [SchoolDate] {
    guard start <= end else { return [] }
    return (start.dayNumber...end.dayNumber).map(SchoolDate.init(dayNumber:))
  }
  public func overlaps(_ other: DateRange) -> Bool { start <= other.end && other.start <= end }
}
