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
  /// Hours in the year the curriculum norm asks (`CurriculumNorm`): the plan that `annualHours`,
  /// what the calendar delivers, is compared with.
  public var plannedHours: Double = 0

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
  /// Hours in the year the curriculum norm asks, summed over the lines.
  public var plannedHours: Double = 0
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
        let planned = curriculum?.entry(for: row.subject).map {
          CurriculumNorm.plannedHours($0, grade: schoolClass.grade, periods: Set(weekly.keys), in: organisation)
        }
        let line = TeachingLoadLine(
          teacher: row.teacher ?? "", classes: [schoolClass.id], subject: row.subject, group: row.group,
          stream: row.stream, weeklyHours: weekly, annualHours: row.total, plannedHours: planned ?? 0)
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
    let weeksOfYear = yearWeeks.values.max() ?? index.calendar(forGrade: 0).yearWeekEquivalents
    for line in Self.activityLines(organisation, index: index) {
      if line.teacher.isEmpty { unassigned.append(line) } else { byTeacher[line.teacher, default: []].append(line) }
    }
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
        plannedHours: lines.reduce(0) { $0 + $1.plannedHours },
        normHours: organisation.normHours(of: teacher), maxWeeklyLoad: teacher.maxWeeklyLoad,
        averageWeeklyHours: weeksOfYear > 0 ? Double(annual) / weeksOfYear : 0)
    }
    self.unassigned = unassigned
    self.issues = issues
  }

  public func load(of teacher: TeacherID) -> TeacherLoad? { teachers.first { $0.teacher == teacher } }

  /// Lines of the lessons given directly (FET activities, clubs): each active activity is taught
  /// every week of every study period for its duration, by each of its teachers.
  static func activityLines(_ organisation: Organisation, index: OrganisationIndex) -> [TeachingLoadLine] {
    let calendar = index.calendar(forGrade: 0)
    var lines: [TeachingLoadLine] = []
    for activity in organisation.activities ?? [] where activity.isActive && activity.duration > 0 {
      let hours = WeeklyHours(halves: min(activity.duration, 1000) * 2)
      var weekly: [PeriodID: WeeklyHours] = [:]
      var delivered = 0.0
      var planned = 0.0
      for period in organisation.studyPeriods {
        weekly[period.id] = hours
        delivered += hours.value * calendar.weekEquivalents(in: period.id)
        planned += hours.value * CurriculumNorm.normWeeks(of: period, grade: 0, in: organisation)
      }
      for teacher in activity.teachers.isEmpty ? [""] : activity.teachers {
        lines.append(
          TeachingLoadLine(
            teacher: teacher, classes: activity.students, subject: activity.subject, group: activity.group ?? "whole",
            stream: nil, weeklyHours: weekly, annualHours: Int(delivered.rounded()), plannedHours: planned))
      }
    }
    return lines
  }
}
