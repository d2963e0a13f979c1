/// The school year (оқу жылы / учебный год), e.g. 2025–2026, with its first and last day.
public struct AcademicYear: Codable, Hashable, Sendable {
  /// As the school writes it: "2025-2026".
  public var name: String
  public var start: SchoolDate
  public var end: SchoolDate

  public init(name: String, start: SchoolDate, end: SchoolDate) {
    self.name = name
    self.start = start
    self.end = end
  }

  public var range: DateRange { DateRange(start: start, end: end) }
}

/// How a year is divided into study periods.
public enum StudyPeriodKind: String, Codable, Sendable, CaseIterable {
  case quarter, semester, trimester, other
}

/// A study period (оқу кезеңі / учебный период): a quarter (тоқсан / четверть), a semester or
/// a trimester, with its first and last day. The gaps between periods are holidays.
public struct StudyPeriod: Codable, Hashable, Sendable, Identifiable {
  public var id: PeriodID
  public var name: String
  public var kind: StudyPeriodKind
  public var start: SchoolDate
  public var end: SchoolDate
  /// The study weeks the curriculum norm counts for the period (the plan is weekly hours × these);
  /// `nil` for the weeks of its dates (`CurriculumNorm.normWeeks`).
  public var normWeeks: Double?

  public init(id: PeriodID, name: String, kind: StudyPeriodKind = .quarter, start: SchoolDate, end: SchoolDate) {
    self.id = id
    self.name = name
    self.kind = kind
    self.start = start
    self.end = end
  }

  public var range: DateRange { DateRange(start: start, end: end) }
}

/// Days without lessons: holidays (каникулы) between periods and public holidays inside them.
public struct Holiday: Codable, Hashable, Sendable {
  public var name: String
  public var start: SchoolDate
  public var end: SchoolDate
  /// The grades it applies to; `nil` for the whole school (e.g. the extra February
  /// holiday of the first grade).
  public var grades: [Int]?

  public init(name: String, start: SchoolDate, end: SchoolDate, grades: [Int]? = nil) {
    self.name = name
    self.start = start
    self.end = end
    self.grades = grades
  }

  public var range: DateRange { DateRange(start: start, end: end) }

  public func applies(toGrade grade: Int) -> Bool { grades?.contains(grade) ?? true }
}
