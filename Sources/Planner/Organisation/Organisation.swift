/// The kind of an educational organisation.
public enum OrganisationKind: String, Codable, Sendable, CaseIterable {
  case school, gymnasium, lyceum, college, special, additional
}

/// Settings each organisation keeps for itself.
public struct OrganisationSettings: Codable, Hashable, Sendable {
  /// ISO country code ("KZ", "RU", "KG"); chooses defaults such as the norm hours of a rate.
  public var country: String?
  /// Weekly hours of one full teacher's rate (ставка): 16 in Kazakhstan, 18 in Russia by default.
  public var normHours: WeeklyHours?
  /// The school days of the week.
  public var schoolDays: [Weekday]
  /// IANA time zone ("Asia/Almaty").
  public var timeZone: String?
  /// The last grade; its classes graduate at the transition to the next year (11 by default).
  public var finalGrade: Int?
  /// How the school days are called when not by their weekday (FET files name their days).
  public var dayNames: [String]?

  public init(
    country: String? = nil, normHours: WeeklyHours? = nil, schoolDays: [Weekday] = [.mon, .tue, .wed, .thu, .fri],
    timeZone: String? = nil, finalGrade: Int? = nil
  ) {
    self.country = country
    self.normHours = normHours
    self.schoolDays = schoolDays
    self.timeZone = timeZone
    self.finalGrade = finalGrade
  }

  /// The norm hours in effect: the setting, else the country's default (18 in Russia, 16 elsewhere
  /// in the region, as in Kazakhstan and Kyrgyzstan).
  public var effectiveNormHours: WeeklyHours {
    if let normHours, !normHours.isZero { return normHours }
    return country?.uppercased() == "RU" ? 18 : 16
  }

  public var effectiveFinalGrade: Int { finalGrade ?? 11 }
}

/// Weights of the soft wishes of a timetable, set per organisation. Zero switches a wish off.
public struct SoftWeights: Codable, Hashable, Sendable {
  /// Per gap (window) in a teacher's day.
  public var teacherGaps: Int?
  /// Per lesson on a day the teacher asked to have free.
  public var teacherDaysOff: Int?
  /// Per lesson over the teacher's wished maximum of a day.
  public var teacherMaxLessonsPerDay: Int?
  /// Per extra lesson of a subject on a day beyond an even spread over the week.
  public var subjectSpread: Int?
  /// Per difficult lesson placed first or last in a class's day.
  public var difficultFirstLast: Int?
  /// Per change of room between two consecutive lessons of a teacher.
  public var teacherRoomChanges: Int?
  /// Per gap in the day of a subgroup of students.
  public var studentGaps: Int?

  public init(
    teacherGaps: Int? = nil, teacherDaysOff: Int? = nil, teacherMaxLessonsPerDay: Int? = nil,
    subjectSpread: Int? = nil, difficultFirstLast: Int? = nil, teacherRoomChanges: Int? = nil,
    studentGaps: Int? = nil
  ) {
    self.teacherGaps = teacherGaps
    self.teacherDaysOff = teacherDaysOff
    self.teacherMaxLessonsPerDay = teacherMaxLessonsPerDay
    self.subjectSpread = subjectSpread
    self.difficultFirstLast = difficultFirstLast
    self.teacherRoomChanges = teacherRoomChanges
    self.studentGaps = studentGaps
  }

  /// The defaults: gaps of teachers matter most after the hard rules, then wishes for free days.
  public static let defaults = SoftWeights(
    teacherGaps: 3, teacherDaysOff: 5, teacherMaxLessonsPerDay: 2, subjectSpread: 2,
    difficultFirstLast: 1, teacherRoomChanges: 1, studentGaps: 4)

  /// These weights with the defaults filled in where none is set.
  public var resolved: SoftWeights {
    let d = SoftWeights.defaults
    return SoftWeights(
      teacherGaps: teacherGaps ?? d.teacherGaps, teacherDaysOff: teacherDaysOff ?? d.teacherDaysOff,
      teacherMaxLessonsPerDay: teacherMaxLessonsPerDay ?? d.teacherMaxLessonsPerDay,
      subjectSpread: subjectSpread ?? d.subjectSpread,
      difficultFirstLast: difficultFirstLast ?? d.difficultFirstLast,
      teacherRoomChanges: teacherRoomChanges ?? d.teacherRoomChanges,
      studentGaps: studentGaps ?? d.studentGaps)
  }
}

/// The timetable rules of an organisation: what is hard, and how much each soft wish weighs.
public struct TimetableRules: Codable, Hashable, Sendable {
  /// Whether classes' days have no gaps and start at the first lesson (on by default).
  public var compactClassDays: Bool?
  /// Most lessons a day by grade ("1": 4, "5": 6); grades not listed use the defaults of the
  /// sanitary rules (1st grade 4, 2–4 5, 5–6 6, 7–11 7).
  public var maxLessonsPerDayByGrade: [String: Int]?
  /// Most lessons a week by grade ("5": 29); grades not listed use the sanitary rules' defaults
  /// (`SanitaryLimits`). A class over its grade's maximum is warned about.
  public var maxWeeklyHoursByGrade: [String: Int]?
  /// Whether a class may have a subject at most once a day unless its weekly hours exceed the
  /// school days or it is planned as a double lesson (on by default).
  public var subjectOncePerDay: Bool?
  /// Whether a double lesson may span a long break (off by default).
  public var doublesAcrossLongBreak: Bool?
  /// Subjects whose lessons count as difficult (kept from the first and last lesson); by default
  /// those with difficulty 8 or more.
  public var difficultyThreshold: Int?
  public var weights: SoftWeights?

  public init(
    compactClassDays: Bool? = nil, maxLessonsPerDayByGrade: [String: Int]? = nil,
    subjectOncePerDay: Bool? = nil, doublesAcrossLongBreak: Bool? = nil, difficultyThreshold: Int? = nil,
    weights: SoftWeights? = nil
  ) {
    self.compactClassDays = compactClassDays
    self.maxLessonsPerDayByGrade = maxLessonsPerDayByGrade
    self.subjectOncePerDay = subjectOncePerDay
    self.doublesAcrossLongBreak = doublesAcrossLongBreak
    self.difficultyThreshold = difficultyThreshold
    self.weights = weights
  }

  /// The most lessons a day of a grade: the setting, else the sanitary rules' default.
  public func maxLessonsPerDay(grade: Int) -> Int {
    if let value = maxLessonsPerDayByGrade?[String(grade)] { return value }
    switch grade {
    case ...1: return 4
    case 2...4: return 5
    case 5...6: return 6
    default: return 7
    }
  }
}

/// An educational organisation (a school, gymnasium, lyceum or college; one tenant) with
/// everything the planner knows of it for one academic year.
public struct Organisation: Codable, Hashable, Sendable, Identifiable {
  public var id: OrganisationID
  public var name: String
  public var kind: OrganisationKind
  public var settings: OrganisationSettings
  public var rules: TimetableRules?
  public var academicYear: AcademicYear
  public var studyPeriods: [StudyPeriod]
  public var holidays: [Holiday]?
  public var shifts: [Shift]
  public var bellSchedules: [BellSchedule]?
  /// The rules bell schedules are computed from and checked against, per shift.
  public var bellRules: [BellRules]?
  public var subjects: [Subject]
  public var buildings: [Building]?
  public var rooms: [Room]
  public var teachers: [Teacher]
  public var classes: [SchoolClass]
  public var standardCurricula: [StandardCurriculum]?
  public var workingCurricula: [WorkingCurriculum]
  public var assignments: [TeachingAssignment]
  public var streams: [Stream]?
  public var distributionOverrides: [DistributionOverride]?
  /// Named student sets (FET's years, groups, subgroups) for activities and rules.
  public var studentSets: [StudentSet]?
  /// Lessons given directly (electives, clubs, activities imported from FET).
  public var activities: [Activity]?
  /// Timetable rules given explicitly (imported from FET), besides those the organisation's
  /// `rules` produce.
  public var constraints: [TimetableConstraint]?

  public init(
    id: OrganisationID, name: String, kind: OrganisationKind = .school, settings: OrganisationSettings,
    rules: TimetableRules? = nil, academicYear: AcademicYear, studyPeriods: [StudyPeriod],
    holidays: [Holiday]? = nil, shifts: [Shift], bellSchedules: [BellSchedule]? = nil, bellRules: [BellRules]? = nil,
    subjects: [Subject], buildings: [Building]? = nil, rooms: [Room], teachers: [Teacher],
    classes: [SchoolClass], standardCurricula: [StandardCurriculum]? = nil,
    workingCurricula: [WorkingCurriculum] = [], assignments: [TeachingAssignment] = [],
    streams: [Stream]? = nil, distributionOverrides: [DistributionOverride]? = nil
  ) {
    self.id = id
    self.name = name
    self.kind = kind
    self.settings = settings
    self.rules = rules
    self.academicYear = academicYear
    self.studyPeriods = studyPeriods
    self.holidays = holidays
    self.shifts = shifts
    self.bellSchedules = bellSchedules
    self.bellRules = bellRules
    self.subjects = subjects
    self.buildings = buildings
    self.rooms = rooms
    self.teachers = teachers
    self.classes = classes
    self.standardCurricula = standardCurricula
    self.workingCurricula = workingCurricula
    self.assignments = assignments
    self.streams = streams
    self.distributionOverrides = distributionOverrides
    self.studentSets = nil
    self.activities = nil
    self.constraints = nil
  }

  public var effectiveRules: TimetableRules { rules ?? TimetableRules() }
}

// MARK: - Looking things up

extension Organisation {
  public func subject(_ id: SubjectID) -> Subject? { subjects.first { $0.id == id } }
  public func teacher(_ id: TeacherID) -> Teacher? { teachers.first { $0.id == id } }
  public func room(_ id: RoomID) -> Room? { rooms.first { $0.id == id } }
  public func shift(_ id: ShiftID) -> Shift? { shifts.first { $0.id == id } }
  public func period(_ id: PeriodID) -> StudyPeriod? { studyPeriods.first { $0.id == id } }
  public func schoolClass(_ id: ClassID) -> SchoolClass? { classes.first { $0.id == id } }

  /// Finds a class by id or by the name people use ("5A"); case does not matter, nor does a
  /// Cyrillic letter typed for the Latin one that looks the same ("5А") when only one class matches.
  public func findClass(_ key: String) -> SchoolClass? {
    if let exact = classes.first(where: { $0.id == key || $0.name == key }) { return exact }
    let lower = classes.filter { $0.name.lowercased() == key.lowercased() || $0.id.lowercased() == key.lowercased() }
    if lower.count == 1 { return lower[0] }
    // Only when a single class matches: a Cyrillic "5В" is not the Latin "5B".
    let wanted = normalisedClassName(key)
    let alike = classes.filter { normalisedClassName($0.name) == wanted || normalisedClassName($0.id) == wanted }
    return alike.count == 1 ? alike[0] : nil
  }

  /// Finds a study period by id or name, ignoring case ("q1", "1 четверть").
  public func findPeriod(_ key: String) -> StudyPeriod? {
    studyPeriods.first { $0.id == key }
      ?? studyPeriods.first {
        $0.id.lowercased() == key.lowercased() || $0.name.lowercased() == key.lowercased()
      }
  }

  /// Finds a teacher by id, full name, or a unique part of the name.
  public func findTeacher(_ key: String) -> [Teacher] {
    if let exact = teachers.first(where: { $0.id == key || $0.name == key }) { return [exact] }
    return teachers.filter { $0.name.lowercased().contains(key.lowercased()) }
  }

  /// Finds a subject by id or name, ignoring case.
  public func findSubject(_ key: String) -> Subject? {
    subjects.first { $0.id == key }
      ?? subjects.first {
        $0.id.lowercased() == key.lowercased() || $0.name.lowercased() == key.lowercased()
      }
  }

  public func workingCurriculum(of classID: ClassID) -> WorkingCurriculum? {
    workingCurricula.first { $0.class == classID }
  }

  /// The assignment that holds for a subject of a class in a period: the period's own, else the
  /// year's.
  public func assignment(class classID: ClassID, subject: SubjectID, period: PeriodID) -> TeachingAssignment? {
    assignments.first { $0.class == classID && $0.subject == subject && $0.period == period }
      ?? assignments.first { $0.class == classID && $0.subject == subject && $0.period == nil }
  }

  /// The stream that teaches a subject of a class in a period, if any.
  public func stream(class classID: ClassID, subject: SubjectID, period: PeriodID) -> Stream? {
    (streams ?? []).first {
      $0.subject == subject && $0.classes.contains(classID) && ($0.period == nil || $0.period == period)
    }
  }

  /// The weekly norm hours of one rate for a teacher.
  public func normHours(of teacher: Teacher) -> WeeklyHours {
    teacher.normHours ?? settings.effectiveNormHours
  }
}

/// Lower-cases and maps Cyrillic letters that look like Latin ones to Latin, so that "5А" typed on
/// a Russian keyboard finds the class "5A".
func normalisedClassName(_ name: String) -> String {
  let lookAlikes: [Character: Character] = [
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "х": "x", "у": "y",
  ]
  return String(name.lowercased().filter { !$0.isWhitespace && $0 != "-" }.map { lookAlikes[$0] ?? $0 })
}
