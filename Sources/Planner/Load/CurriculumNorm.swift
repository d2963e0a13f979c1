/// What the curriculum norm asks, as opposed to what the calendar delivers: the plan of a subject
/// is its weekly hours × the norm weeks of each study period (or its annual hours when the plan
/// fixes them); the delivered hours are the lessons of the weekly distribution, which lose the
/// public holidays that fall on school days. Their difference is what a deputy director looks for
/// (выполнение программы).
public enum CurriculumNorm {
  /// The norm weeks of a study period for a grade: the period's `normWeeks` when set, else its
  /// school days ÷ the days of a school week, counting every school day of its dates except the
  /// holidays of some grades only (the first grade's extra week is part of its norm), not the
  /// holidays of the whole school.
  public static func normWeeks(of period: StudyPeriod, grade: Int, in organisation: Organisation) -> Double {
    if let weeks = period.normWeeks { return weeks }
    guard period.start <= period.end else { return 0 }
    let days = Set(organisation.settings.schoolDays)
    let ofGrade = (organisation.holidays ?? []).filter { $0.grades != nil && $0.applies(toGrade: grade) }.map(\.range)
    var count = 0
    var day = period.start
    while day <= period.end {
      if days.contains(day.weekday), !ofGrade.contains(where: { $0.contains(day) }) { count += 1 }
      day = day.adding(days: 1)
    }
    return Double(count) / Double(max(days.count, 1))
  }

  /// The hours a year the norm asks of one group of a subject taught in `periods` (all the
  /// periods the subject has hours in when `nil`): the annual hours when the plan fixes them
  /// (shared by the periods in proportion to their norm weeks), else Σ weekly hours × norm weeks.
  public static func plannedHours(
    _ entry: CurriculumEntry, grade: Int, periods: Set<PeriodID>? = nil, in organisation: Organisation
  ) -> Double {
    let taught = organisation.studyPeriods.filter { !entry.hours(in: $0.id).isZero }
    let chosen = taught.filter { periods?.contains($0.id) ?? true }
    if let annual = entry.annualHours {
      let all = taught.reduce(0.0) { $0 + normWeeks(of: $1, grade: grade, in: organisation) }
      let part = chosen.reduce(0.0) { $0 + normWeeks(of: $1, grade: grade, in: organisation) }
      return all > 0 ? Double(annual) * part / all : 0
    }
    return chosen.reduce(0.0) { $0 + entry.hours(in: $1.id).value * normWeeks(of: $1, grade: grade, in: organisation) }
  }
}
