import Planner

/// The independent judgement of a finished timetable against its problem: every hard violation
/// with a sentence naming who, when and why, and the cost of the soft constraints.
///
/// It follows docs/timetable-rules.md and recomputes everything from the problem and the
/// timetable alone, sharing no model code with the solver, so that tests can judge the solver
/// with it and the CLI can show what a solve left broken.
///
/// ```swift
/// let check = TimetableCheck(problem: problem, timetable: timetable)
/// if !check.isFeasible { print(check.text()) }
/// ```
public struct TimetableCheck: Sendable {
  /// Every hard violation: the rules every timetable must satisfy and the hard constraints,
  /// grouped by kind in the order of docs/timetable-rules.md, then by day and period.
  public let hardViolations: [HardViolation]
  /// Every finding of a soft constraint with its cost, in the order of `problem.constraints`.
  public let softViolations: [SoftViolation]
  /// The soft cost in total and per rule kind.
  public let softCost: SoftCost
  /// Lessons in the demand.
  public let lessonCount: Int
  /// Lessons of the demand that have a placement.
  public let placedCount: Int

  /// The units of hard violation in all (the sum of the counts).
  public var hardViolationCount: Int { hardViolations.reduce(0) { $0 + $1.count } }

  /// Whether the timetable breaks no hard rule.
  public var isFeasible: Bool { hardViolations.isEmpty }

  /// Judges `timetable` as a timetable of `problem`.
  public init(problem: TimetableProblem, timetable: Timetable) {
    let schedule = Schedule(problem: problem, timetable: timetable)
    let wording = Wording(problem: problem)
    var hard = HardRules(schedule: schedule, wording: wording).violations()
    var soft: [SoftViolation] = []
    var byKind: [String: Int] = [:]
    let rules = ConstraintRules(schedule: schedule, wording: wording)
    for constraint in problem.constraints {
      let findings = rules.findings(constraint.rule)
      switch constraint.weight {
      case .hard:
        hard += findings.map {
          HardViolation(
            kind: constraint.rule.hardKind, count: $0.units, message: $0.message, lessons: $0.lessons, day: $0.day,
            period: $0.period)
        }
      case .soft(let weight):
        let kind = constraint.rule.softKind
        byKind[kind, default: 0] += 0
        for finding in findings {
          byKind[kind]! += weight * finding.units
          soft.append(
            SoftViolation(
              kind: kind, units: finding.units, cost: weight * finding.units, message: finding.message,
              lessons: finding.lessons, day: finding.day, period: finding.period))
        }
      }
    }
    hardViolations = Self.ordered(hard, days: problem.days)
    softViolations = soft
    softCost = SoftCost(total: byKind.values.reduce(0, +), byKind: byKind)
    lessonCount = problem.lessons.count
    placedCount = schedule.placed.count
  }

  /// The kinds of hard violation in the order of docs/timetable-rules.md.
  public static let hardKinds = [
    "unplaced", "unknown-lesson", "placed-twice", "outside-grid", "outside-shift", "teacher-unavailable",
    "class-unavailable", "room-unavailable", "teacher-clash", "student-clash", "room-clash", "room-count",
    "room-not-allowed", "partner-slot", "class-compact-day", "class-max-lessons-per-day", "lessons-max-per-day",
    "double-across-long-break", "teacher-gaps", "student-gaps", "teacher-days-off", "teacher-max-lessons-per-day",
    "subject-spread", "difficult-first-last", "teacher-room-changes", "break-times", "teacher-not-available",
    "students-not-available", "room-not-available", "preferred-starting-times", "preferred-time-slots",
    "min-days-between", "same-starting-time", "consecutive-if-same-day", "not-overlapping", "consecutive", "grouped",
    "ends-students-day",
    "students-max-gaps-per-week", "students-max-gaps-per-day", "students-early-max-beginnings-at-second-hour",
    "students-max-hours-daily", "students-min-hours-daily", "students-max-hours-continuously",
    "teachers-max-gaps-per-week", "teachers-max-gaps-per-day", "teachers-max-hours-daily", "teachers-min-hours-daily",
    "teachers-max-days-per-week", "teachers-min-days-per-week", "teachers-max-hours-continuously",
    "occupy-max-slots-from-selection", "preferred-rooms", "same-starting-day", "same-starting-period",
    "min-gaps-between", "max-days-between", "ordered", "ordered-if-same-day", "max-simultaneous",
    "occupy-max-rooms", "same-room-if-consecutive",
  ]

  /// Sorts violations by kind, then day and period, keeping the rules' own order otherwise.
  private static func ordered(_ violations: [HardViolation], days: [Weekday]) -> [HardViolation] {
    let kindRank = Dictionary(hardKinds.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    func dayRank(_ day: Weekday?) -> Int {
      guard let day else { return -1 }
      return days.firstIndex(of: day) ?? (days.count + day.index)
    }
    return violations.enumerated().sorted { x, y in
      let (a, b) = (x.element, y.element)
      let keyA = (kindRank[a.kind] ?? hardKinds.count, dayRank(a.day), a.period ?? Int.min, x.offset)
      let keyB = (kindRank[b.kind] ?? hardKinds.count, dayRank(b.day), b.period ?? Int.min, y.offset)
      return keyA < keyB
    }.map(\.element)
  }

  /// The verdict as a report to write to a file.
  public var report: CheckReport {
    CheckReport(
      summary: CheckReport.Summary(
        lessons: lessonCount, placed: placedCount, hardViolationCount: hardViolationCount, feasible: isFeasible),
      hardViolations: hardViolations, softCost: softCost)
  }

  /// The verdict for reading (see `CheckReport.text`).
  public func text() -> String { report.text }
}

extension CheckReport {
  /// The verdict for reading: a summary line, the hard violations one per line grouped by kind,
  /// then the soft cost by kind.
  public var text: String {
    var lines = [
      "Lessons: \(summary.lessons), placed: \(summary.placed)",
      "Hard violations: \(summary.hardViolationCount)" + (summary.feasible ? " (feasible)" : ""),
    ]
    var kinds: [String] = []
    var byKind: [String: [HardViolation]] = [:]
    for violation in hardViolations {
      if byKind[violation.kind] == nil { kinds.append(violation.kind) }
      byKind[violation.kind, default: []].append(violation)
    }
    for kind in kinds {
      let group = byKind[kind]!
      lines.append("  \(kind) (\(group.reduce(0) { $0 + $1.count })):")
      for violation in group {
        lines.append("    " + violation.message + (violation.count > 1 ? " [×\(violation.count)]" : ""))
      }
    }
    lines.append("Soft cost: \(softCost.total)")
    for kind in softCost.byKind.keys.sorted() {
      lines.append("  \(kind): \(softCost.byKind[kind]!)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
