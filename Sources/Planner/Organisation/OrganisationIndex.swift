/// Look-ups of an organisation's parts by id, built once: planning a large school asks "who
/// teaches this subject of this class in this period" thousands of times.
public struct OrganisationIndex: Sendable {
  public let organisation: Organisation
  private let subjects: [SubjectID: Subject]
  private let teachers: [TeacherID: Teacher]
  private let classes: [ClassID: SchoolClass]
  private let shifts: [ShiftID: Shift]
  private let curricula: [ClassID: WorkingCurriculum]
  private let assignments: [String: TeachingAssignment]
  private let streams: [String: [Stream]]
  private let calendars: [Int: StudyCalendar]

  public init(_ organisation: Organisation) {
    self.organisation = organisation
    subjects = Dictionary(organisation.subjects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    teachers = Dictionary(organisation.teachers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    classes = Dictionary(organisation.classes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    shifts = Dictionary(organisation.shifts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    curricula = Dictionary(organisation.workingCurricula.map { ($0.class, $0) }, uniquingKeysWith: { a, _ in a })
    assignments = Dictionary(
      organisation.assignments.map { ("\($0.class)|\($0.subject)|\($0.period ?? "*")", $0) },
      uniquingKeysWith: { a, _ in a })
    var streams: [String: [Stream]] = [:]
    for stream in organisation.streams ?? [] {
      for c in stream.classes { streams["\(c)|\(stream.subject)", default: []].append(stream) }
    }
    self.streams = streams
    var calendars: [Int: StudyCalendar] = [:]
    for grade in Set(organisation.classes.map(\.grade)) {
      calendars[grade] = StudyCalendar(organisation: organisation, grade: grade)
    }
    self.calendars = calendars
  }

  /// The study weeks of a grade.
  public func calendar(forGrade grade: Int) -> StudyCalendar {
    calendars[grade] ?? StudyCalendar(organisation: organisation, grade: grade)
  }

  public func subject(_ id: SubjectID) -> Subject? { subjects[id] }
  public func teacher(_ id: TeacherID) -> Teacher? { teachers[id] }
  public func schoolClass(_ id: ClassID) -> SchoolClass? { classes[id] }
  public func shift(_ id: ShiftID) -> Shift? { shifts[id] }
  public func workingCurriculum(of classID: ClassID) -> WorkingCurriculum? { curricula[classID] }

  /// The assignment that holds for a subject of a class in a period: the period's own, else the year's.
  public func assignment(class classID: ClassID, subject: SubjectID, period: PeriodID) -> TeachingAssignment? {
    assignments["\(classID)|\(subject)|\(period)"] ?? assignments["\(classID)|\(subject)|*"]
  }

  /// The stream that teaches a subject of a class in a period, if any.
  public func stream(class classID: ClassID, subject: SubjectID, period: PeriodID) -> Stream? {
    streams["\(classID)|\(subject)"]?.first { $0.period == nil || $0.period == period }
  }
}
