import Planner

/// A class's working curriculum (РУП) for print: subjects with weekly hours by period, the
/// variative flag, lesson duration, annual hours from the distribution, split and teachers.
public struct CurriculumReport: Codable, Sendable {
  public struct Row: Codable, Sendable {
    public var subject: String
    public var weeklyHours: [PeriodID: Double]
    public var variative: Bool
    public var duration: String
    public var annualHours: Int
    public var split: String
    public var teachers: [String]
  }

  public var `class`: String
  public var periods: [PeriodID]
  public var rows: [Row]
  public var weeklyTotals: [PeriodID: Double]
  public var annualTotal: Int

  /// The report of a class, for one period or (`nil`) the whole year.
  public init(organisation org: Organisation, classID: ClassID, period: PeriodID? = nil) {
    let schoolClass = org.schoolClass(classID)
    self.class = schoolClass?.name ?? classID
    periods = period.map { [$0] } ?? org.studyPeriods.map(\.id)
    let curriculum = org.workingCurriculum(of: classID) ?? WorkingCurriculum(class: classID, entries: [])
    let distribution = ClassDistribution(organisation: org, classID: classID)
    var rows: [Row] = []
    for entry in curriculum.entries {
      let hours = Dictionary(uniqueKeysWithValues: periods.map { ($0, entry.hours(in: $0).value) })
      if period != nil, hours.values.allSatisfy({ $0 == 0 }) { continue }
      // The subject's lessons of the year: the first group's row (every group has the same hours).
      let subjectRows = distribution.rows.filter { $0.subject == entry.subject }
      let annual =
        subjectRows.first.map { row in
          period.map { row.total(in: $0, weeks: distribution.weeks) } ?? row.total
        } ?? 0
      let shownPeriod = period ?? org.studyPeriods.first?.id ?? ""
      let split: String
      let teachers: [String]
      if let stream = org.stream(class: classID, subject: entry.subject, period: shownPeriod) {
        split = "stream \(stream.name)"
        teachers = stream.groups.map { "\($0.name): \($0.teacher.flatMap { org.teacher($0)?.name } ?? "—")" }
      } else if let assignment = org.assignment(class: classID, subject: entry.subject, period: shownPeriod) {
        split = assignment.resolvedSplit.description
        teachers = assignment.teachers.map { org.teacher($0)?.name ?? $0 }
      } else {
        split = "whole"
        teachers = []
      }
      rows.append(
        Row(
          subject: org.subject(entry.subject)?.name ?? entry.subject, weeklyHours: hours, variative: entry.isVariative,
          duration: entry.lessonDuration.rawValue, annualHours: annual, split: split, teachers: teachers))
    }
    self.rows = rows
    weeklyTotals = Dictionary(uniqueKeysWithValues: periods.map { ($0, curriculum.weeklyTotal(in: $0).value) })
    annualTotal = rows.reduce(0) { $0 + $1.annualHours }
  }

  public func render(_ format: ReportFormat) -> String {
    switch format {
    case .json: return reportJSON(self)
    case .csv:
      return CSVTable.render(
        header: ["subject"] + periods + ["variative", "duration", "annual", "split", "teachers"],
        rows: rows.map { r in
          [r.subject] + periods.map { formatHours(r.weeklyHours[$0] ?? 0) } + [
            r.variative ? "yes" : "no", r.duration, String(r.annualHours), r.split, r.teachers.joined(separator: "; "),
          ]
        })
    case .text:
      var table = TextTable(
        header: ["Subject"] + periods + ["Var.", "Lesson", "Annual", "Split", "Teachers"],
        alignments: [.left] + periods.map { _ in .right } + [.left, .left, .right, .left, .left])
      for r in rows {
        table.add(
          [r.subject] + periods.map { formatHours(r.weeklyHours[$0] ?? 0) } + [
            r.variative ? "var" : "", r.duration, String(r.annualHours), r.split,
            r.teachers.isEmpty ? "— no teacher" : r.teachers.joined(separator: ", "),
          ])
      }
      table.addSeparator()
      table.add(["Total"] + periods.map { formatHours(weeklyTotals[$0] ?? 0) } + ["", "", String(annualTotal), "", ""])
      return "Working curriculum of \(self.class)\n" + table.render()
    }
  }
}
