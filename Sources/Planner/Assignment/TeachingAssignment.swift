/// A teaching assignment (закрепление учителя / педагогическая нагрузка): who teaches a subject
/// of a class, and how the class is split for it.
///
/// `teachers` lists one teacher per group of the split, in the split's group order (one for the
/// whole class). With `period` set it holds for that study period only and wins over an
/// assignment without a period.
public struct TeachingAssignment: Codable, Hashable, Sendable {
  public var `class`: ClassID
  public var subject: SubjectID
  public var period: PeriodID?
  public var split: SplitKind
  /// The number of groups for the `groups` and `individual` splits.
  public var groupCount: Int?
  public var teachers: [TeacherID]
  /// Rooms the lessons may use instead of the ones the rules would choose.
  public var rooms: [RoomID]?

  public init(
    class classID: ClassID, subject: SubjectID, period: PeriodID? = nil, split: SplitKind = .whole,
    groupCount: Int? = nil, teachers: [TeacherID], rooms: [RoomID]? = nil
  ) {
    self.class = classID
    self.subject = subject
    self.period = period
    self.split = split
    self.groupCount = groupCount
    self.teachers = teachers
    self.rooms = rooms
  }

  public var resolvedSplit: Split { Split(split, count: groupCount) }
}

/// A stream (поток): several classes of a parallel regrouped for one subject into groups that
/// are taught at the same time, each by its own teacher (7A+7B+7C English in three level groups).
public struct Stream: Codable, Hashable, Sendable, Identifiable {
  public var id: StreamID
  public var name: String
  public var subject: SubjectID
  public var classes: [ClassID]
  /// The study period it is for; `nil` for the whole year.
  public var period: PeriodID?
  public var groups: [StreamGroup]

  public init(
    id: StreamID, name: String, subject: SubjectID, classes: [ClassID], period: PeriodID? = nil, groups: [StreamGroup]
  ) {
    self.id = id
    self.name = name
    self.subject = subject
    self.classes = classes
    self.period = period
    self.groups = groups
  }
}

/// One group of a stream with its teacher.
public struct StreamGroup: Codable, Hashable, Sendable {
  public var name: String
  public var teacher: TeacherID?
  /// Number of students; `nil` to share the classes' students equally among the groups.
  public var size: Int?
  public var rooms: [RoomID]?

  public init(name: String, teacher: TeacherID?, size: Int? = nil, rooms: [RoomID]? = nil) {
    self.name = name
    self.teacher = teacher
    self.size = size
    self.rooms = rooms
  }
}
