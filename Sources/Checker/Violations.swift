import Planner

/// One breach of a hard rule of a timetable: a rule every timetable must satisfy (each lesson
/// placed once, no teacher, students or room in two places, availability, rooms, shifts) or a
/// constraint of the problem whose weight is hard.
///
/// `kind` is the kind name of docs/timetable-rules.md ("teacher-clash", "class-compact-day" …);
/// `count` is how many units of violation it stands for (a gap of two periods counts 2).
public struct HardViolation: Codable, Hashable, Sendable {
  /// The rule broken, as named in docs/timetable-rules.md ("unplaced", "room-clash" …).
  public var kind: String
  /// The units of violation this entry stands for (at least 1).
  public var count: Int
  /// A sentence for the deputy director: who, when and why, with names.
  public var message: String
  /// The ids of the lessons involved.
  public var lessons: [String]
  /// The day concerned, when the violation is tied to one.
  public var day: Weekday?
  /// The school-day period concerned, when the violation is tied to one.
  public var period: Int?

  /// Makes a violation; the checker builds these, tests compare with them.
  public init(kind: String, count: Int, message: String, lessons: [String], day: Weekday? = nil, period: Int? = nil) {
    self.kind = kind
    self.count = count
    self.message = message
    self.lessons = lessons
    self.day = day
    self.period = period
  }
}

/// One finding of a soft constraint: what it costs and why.
public struct SoftViolation: Codable, Hashable, Sendable {
  /// The rule, named as its `ConstraintRule` case ("teacherGaps", "subjectSpread" …).
  public var kind: String
  /// The units of violation (a gap of two periods counts 2).
  public var units: Int
  /// The constraint's weight times `units`.
  public var cost: Int
  /// A sentence naming who, when and why.
  public var message: String
  /// The ids of the lessons involved.
  public var lessons: [String]
  /// The day concerned, when the finding is tied to one.
  public var day: Weekday?
  /// The school-day period concerned, when the finding is tied to one.
  public var period: Int?

  /// Makes a soft finding.
  public init(
    kind: String, units: Int, cost: Int, message: String, lessons: [String], day: Weekday? = nil, period: Int? = nil
  ) {
    self.kind = kind
    self.units = units
    self.cost = cost
    self.message = message
    self.lessons = lessons
    self.day = day
    self.period = period
  }
}

/// What the soft constraints of the problem cost in a timetable: weight × units, in total and
/// per rule kind (the `ConstraintRule` case names, e.g. "teacherGaps"). Every soft rule of the
/// problem has an entry, 0 when it is met.
public struct SoftCost: Codable, Hashable, Sendable {
  /// The sum of all soft costs.
  public var total: Int
  /// The cost per rule kind.
  public var byKind: [String: Int]

  /// Makes a soft cost from its parts.
  public init(total: Int, byKind: [String: Int]) {
    self.total = total
    self.byKind = byKind
  }
}

/// The checker's verdict as written to a file (the CLI writes it as JSON): a summary, every hard
/// violation, and the soft cost.
public struct CheckReport: Codable, Hashable, Sendable {
  /// The counts at a glance.
  public struct Summary: Codable, Hashable, Sendable {
    /// Lessons in the demand.
    public var lessons: Int
    /// Lessons of the demand that have a placement.
    public var placed: Int
    /// Units of hard violation in all (the sum of the counts).
    public var hardViolationCount: Int
    /// Whether no hard rule is broken.
    public var feasible: Bool

    /// Makes a summary.
    public init(lessons: Int, placed: Int, hardViolationCount: Int, feasible: Bool) {
      self.lessons = lessons
      self.placed = placed
      self.hardViolationCount = hardViolationCount
      self.feasible = feasible
    }
  }

  /// The counts at a glance.
  public var summary: Summary
  /// Every hard violation, grouped by kind in the order of docs/timetable-rules.md.
  public var hardViolations: [HardViolation]
  /// The soft cost in total and per rule kind.
  public var softCost: SoftCost

  /// Makes a report from its parts.
  public init(summary: Summary, hardViolations: [HardViolation], softCost: SoftCost) {
    self.summary = summary
    self.hardViolations = hardViolations
    self.softCost = softCost
  }
}
