/// A class as the timetable sees it: when it may have lessons and its student units.
public struct ProblemClass: Codable, Hashable, Sendable {
  public var id: ClassID
  public var name: String
  public var grade: Int
  public var shift: ShiftID
  /// The school-day periods of its shift.
  public var firstPeriod: Int
  public var lastPeriod: Int
  /// The student units of the class (one when it is never split; more when subjects split it).
  public var units: [String]
  public var maxLessonsPerDay: Int
  /// Whether its day must have no gaps and start at its shift's first lesson.
  public var compactDay: Bool
  public var unavailable: [TimeSlot]
  /// School-day periods after which a long break comes.
  public var longBreaksAfter: [Int]

  public init(
    id: ClassID, name: String, grade: Int, shift: ShiftID, firstPeriod: Int, lastPeriod: Int, units: [String],
    maxLessonsPerDay: Int, compactDay: Bool, unavailable: [TimeSlot] = [], longBreaksAfter: [Int] = []
  ) {
    self.id = id
    self.name = name
    self.grade = grade
    self.shift = shift
    self.firstPeriod = firstPeriod
    self.lastPeriod = lastPeriod
    self.units = units
    self.maxLessonsPerDay = maxLessonsPerDay
    self.compactDay = compactDay
    self.unavailable = unavailable
    self.longBreaksAfter = longBreaksAfter
  }
}

/// A teacher as the timetable sees it.
public struct ProblemTeacher: Codable, Hashable, Sendable {
  public var id: TeacherID
  public var name: String
  public var unavailable: [TimeSlot]

  public init(id: TeacherID, name: String, unavailable: [TimeSlot] = []) {
    self.id = id
    self.name = name
    self.unavailable = unavailable
  }
}

/// A room as the timetable sees it.
public struct ProblemRoom: Codable, Hashable, Sendable {
  public var id: RoomID
  public var name: String
  public var type: RoomType
  public var capacity: Int
  public var unavailable: [TimeSlot]
  /// The building the room is in, when the school has buildings (the building-change rules).
  public var building: String?

  public init(
    id: RoomID, name: String, type: RoomType, capacity: Int, unavailable: [TimeSlot] = [], building: String? = nil
  ) {
    self.id = id
    self.name = name
    self.type = type
    self.capacity = capacity
    self.unavailable = unavailable
    self.building = building
  }
}

/// A named set of students (a FET year, group or subgroup; a class): the student units it takes.
public struct ProblemStudentSet: Codable, Hashable, Sendable {
  public var id: String
  public var units: [String]

  public init(id: String, units: [String]) {
    self.id = id
    self.units = units
  }
}

/// A subject as the timetable sees it (for names in reports).
public struct ProblemSubject: Codable, Hashable, Sendable {
  public var id: SubjectID
  public var name: String

  public init(id: SubjectID, name: String) {
    self.id = id
    self.name = name
  }
}

/// Everything the solver needs to build one week's timetable and the checker needs to judge
/// it: the lesson demand, the time grid, the resources and the rules. Derived from an
/// organisation by the planner (or read from another tool's file); it never touches storage.
public struct TimetableProblem: Codable, Hashable, Sendable {
  public var organisation: OrganisationID
  public var name: String
  /// The study period the timetable is for.
  public var period: PeriodID?
  public var days: [Weekday]
  /// How days are called in the source (the weekday names by default).
  public var dayNames: [String]
  /// Periods of a school day, over all shifts.
  public var periodsPerDay: Int
  public var periodNames: [String]
  public var classes: [ProblemClass]
  public var teachers: [ProblemTeacher]
  public var rooms: [ProblemRoom]
  public var subjects: [ProblemSubject]
  /// The lesson demand: what must be placed each week.
  public var lessons: [Lesson]
  public var constraints: [TimetableConstraint]
  /// Named student sets that constraints refer to (besides the classes, whose sets are their units).
  public var studentSets: [ProblemStudentSet]?

  public init(
    organisation: OrganisationID, name: String, period: PeriodID? = nil, days: [Weekday], dayNames: [String]? = nil,
    periodsPerDay: Int, periodNames: [String]? = nil, classes: [ProblemClass], teachers: [ProblemTeacher],
    rooms: [ProblemRoom], subjects: [ProblemSubject], lessons: [Lesson], constraints: [TimetableConstraint],
    studentSets: [ProblemStudentSet]? = nil
  ) {
    self.organisation = organisation
    self.name = name
    self.period = period
    self.days = days
    self.dayNames = dayNames ?? days.map(\.shortName)
    self.periodsPerDay = periodsPerDay
    self.periodNames = periodNames ?? (1...max(periodsPerDay, 1)).map(String.init)
    self.classes = classes
    self.teachers = teachers
    self.rooms = rooms
    self.subjects = subjects
    self.lessons = lessons
    self.constraints = constraints
    self.studentSets = studentSets
  }

  /// The student units of a named set: a student set, a class, or a unit itself; all units for `nil`.
  public func units(of students: String?) -> [String] {
    guard let students else {
      var all: [String] = []
      var seen = Set<String>()
      for c in classes { for u in c.units where seen.insert(u).inserted { all.append(u) } }
      for l in lessons { for u in l.students where seen.insert(u).inserted { all.append(u) } }
      return all
    }
    if let set = studentSets?.first(where: { $0.id == students }) { return set.units }
    if let schoolClass = classes.first(where: { $0.id == students }) { return schoolClass.units }
    return [students]
  }

  public func lesson(_ id: String) -> Lesson? { lessons.first { $0.id == id } }
}
