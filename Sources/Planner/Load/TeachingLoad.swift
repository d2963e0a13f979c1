/// One line of a teacher's load: one group of a subject of a class.
public struct TeachingLoadLine: Codable, Hashable, Sendable {
  public var teacher: TeacherID
  /// The class, or for a stream group all the classes it draws its students from.
  public var classes: [ClassID]
  public var subject: SubjectID
  /// "whole", a subgroup ("1", "boys") or a stream group's name.
  public var group: String
  public var stream: StreamID?
  /// Weekly hours in each study period the line is taught in.
  public var weeklyHours: [PeriodID: WeeklyHours]
  /// Lessons in the year, summed from the weekly distribution (so it follows the real calendar).
  public var annualHours: Int

  /// The highest weekly hours over the periods.
  public var peakWeeklyHours: WeeklyHours { weeklyHours.values.max() ?? .zero }
}

/// The load (педагогическая нагрузка) of one teacher for the year.
public struct TeacherLoad: Codable, Hashable, Sendable {
  public var teacher: TeacherID
  public var lines: [TeachingLoadLine]
  /// Total weekly hours in each study period.
  public var weeklyHours: [PeriodID: WeeklyHours]
  public var annualHours: Int
  /// Weekly hours of one full rate for this teacher.
  public var normHours: WeeklyHours
  public var maxWeeklyLoad: WeeklyHours?
  /// Annual hours divided by the year's study weeks (the "weekly load" of the extended report).
  public var averageWeeklyHours: Double

  /// The heaviest period's weekly hours: what the maximum load is checked against.
  public var peakWeeklyHours: WeeklyHours { weeklyHours.values.max() ?? .zero }

  /// The rate (ставка): peak weekly hours ÷ norm hours.
  public var rate: Double { normHours.isZero ? 0 : peakWeeklyHours.value / normHours.value }

  /// Hours over the maximum (positive) or still free under it (negative); `nil` without a maximum.
  public var overMaximum: Double? { maxWeeklyLoad.map { peakWeeklyHours.value - $0.value } }
}

/// The teaching load of every teacher of an organisation, computed from the assignments and the
/// weekly distribution; no timetable is needed.
public struct TeachingLoad: Sendable {
  public var teachers: [TeacherLoad]
  /// Lines with no teacher yet (subjects still to be assigned), so that totals add up.
  public var unassigned: [TeachingLoadLine]
  public var periods: [PeriodID]
  /// Problems met on the way (hours that do not fit the calendar).
  public var issues: [PlanningIssue]

  public init(organisation: Organisation, index: OrganisationIndex? = nil) {
    let index = index ?? OrganisationIndex(organisation)
    periods = organisation.studyPeriods.map(\.id)
    var byTeacher: [TeacherID: [TeachingLoadLine]] = [:]
    var unassigned: [TeachingLoadLine] = []
    var issues: [PlanningIssue] = []
    var yearWeeks: [Int: Double] = [:]
    for schoolClass in organisation.classes {
      let distribution = ClassDistribution(organisation: organisation, classID: schoolClass.id, index: index)
      issues += distribution.issues
      yearWeeks[schoolClass.grade] = index.calendar(forGrade: schoolClass.grade).yearWeekEquivalents
      let curriculum = index.workingCurriculum(of: schoolClass.id)
      for row in distribution.rows {
        var weekly: [PeriodID: WeeklyHours] = [:]
        for period in organisation.studyPeriods {
          let taught = zip(distribution.weeks, row.lessons).contains { $0.0.period == period.id }
          let active = ClassDistribution.groups(
            of: row.subject, classID: schoolClass.id, period: period.id, index: index
          ).contains { $0.group == row.group && $0.teacher == row.teacher && $0.stream == row.stream }
          if taught, active, let hours = curriculum?.entry(for: row.subject)?.hours(in: period.id), !hours.isZero {
            weekly[period.id] = hours
          }
        }
        let line = TeachingLoadLine(
          teacher: row.teacher ?? "", classes: [schoolClass.id], subject: row.subject, group: row.group,
          stream: row.stream, weeklyHours: weekly, annualHours: row.total)
        if let teacher = row.teacher {
          var lines = byTeacher[teacher, default: []]
          // A stream group is taught to all its classes at once: one line, the classes listed.
          if let stream = row.stream,
            let same = lines.firstIndex(where: { $0.stream == stream && $0.group == row.group })
          {
            lines[same].classes.append(schoolClass.id)
          } else {
            lines.append(line)
          }
          byTeacher[teacher] = lines
        } else {
          unassigned.append(line)
        }
      }
    }
    let weeksOfYear = yearWeeks.values.max() ?? 1
    teachers = organisation.teachers.map { teacher in
      let lines = byTeacher[teacher.id] ?? []
      var weekly: [PeriodID: WeeklyHours] = [:]
      for line in lines {
        for (period, hours) in line.weeklyHours {
          weekly[period, default: .zero] = weekly[period, default: .zero] + hours
        }
      }
      let annual = lines.reduce(0) { $0 + $1.annualHours }
      return TeacherLoad(
        teacher: teacher.id, lines: lines, weeklyHours: weekly, annualHours: annual,
        normHours: organisation.normHours(of: teacher), maxWeeklyLoad: teacher.maxWeeklyLoad,
        averageWeeklyHours: weeksOfYear > 0 ? Double(annual) / weeksOfYear : 0)
    }
    self.unassigned = unassigned
    self.issues = issues
  }

  public func load(of teacher: TeacherID) -> TeacherLoad? { teachers.first { $0.teacher == teacher } }
}
