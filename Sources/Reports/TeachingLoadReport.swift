import Planner

/// The teaching load report (педагогическая нагрузка, extended): for each teacher the lines
/// class × subject × group with weekly and annual hours, their totals, the rate and the
/// over- or under-load against their maximum; totals per class and for the school.
///
/// Annual hours come from the weekly distribution, so they follow the real calendar.
public struct TeachingLoadReport: Codable, Sendable {
  public struct Line: Codable, Sendable, Hashable {
    public var teacher: TeacherID?
    public var classes: [String]
    public var subject: String
    public var group: String
    /// Weekly hours in each study period.
    public var weeklyHours: [PeriodID: Double]
    /// The highest of the weekly hours.
    public var weekly: Double
    /// Hours in the year the calendar delivers (the lessons of the weekly distribution).
    public var annualHours: Int
    /// Hours in the year the curriculum norm asks (weekly hours × norm weeks, or the fixed
    /// annual hours): the plan the delivered hours are compared with.
    public var plannedHours: Double
  }

  public struct TeacherSection: Codable, Sendable {
    public var id: TeacherID
    public var name: String
    public var lines: [Line]
    public var weeklyHours: [PeriodID: Double]
    public var weekly: Double
    /// Annual hours divided by the year's study weeks.
    public var averageWeekly: Double
    public var annualHours: Int
    public var plannedHours: Double
    public var normHours: Double
    public var rate: Double
    public var maxWeeklyLoad: Double?
    /// Hours over the maximum (positive) or free under it (negative).
    public var overMaximum: Double?
    /// "over", "under" (less than one rate) or "ok".
    public var status: String
  }

  public struct ClassTotal: Codable, Sendable {
    public var id: ClassID
    public var name: String
    /// The class's curriculum hours a week in each period.
    public var curriculumWeekly: [PeriodID: Double]
    /// Teacher hours a week in each period (a subject split in two counts twice; a stream group
    /// counts its share).
    public var teacherWeekly: [PeriodID: Double]
    /// Teacher hours in the year, counted the same way.
    public var annualHours: Double
  }

  public struct SchoolTotal: Codable, Sendable {
    public var teachers: Int
    public var teacherWeekly: [PeriodID: Double]
    public var annualHours: Int
    /// The sum of the teachers' rates.
    public var rates: Double
    public var vacantWeekly: [PeriodID: Double]
    public var vacantAnnualHours: Int
  }

  public var organisation: String
  public var academicYear: String
  public var periods: [PeriodID]
  public var teachers: [TeacherSection]
  public var classes: [ClassTotal]
  public var school: SchoolTotal
  /// Lines with no teacher yet.
  public var vacancies: [Line]

  /// The report of every teacher, or of those `teacherFilter` keeps.
  public init(organisation org: Organisation, load: TeachingLoad? = nil, teachers teacherFilter: Set<TeacherID>? = nil)
  {
    let load = load ?? TeachingLoad(organisation: org)
    organisation = org.name
    academicYear = org.academicYear.name
    periods = load.periods
    func line(_ l: TeachingLoadLine) -> Line {
      Line(
        teacher: l.teacher.isEmpty ? nil : l.teacher,
        classes: l.classes.map { org.schoolClass($0)?.name ?? $0 },
        subject: org.subject(l.subject)?.name ?? l.subject, group: l.group,
        weeklyHours: l.weeklyHours.mapValues(\.value), weekly: l.peakWeeklyHours.value, annualHours: l.annualHours,
        plannedHours: l.plannedHours)
    }
    let sections = load.teachers.filter { teacherFilter?.contains($0.teacher) ?? true }.map { t -> TeacherSection in
      let over = t.overMaximum
      let status: String
      if let over, over > 0 {
        status = "over"
      } else if t.peakWeeklyHours < t.normHours {
        status = "under"
      } else {
        status = "ok"
      }
      return TeacherSection(
        id: t.teacher, name: org.teacher(t.teacher)?.name ?? t.teacher, lines: t.lines.map(line),
        weeklyHours: t.weeklyHours.mapValues(\.value), weekly: t.peakWeeklyHours.value,
        averageWeekly: t.averageWeeklyHours, annualHours: t.annualHours, plannedHours: t.plannedHours,
        normHours: t.normHours.value, rate: t.rate,
        maxWeeklyLoad: t.maxWeeklyLoad?.value, overMaximum: over, status: status)
    }
    teachers = sections
    vacancies = load.unassigned.map(line)
    var classTotals: [ClassTotal] = []
    let allLines = load.teachers.flatMap(\.lines) + load.unassigned
    for schoolClass in org.classes {
      let curriculum = org.workingCurriculum(of: schoolClass.id)
      var curriculumWeekly: [PeriodID: Double] = [:]
      var teacherWeekly: [PeriodID: Double] = [:]
      for period in org.studyPeriods {
        curriculumWeekly[period.id] = curriculum?.weeklyTotal(in: period.id).value ?? 0
      }
      var annual = 0.0
      // A stream group's hours are shared equally by the classes it draws from.
      for l in allLines where l.classes.contains(schoolClass.id) {
        let share = 1.0 / Double(l.classes.count)
        annual += Double(l.annualHours) * share
        for (p, h) in l.weeklyHours { teacherWeekly[p, default: 0] += h.value * share }
      }
      classTotals.append(
        ClassTotal(
          id: schoolClass.id, name: schoolClass.name, curriculumWeekly: curriculumWeekly, teacherWeekly: teacherWeekly,
          annualHours: annual))
    }
    classes = classTotals
    var teacherWeekly: [PeriodID: Double] = [:]
    for t in load.teachers { for (p, h) in t.weeklyHours { teacherWeekly[p, default: 0] += h.value } }
    var vacantWeekly: [PeriodID: Double] = [:]
    for l in load.unassigned { for (p, h) in l.weeklyHours { vacantWeekly[p, default: 0] += h.value } }
    school = SchoolTotal(
      teachers: load.teachers.filter { !$0.lines.isEmpty }.count, teacherWeekly: teacherWeekly,
      annualHours: load.teachers.reduce(0) { $0 + $1.annualHours }, rates: load.teachers.reduce(0) { $0 + $1.rate },
      vacantWeekly: vacantWeekly, vacantAnnualHours: load.unassigned.reduce(0) { $0 + $1.annualHours })
  }

  /// Weekly hours of each period, compact: "18" when every period has it, else "Q1 18, Q3 20".
  func weeklyText(_ hours: [PeriodID: Double]) -> String {
    let values = periods.map { hours[$0] ?? 0 }
    if Set(values).count <= 1 { return formatHours(values.first ?? 0) }
    return zip(periods, values).map { "\($0) \(formatHours($1))" }.joined(separator: ", ")
  }

  public func render(_ format: ReportFormat) -> String {
    switch format {
    case .json: return reportJSON(self)
    case .csv: return csv
    case .text: return text
    }
  }

  /// The columns of a load line: the year's plan (the norm), what the calendar delivers, and
  /// their difference.
  static let lineHeader = ["Class", "Subject", "Group", "Weekly", "Plan", "Delivered", "Diff"]

  func lineCells(_ l: Line) -> [String] {
    [l.classes.joined(separator: "+"), l.subject, l.group, weeklyText(l.weeklyHours)]
      + yearCells(planned: l.plannedHours, delivered: l.annualHours)
  }

  /// Plan, delivered and the difference (delivered − plan, signed; empty when they agree).
  func yearCells(planned: Double, delivered: Int) -> [String] {
    let difference = Double(delivered) - planned
    let shown =
      abs(difference) < 0.05 ? "" : (difference > 0 ? "+" : "") + formatHours((difference * 10).rounded() / 10)
    return [formatHours((planned * 10).rounded() / 10), String(delivered), shown]
  }

  var text: String {
    var out = "Teaching load — \(organisation), \(academicYear)\n\n"
    for t in teachers {
      var summary = "\(t.name) (\(t.id)): \(weeklyText(t.weeklyHours)) h a week, \(t.annualHours) h a year"
      summary +=
        " (average \(formatHours(t.averageWeekly)) a week), rate \(format2(t.rate, 2)) of \(formatHours(t.normHours)) h"
      if let max = t.maxWeeklyLoad, let over = t.overMaximum {
        summary +=
          over > 0
          ? ", OVER the maximum \(formatHours(max)) by \(formatHours(over))"
          : ", maximum \(formatHours(max)) (\(formatHours(-over)) free)"
      }
      out += summary + "\n"
      var table = TextTable(header: Self.lineHeader, alignments: [.left, .left, .left, .right, .right, .right, .right])
      for l in t.lines { table.add(lineCells(l)) }
      table.addSeparator()
      table.add(
        ["Total", "", "", weeklyText(t.weeklyHours)]
          + yearCells(planned: t.plannedHours, delivered: t.annualHours))
      out += table.render(indent: "  ") + "\n"
    }
    if !vacancies.isEmpty {
      out += "Vacancies (no teacher yet)\n"
      var table = TextTable(header: Self.lineHeader, alignments: [.left, .left, .left, .right, .right, .right, .right])
      for l in vacancies { table.add(lineCells(l)) }
      out += table.render(indent: "  ") + "\n"
    }
    if !classes.isEmpty {
      out += "Classes\n"
      var table = TextTable(
        header: ["Class", "Curriculum weekly", "Teacher hours weekly", "Annual"],
        alignments: [.left, .right, .right, .right])
      for c in classes {
        table.add([c.name, weeklyText(c.curriculumWeekly), weeklyText(c.teacherWeekly), formatHours(c.annualHours)])
      }
      out += table.render(indent: "  ") + "\n"
    }
    out +=
      "School: \(school.teachers) teachers with load, \(weeklyText(school.teacherWeekly)) teacher hours a week, \(school.annualHours) h a year, \(format2(school.rates, 2)) rates"
    if school.vacantAnnualHours > 0 {
      out += "; vacant: \(weeklyText(school.vacantWeekly)) h a week, \(school.vacantAnnualHours) h a year"
    }
    return out + "\n"
  }

  var csv: String {
    let header =
      ["kind", "teacher_id", "teacher", "class", "subject", "group"] + periods.map { "weekly_\($0)" } + [
        "weekly", "annual", "planned", "rate", "max_weekly", "over_max",
      ]
    var rows: [[String]] = []
    func periodCells(_ hours: [PeriodID: Double]) -> [String] { periods.map { formatHours(hours[$0] ?? 0) } }
    for t in teachers {
      for l in t.lines {
        rows.append(
          ["line", t.id, t.name, l.classes.joined(separator: "+"), l.subject, l.group] + periodCells(l.weeklyHours) + [
            formatHours(l.weekly), String(l.annualHours), formatHours(l.plannedHours), "", "", "",
          ])
      }
      rows.append(
        ["teacher-total", t.id, t.name, "", "", ""] + periodCells(t.weeklyHours) + [
          formatHours(t.weekly), String(t.annualHours), formatHours(t.plannedHours), format2(t.rate, 2),
          t.maxWeeklyLoad.map { formatHours($0) } ?? "",
          t.overMaximum.map { formatHours($0) } ?? "",
        ])
    }
    for l in vacancies {
      rows.append(
        ["vacancy", "", "", l.classes.joined(separator: "+"), l.subject, l.group] + periodCells(l.weeklyHours) + [
          formatHours(l.weekly), String(l.annualHours), formatHours(l.plannedHours), "", "", "",
        ])
    }
    for c in classes {
      rows.append(
        ["class-total", "", "", c.name, "", ""] + periodCells(c.teacherWeekly) + [
          "", formatHours(c.annualHours), "", "", "", "",
        ])
    }
    rows.append(
      ["school-total", "", "", "", "", ""] + periodCells(school.teacherWeekly) + [
        "", String(school.annualHours), "", format2(school.rates, 2), "", "",
      ])
    return CSVTable.render(header: header, rows: rows)
  }
}
