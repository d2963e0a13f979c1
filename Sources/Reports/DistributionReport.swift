import Planner

/// The study-process schedule (ГУП) of a class printed week by week: for every subject and
/// group the lessons in each study week, the totals of each period and of the year, and the
/// difference from the plan where weeks were changed by hand.
public struct DistributionReport: Codable, Sendable {
  public struct Week: Codable, Sendable {
    public var number: Int
    public var period: PeriodID
    public var monday: String
    public var schoolDays: Int
  }

  public struct Row: Codable, Sendable {
    public var subject: String
    public var group: String
    public var teacher: String?
    public var lessons: [Int]
    public var periodTotals: [PeriodID: Int]
    public var total: Int
    public var planned: Int
    public var difference: Int
  }

  public var `class`: String
  public var periods: [PeriodID]
  public var weeks: [Week]
  public var rows: [Row]
  public var issues: [PlanningIssue]

  public init(organisation org: Organisation, distribution: ClassDistribution) {
    self.class = org.schoolClass(distribution.classID)?.name ?? distribution.classID
    periods = org.studyPeriods.map(\.id)
    weeks = distribution.weeks.map {
      Week(number: $0.number, period: $0.period, monday: $0.monday.description, schoolDays: $0.schoolDays)
    }
    rows = distribution.rows.map { row in
      var totals: [PeriodID: Int] = [:]
      for period in org.studyPeriods { totals[period.id] = row.total(in: period.id, weeks: distribution.weeks) }
      return Row(
        subject: org.subject(row.subject)?.name ?? row.subject, group: row.group,
        teacher: row.teacher.map { org.teacher($0)?.name ?? $0 }, lessons: row.lessons, periodTotals: totals,
        total: row.total, planned: row.planned, difference: row.difference)
    }
    issues = distribution.issues
  }

  public func render(_ format: ReportFormat) -> String {
    switch format {
    case .json: return reportJSON(self)
    case .csv:
      let header =
        ["subject", "group", "teacher"] + weeks.map { "w\($0.number) \($0.monday)" } + periods + [
          "total", "planned", "difference",
        ]
      let body = rows.map { r in
        [r.subject, r.group, r.teacher ?? ""] + r.lessons.map(String.init)
          + periods.map { String(r.periodTotals[$0] ?? 0) } + [
            String(r.total), String(r.planned), String(r.difference),
          ]
      }
      return CSVTable.render(header: header, rows: body)
    case .text: return text
    }
  }

  var text: String {
    var out = "Study-process schedule (ГУП) of \(self.class): lessons per study week\n"
    // One block per period keeps the lines readable in a terminal.
    for period in periods {
      let indices = weeks.indices.filter { weeks[$0].period == period }
      guard !indices.isEmpty else { continue }
      out += "\n\(period)\n"
      var header = ["Subject", "Group"]
      header += indices.map { "\(weeks[$0].number)" }
      header.append("Σ")
      var table = TextTable(header: header, alignments: [.left, .left] + indices.map { _ in .right } + [.right])
      table.add(
        ["week of", ""]
          + indices.map { String(weeks[$0].monday.suffix(5).split(separator: "-").reversed().joined(separator: ".")) }
          + [""])
      table.add(["school days", ""] + indices.map { String(weeks[$0].schoolDays) } + [""])
      table.addSeparator()
      for row in rows {
        table.add(
          [row.subject, row.group] + indices.map { String(row.lessons[$0]) } + [String(row.periodTotals[period] ?? 0)])
      }
      out += table.render()
    }
    out += "\nYear\n"
    var table = TextTable(
      header: ["Subject", "Group", "Teacher"] + periods + ["Year", "Plan", "Diff"],
      alignments: [.left, .left, .left] + periods.map { _ in .right } + [.right, .right, .right])
    for row in rows {
      table.add(
        [row.subject, row.group, row.teacher ?? "—"] + periods.map { String(row.periodTotals[$0] ?? 0) } + [
          String(row.total), String(row.planned),
          row.difference == 0 ? "" : (row.difference > 0 ? "+\(row.difference)" : "\(row.difference)"),
        ])
    }
    out += table.render()
    for issue in issues { out += "\(issue)\n" }
    return out
  }
}
