/// The most lessons a week the sanitary rules allow a class of a grade: a per-country setting
/// with defaults, overridden per grade by `TimetableRules.maxWeeklyHoursByGrade`.
///
/// The defaults are the Russian SanPiN 1.2.3685-21 figures (the project's DOMAIN.md): for a five-day week
/// 21 in the 1st grade, 23 in the 2nd–4th, 29 in the 5th, 30 in the 6th, 32 in the 7th, 33 in the
/// 8th–9th and 34 in the 10th–11th; for a six-day week 26, 32, 33, 35, 36 and 37 from the 2nd
/// grade on. Kazakhstan's and Kyrgyzstan's own maxima are not in our sources: those schools get
/// the same figures until the organisation sets its own (`rules.maxWeeklyHoursByGrade`).
public enum SanitaryLimits {
  /// The weekly maximum of a grade in an organisation, or `nil` when none is known (a grade
  /// outside 1–11 with no setting).
  public static func weeklyMaximum(grade: Int, in organisation: Organisation) -> Int? {
    if let value = organisation.rules?.maxWeeklyHoursByGrade?[String(grade)] { return value }
    let sixDays = organisation.settings.schoolDays.count >= 6
    switch grade {
    case 1: return 21
    case 2...4: return sixDays ? 26 : 23
    case 5: return sixDays ? 32 : 29
    case 6: return sixDays ? 33 : 30
    case 7: return sixDays ? 35 : 32
    case 8...9: return sixDays ? 36 : 33
    case 10...11: return sixDays ? 37 : 34
    default: return nil
    }
  }

  /// Warnings for classes whose working curriculum has more lessons a week, in some study period,
  /// than the sanitary maximum of their grade.
  public static func issues(in organisation: Organisation) -> [PlanningIssue] {
    var issues: [PlanningIssue] = []
    for (ci, curriculum) in organisation.workingCurricula.enumerated() {
      guard let schoolClass = organisation.schoolClass(curriculum.class),
        let maximum = weeklyMaximum(grade: schoolClass.grade, in: organisation)
      else { continue }
      for period in organisation.studyPeriods {
        let hours = curriculum.entries.reduce(WeeklyHours.zero) { $0 + $1.hours(in: period.id) }
        guard hours.value > Double(maximum) else { continue }
        let setting =
          organisation.rules?.maxWeeklyHoursByGrade?[String(schoolClass.grade)] != nil
          ? "the organisation's rules.maxWeeklyHoursByGrade" : "the sanitary rules' default"
        issues.append(
          .warning(
            "over-sanitary-maximum", at: "\(InstancePath.organisation).workingCurricula[\(ci)]",
            "\(schoolClass.name) has \(hours) hours a week in \(period.name), over the maximum of \(maximum) for grade \(schoolClass.grade) (\(setting); set rules.maxWeeklyHoursByGrade for your country's figure)"
          ))
        break
      }
    }
    return issues
  }
}
