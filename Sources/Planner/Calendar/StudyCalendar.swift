/// A study week: the school days of one calendar week (Monday to Sunday) inside one study period.
/// A week cut by the start or end of a period or by a holiday is partial and counts by its school days.
public struct StudyWeek: Codable, Hashable, Sendable {
  /// 1 for the first study week of the year.
  public var number: Int
  public var period: PeriodID
  /// The Monday of the calendar week.
  public var monday: SchoolDate
  /// School days of the week that are inside the period and not holidays.
  public var schoolDays: Int
  /// School days of a full week (5 or 6).
  public var daysPerWeek: Int

  /// The share of a full week, 0 < fraction ≤ 1.
  public var fraction: Double { Double(schoolDays) / Double(daysPerWeek) }
  public var isPartial: Bool { schoolDays < daysPerWeek }
  /// Odd weeks (1st, 3rd, …) carry the lessons planned for odd weeks.
  public var isOdd: Bool { number % 2 == 1 }
}

/// The study weeks of the year for one grade, from the period dates, the school days and the
/// holidays (some holidays apply to some grades only).
public struct StudyCalendar: Sendable {
  public let weeks: [StudyWeek]

  public init(organisation: Organisation, grade: Int) {
    let days = Set(organisation.settings.schoolDays)
    let perWeek = max(days.count, 1)
    let holidays = (organisation.holidays ?? []).filter { $0.applies(toGrade: grade) }.map(\.range)
    var weeks: [StudyWeek] = []
    for period in organisation.studyPeriods.sorted(by: { $0.start < $1.start }) {
      guard period.start <= period.end else { continue }
      var monday = period.start.mondayOfWeek
      while monday <= period.end {
        var count = 0
        for offset in 0..<7 {
          let day = monday.adding(days: offset)
          if period.range.contains(day), days.contains(day.weekday), !holidays.contains(where: { $0.contains(day) }) {
            count += 1
          }
        }
        if count > 0 {
          weeks.append(
            StudyWeek(
              number: weeks.count + 1, period: period.id, monday: monday, schoolDays: count, daysPerWeek: perWeek))
        }
        monday = monday.adding(days: 7)
      }
    }
    self.weeks = weeks
  }

  public func weeks(in period: PeriodID) -> [StudyWeek] { weeks.filter { $0.period == period } }

  /// Full-week equivalents of a period (partial weeks counted by their school days).
  public func weekEquivalents(in period: PeriodID) -> Double {
    weeks(in: period).reduce(0) { $0 + $1.fraction }
  }

  /// Full-week equivalents of the whole year.
  public var yearWeekEquivalents: Double { weeks.reduce(0) { $0 + $1.fraction } }
}
