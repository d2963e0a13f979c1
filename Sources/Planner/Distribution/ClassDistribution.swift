/// One row of the study-process schedule (ГУП): the lessons of one group of a subject, taught by
/// one teacher, in each study week of the year.
public struct DistributionRow: Codable, Hashable, Sendable {
  public var subject: SubjectID
  /// "whole", a subgroup ("1", "boys") or a stream group's name.
  public var group: String
  public var teacher: TeacherID?
  public var stream: StreamID?
  /// Lessons in each study week, in the order of the class's `weeks`.
  public var lessons: [Int]
  /// Lessons the curriculum asks for in the weeks this row covers.
  public var planned: Int

  public var total: Int { lessons.reduce(0, +) }
  /// Lessons over (positive) or under (negative) the plan after changes made by hand.
  public var difference: Int { total - planned }

  public func total(in period: PeriodID, weeks: [StudyWeek]) -> Int {
    zip(weeks, lessons).reduce(0) { $0 + ($1.0.period == period ? $1.1 : 0) }
  }
}

/// The study-process schedule (ГУП) of one class: for every subject and group, how many lessons
/// fall in each study week, so that the year's total is exactly what the curriculum asks.
public struct ClassDistribution: Sendable {
  public var classID: ClassID
  public var weeks: [StudyWeek]
  public var rows: [DistributionRow]
  public var issues: [PlanningIssue]

  /// Distributes every subject of the class's working curriculum.
  public init(organisation: Organisation, classID: ClassID, index: OrganisationIndex? = nil) {
    let index = index ?? OrganisationIndex(organisation)
    self.classID = classID
    guard let schoolClass = index.schoolClass(classID) else {
      weeks = []
      rows = []
      issues = [.error("unknown-class", at: "", "there is no class \"\(classID)\"")]
      return
    }
    let calendar = index.calendar(forGrade: schoolClass.grade)
    weeks = calendar.weeks
    rows = []
    issues = []
    guard let curriculumIndex = organisation.workingCurricula.firstIndex(where: { $0.class == classID }) else { return }
    let curriculum = organisation.workingCurricula[curriculumIndex]
    let overrides = (organisation.distributionOverrides ?? []).enumerated().filter { $0.element.class == classID }
    for (entryIndex, entry) in curriculum.entries.enumerated() {
      let path = "\(InstancePath.element("workingCurricula", curriculumIndex)).entries[\(entryIndex)]"
      distribute(entry, path: path, index: index, schoolClass: schoolClass, overrides: overrides)
    }
  }

  private mutating func distribute(
    _ entry: CurriculumEntry, path: String, index: OrganisationIndex, schoolClass: SchoolClass,
    overrides: [(offset: Int, element: DistributionOverride)]
  ) {
    let organisation = index.organisation
    let subjectName = index.subject(entry.subject)?.name ?? entry.subject
    let what = "\(subjectName) in \(schoolClass.name)"
    let daysPerWeek = max(organisation.settings.schoolDays.count, 1)
    let hours = weeks.map { entry.hours(in: $0.period) }
    let targets = zip(weeks, hours).map { $0.1.value * $0.0.fraction }
    let peakHours = hours.max()?.value ?? 0
    let perDay = entry.lessonDuration.periods * max(1, Int((peakHours / Double(daysPerWeek)).rounded(.up)))
    let explicitYear = entry.annualHours != nil
    let capacities = zip(weeks, hours).map { week, h -> Int in
      let byDays = week.schoolDays * perDay
      return explicitYear ? (h.isZero ? 0 : byDays) : min(byDays, Int(h.value.rounded(.up)))
    }
    guard
      let planned = plannedLessons(
        entry, path: path, what: what, organisation: organisation, hours: hours, targets: targets,
        capacities: capacities)
    else { return }
    // Weeks changed by hand may take a lesson more a day than the plan (a make-up lesson).
    let makeUpCapacities = zip(weeks, hours).map { $0.1.isZero ? 0 : $0.0.schoolDays * (perDay + 1) }
    let subjectOverrides = overrides.filter { $0.element.subject == entry.subject && $0.element.group == nil }
    let base = applying(subjectOverrides, to: planned, targets: targets, capacities: makeUpCapacities, what: what)
    var newRows = teachingRows(
      entry, schoolClass: schoolClass, index: index, hours: hours, lessons: base, planned: planned)
    for i in newRows.indices {
      let groupOverrides = overrides.filter {
        $0.element.subject == entry.subject && $0.element.group == newRows[i].group
      }
      if !groupOverrides.isEmpty {
        let active = newRows[i].lessons.indices.map { w in
          Self.groups(of: entry.subject, classID: schoolClass.id, period: weeks[w].period, index: index)
            .contains { $0.group == newRows[i].group } ? makeUpCapacities[w] : 0
        }
        newRows[i].lessons = applying(
          groupOverrides, to: newRows[i].lessons, targets: targets, capacities: active,
          what: "\(what), group \(newRows[i].group)")
      }
      if newRows[i].difference != 0 {
        issues.append(
          .warning(
            "distribution-differs-from-plan", at: path,
            "\(what)\(newRows[i].group == "whole" ? "" : ", group \(newRows[i].group)"): the weekly distribution has \(newRows[i].total) lessons, the plan \(newRows[i].planned) (\(newRows[i].difference > 0 ? "+" : "")\(newRows[i].difference))"
          ))
      }
    }
    rows.append(contentsOf: newRows)
  }

  /// The lessons of each week as planned: the annual hours spread over the year, or each study
  /// period's hours over its weeks. Nil (with an issue told) when they do not fit the calendar.
  private mutating func plannedLessons(
    _ entry: CurriculumEntry, path: String, what: String, organisation: Organisation, hours: [WeeklyHours],
    targets: [Double], capacities: [Int]
  ) -> [Int]? {
    if let annual = entry.annualHours {
      guard annual >= 0 else {
        issues.append(.error("negative-hours", at: "\(path).annualHours", "\(what): annual hours must not be negative"))
        return nil
      }
      guard let spread = HourDistribution.spread(total: annual, targets: targets, capacities: capacities) else {
        let room = capacities.reduce(0, +)
        let studyWeeks = zip(weeks, hours).filter { !$0.1.isZero }.count
        issues.append(
          .error(
            "hours-do-not-fit-calendar", at: "\(path).annualHours",
            "\(what): \(annual) hours a year do not fit the calendar: the subject is taught in \(studyWeeks) study weeks, which hold at most \(room) lessons at \(entry.weeklyHours) a week; change the annual or the weekly hours"
          ))
        return nil
      }
      return spread
    }
    var base = Array(repeating: 0, count: weeks.count)
    for period in organisation.studyPeriods {
      let indices = weeks.indices.filter { weeks[$0].period == period.id }
      let total = Int((indices.reduce(0.0) { $0 + targets[$1] } + 0.5 + 1e-9).rounded(.down))
      guard
        let spread = HourDistribution.spread(
          total: total, targets: indices.map { targets[$0] }, capacities: indices.map { capacities[$0] })
      else {
        issues.append(
          .error(
            "hours-do-not-fit-calendar", at: path,
            "\(what): \(total) lessons in \(period.name) do not fit its \(indices.count) study weeks"))
        return nil
      }
      for (k, i) in indices.enumerated() { base[i] = spread[k] }
    }
    return base
  }

  /// Who teaches each week: the period's stream, its assignment's groups, or nobody yet. One row
  /// per group, teacher and stream, with `lessons` in the weeks it teaches.
  private func teachingRows(
    _ entry: CurriculumEntry, schoolClass: SchoolClass, index: OrganisationIndex, hours: [WeeklyHours],
    lessons base: [Int], planned: [Int]
  ) -> [DistributionRow] {
    var rowIndex: [String: Int] = [:]
    var newRows: [DistributionRow] = []
    for (w, week) in weeks.enumerated() where !hours[w].isZero {
      let teaching = Self.groups(of: entry.subject, classID: schoolClass.id, period: week.period, index: index)
      for (group, teacher, stream) in teaching {
        let key = "\(group)|\(teacher ?? "")|\(stream ?? "")"
        let index: Int
        if let existing = rowIndex[key] {
          index = existing
        } else {
          index = newRows.count
          rowIndex[key] = index
          newRows.append(
            DistributionRow(
              subject: entry.subject, group: group, teacher: teacher, stream: stream,
              lessons: Array(repeating: 0, count: weeks.count), planned: 0))
        }
        newRows[index].lessons[w] = base[w]
        newRows[index].planned += planned[w]
      }
    }
    return newRows
  }

  /// Applies changes made by hand: fixed weeks, and with `keepTotal` the rest re-spread so the
  /// total stays.
  private mutating func applying(
    _ overrides: [(offset: Int, element: DistributionOverride)], to counts: [Int], targets: [Double],
    capacities: [Int], what: String
  ) -> [Int] {
    guard !overrides.isEmpty else { return counts }
    var result = counts
    var fixed = Set<Int>()
    var keepTotal = false
    for (index, change) in overrides {
      let path = InstancePath.element("distributionOverrides", index)
      guard let w = weeks.firstIndex(where: { $0.number == change.week }) else {
        issues.append(
          .error(
            "unknown-study-week", at: "\(path).week",
            "\(what): week \(change.week) is not a study week of the year (1–\(weeks.count))"))
        continue
      }
      let most = capacities[w]
      guard change.lessons >= 0, change.lessons <= most else {
        issues.append(
          .error(
            "override-out-of-range", at: "\(path).lessons",
            "\(what): week \(change.week) has \(weeks[w].schoolDays) school days; expected 0 to \(most) lessons, found \(change.lessons)"
          ))
        continue
      }
      result[w] = change.lessons
      fixed.insert(w)
      keepTotal = keepTotal || (change.keepTotal ?? false)
    }
    guard keepTotal, !fixed.isEmpty else { return result }
    let free = counts.indices.filter { !fixed.contains($0) }
    let remaining = counts.reduce(0, +) - fixed.reduce(0) { $0 + result[$1] }
    guard remaining >= 0,
      let spread = HourDistribution.spread(
        total: remaining, targets: free.map { targets[$0] }, capacities: free.map { capacities[$0] })
    else {
      issues.append(
        .error(
          "override-cannot-keep-total", at: InstancePath.element("distributionOverrides", overrides[0].offset),
          "\(what): the other weeks cannot make up the difference to keep the year's \(counts.reduce(0, +)) lessons"))
      return result
    }
    for (k, w) in free.enumerated() { result[w] = spread[k] }
    return result
  }

  /// The groups that are taught a subject of a class in a period, each with its teacher.
  static func groups(of subject: SubjectID, classID: ClassID, period: PeriodID, index: OrganisationIndex)
    -> [(group: String, teacher: TeacherID?, stream: StreamID?)]
  {
    if let stream = index.stream(class: classID, subject: subject, period: period) {
      return stream.groups.map { ($0.name, $0.teacher, stream.id) }
    }
    guard let assignment = index.assignment(class: classID, subject: subject, period: period) else {
      return [("whole", nil, nil)]
    }
    let names = assignment.resolvedSplit.groupNames
    return names.enumerated().map { i, name in
      (name, i < assignment.teachers.count ? assignment.teachers[i] : nil, nil)
    }
  }
}
