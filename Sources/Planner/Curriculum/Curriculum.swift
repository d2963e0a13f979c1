/// Whether a subject belongs to the state's compulsory (invariant) part of a curriculum or to
/// the part the school chooses (variative).
public enum CurriculumComponent: String, Codable, Sendable, CaseIterable {
  case invariant, variative
}

/// How long one lesson of a subject is: a single lesson or a double one (two lessons in a row).
public enum LessonDuration: String, Codable, Sendable, CaseIterable {
  case single, double

  /// The number of consecutive periods a lesson takes.
  public var periods: Int { self == .double ? 2 : 1 }
}

/// One subject of a standard curriculum with its weekly hours.
public struct StandardCurriculumEntry: Codable, Hashable, Sendable {
  public var subject: SubjectID
  public var weeklyHours: WeeklyHours
  public var component: CurriculumComponent
  public var duration: LessonDuration?

  public init(
    subject: SubjectID, weeklyHours: WeeklyHours, component: CurriculumComponent = .invariant,
    duration: LessonDuration? = nil
  ) {
    self.subject = subject
    self.weeklyHours = weeklyHours
    self.component = component
    self.duration = duration
  }
}

/// A standard curriculum (типовой учебный план / үлгілік оқу жоспары): the template of a grade,
/// from which working curricula are made.
public struct StandardCurriculum: Codable, Hashable, Sendable, Identifiable {
  public var id: String
  public var name: String
  public var grade: Int
  /// A profile or language the template is for, when a grade has several.
  public var profile: String?
  public var entries: [StandardCurriculumEntry]

  public init(id: String, name: String, grade: Int, profile: String? = nil, entries: [StandardCurriculumEntry]) {
    self.id = id
    self.name = name
    self.grade = grade
    self.profile = profile
    self.entries = entries
  }
}

/// One subject of a class's working curriculum.
///
/// `weeklyHours` holds in every study period unless `periodHours` gives the period other hours
/// (0 when the subject is not taught in it). `annualHours`, when given, is the exact number of
/// lessons the year must have (as the state plan prints "За год: 105 ч."); otherwise it follows
/// from the weekly hours and the calendar.
public struct CurriculumEntry: Codable, Hashable, Sendable {
  public var subject: SubjectID
  public var weeklyHours: WeeklyHours
  public var periodHours: [PeriodID: WeeklyHours]?
  public var variative: Bool?
  public var duration: LessonDuration?
  public var annualHours: Int?

  public init(
    subject: SubjectID, weeklyHours: WeeklyHours, periodHours: [PeriodID: WeeklyHours]? = nil,
    variative: Bool? = nil, duration: LessonDuration? = nil, annualHours: Int? = nil
  ) {
    self.subject = subject
    self.weeklyHours = weeklyHours
    self.periodHours = periodHours
    self.variative = variative
    self.duration = duration
    self.annualHours = annualHours
  }

  /// The weekly hours in a study period.
  public func hours(in period: PeriodID) -> WeeklyHours { periodHours?[period] ?? weeklyHours }

  public var isVariative: Bool { variative ?? false }
  public var lessonDuration: LessonDuration { duration ?? .single }
}

/// The working curriculum (РУП / ЖОЖ) of one class: its subjects with weekly hours for each
/// study period of the year.
public struct WorkingCurriculum: Codable, Hashable, Sendable {
  public var `class`: ClassID
  public var entries: [CurriculumEntry]

  public init(class classID: ClassID, entries: [CurriculumEntry]) {
    self.class = classID
    self.entries = entries
  }

  public func entry(for subject: SubjectID) -> CurriculumEntry? { entries.first { $0.subject == subject } }

  /// The entries taught in a period (more than zero hours), in curriculum order.
  public func entries(in period: PeriodID) -> [CurriculumEntry] {
    entries.filter { !$0.hours(in: period).isZero }
  }

  /// Total weekly hours of the class in a period.
  public func weeklyTotal(in period: PeriodID) -> WeeklyHours {
    entries.reduce(.zero) { $0 + $1.hours(in: period) }
  }
}
