/// Checks of an organisation's year plan that each catch a value that is well-formed but makes
/// the plan meaningless: a holiday over a whole study period, a final grade below 1 (the whole
/// school would graduate), negative minutes in the bell rules, a teacher with lessons who is
/// never available, a shift that starts before the shift it follows has ended, a class whose
/// working curriculum is empty, a class over its grade's sanitary weekly maximum.
public enum YearPlanChecks {
  /// Every finding, with the JSON path of the place to fix.
  public static func issues(in organisation: Organisation) -> [PlanningIssue] {
    calendar(organisation) + grades(organisation) + bellRules(organisation) + teachers(organisation)
      + shiftOverlaps(organisation) + curricula(organisation) + SanitaryLimits.issues(in: organisation)
  }

  private static let o = InstancePath.organisation

  /// A holiday of the whole school that covers a whole study period leaves it no school day.
  static func calendar(_ org: Organisation) -> [PlanningIssue] {
    var issues: [PlanningIssue] = []
    for (i, holiday) in (org.holidays ?? []).enumerated() where holiday.grades == nil {
      for period in org.studyPeriods where holiday.start <= period.start && holiday.end >= period.end {
        let what =
          holiday.start <= org.academicYear.start && holiday.end >= org.academicYear.end
          ? "the whole academic year" : "the whole of \(period.name) (\(period.start)–\(period.end))"
        issues.append(
          .error(
            "holiday-covers-period", at: "\(o).holidays[\(i)]",
            "\(holiday.name) (\(holiday.start)–\(holiday.end)) covers \(what), which leaves no school day: check its dates"
          ))
        break
      }
    }
    return issues
  }

  /// The final grade: below 1 the transition to the next year would graduate every class.
  static func grades(_ org: Organisation) -> [PlanningIssue] {
    guard let final = org.settings.finalGrade else { return [] }
    if final < 1 {
      return [
        .error(
          "bad-final-grade", at: "\(o).settings.finalGrade",
          "expected the last grade of the school (11, or 9 for a basic school), found \(final): every class would graduate at the end of the year"
        )
      ]
    }
    let above = org.classes.filter { $0.grade > final }.map(\.name)
    guard !above.isEmpty else { return [] }
    return [
      .warning(
        "class-above-final-grade", at: "\(o).settings.finalGrade",
        "the final grade is \(final) but \(above.joined(separator: ", ")) \(above.count == 1 ? "is" : "are") above it")
    ]
  }

  /// Minutes in the bell rules: none may be negative (a negative break overlaps the lessons).
  static func bellRules(_ org: Organisation) -> [PlanningIssue] {
    var issues: [PlanningIssue] = []
    for (i, rules) in (org.bellRules ?? []).enumerated() {
      let path = "\(o).bellRules[\(i)]"
      let fields: [(String, Int?)] = [
        ("minimumBreak", rules.minimumBreak), ("preferredBreak", rules.preferredBreak),
        ("longBreakMinutes", rules.longBreakMinutes), ("gapAfterPreviousShift", rules.gapAfterPreviousShift),
      ]
      for (field, value) in fields {
        guard let value, value < 0 else { continue }
        issues.append(
          .error(
            "negative-minutes", at: "\(path).\(field)",
            "expected 0 or more minutes, found \(value): a negative break makes lessons overlap"))
      }
      for (k, length) in rules.lessonLengths.enumerated() where length.minutes < 1 {
        issues.append(
          .error(
            "bad-lesson-length", at: "\(path).lessonLengths[\(k)].minutes",
            "expected a lesson of 1 minute or more, found \(length.minutes)"))
      }
    }
    return issues
  }

  /// A teacher with lessons who is unavailable at every period of the shifts of their classes.
  static func teachers(_ org: Organisation) -> [PlanningIssue] {
    var classesOf: [TeacherID: Set<ClassID>] = [:]
    for a in org.assignments { for t in a.teachers { classesOf[t, default: []].insert(a.class) } }
    for s in org.streams ?? [] {
      for g in s.groups { if let t = g.teacher { classesOf[t, default: []].formUnion(s.classes) } }
    }
    var issues: [PlanningIssue] = []
    for (i, teacher) in org.teachers.enumerated() {
      guard let classes = classesOf[teacher.id], let unavailable = teacher.unavailable, !unavailable.isEmpty
      else { continue }
      let periods = Set(
        classes.compactMap { org.schoolClass($0) }.compactMap { org.shift($0.shift) }.flatMap(\.periods))
      let blocked = Set(unavailable)
      let open = org.settings.schoolDays.flatMap { day in periods.map { TimeSlot(day: day, period: $0) } }
        .filter { !blocked.contains($0) }
      guard open.isEmpty, !periods.isEmpty else { continue }
      issues.append(
        .error(
          "teacher-never-available", at: "\(o).teachers[\(i)].unavailable",
          "\(teacher.name) teaches \(classes.count) class\(classes.count == 1 ? "" : "es") but is unavailable at every period of their shifts: free some time or give the lessons to another teacher"
        ))
    }
    return issues
  }

  /// Two shifts' lessons that overlap in time must be the same school-day period of the grid
  /// (the second shift's first lesson may share the first shift's last period, as the grid says);
  /// a second shift that starts during the first's last lesson while the grid counts them as
  /// different periods would let a teacher or a room be in both at once.
  static func shiftOverlaps(_ org: Organisation) -> [PlanningIssue] {
    let schedules = Array((org.bellSchedules ?? []).enumerated())
    var issues: [PlanningIssue] = []
    for (i, later) in schedules {
      guard let shift = org.shift(later.shift) else { continue }
      var found = false
      for (_, earlier) in schedules where earlier.shift != later.shift && !found {
        guard let other = org.shift(earlier.shift), other.firstPeriod < shift.firstPeriod else { continue }
        for b in later.lessons where !found {
          for a in earlier.lessons where !found {
            let pa = other.firstPeriod + a.number - 1
            let pb = shift.firstPeriod + b.number - 1
            guard pa != pb, a.start.minutes < b.end.minutes, b.start.minutes < a.end.minutes else { continue }
            found = true
            issues.append(
              .error(
                "shift-starts-during-previous", at: "\(o).bellSchedules[\(i)]",
                "\(shift.name)'s lesson \(b.number) (\(b.start)–\(b.end)) overlaps \(other.name)'s lesson \(a.number) (\(a.start)–\(a.end)), but the grid counts them as different periods (\(pb) and \(pa)): a teacher or room could be in both; start \(shift.name) later or set its firstPeriod to \(pa - b.number + 1)"
              ))
          }
        }
      }
    }
    return issues
  }

  /// A class whose working curriculum has no hours would get no lessons at all.
  static func curricula(_ org: Organisation) -> [PlanningIssue] {
    org.workingCurricula.enumerated().compactMap { ci, curriculum in
      guard let schoolClass = org.schoolClass(curriculum.class),
        curriculum.entries.allSatisfy({ entry in org.studyPeriods.allSatisfy { entry.hours(in: $0.id).isZero } })
      else { return nil }
      return .warning(
        "empty-curriculum", at: "\(o).workingCurricula[\(ci)]",
        "\(schoolClass.name)'s working curriculum has no hours: the class would get no lessons (make it from a standard curriculum of grade \(schoolClass.grade))"
      )
    }
  }
}
