/// Which weeks a lesson is held in: every week, or only odd or only even study weeks (half an
/// hour a week in the curriculum).
public enum WeekPattern: String, Codable, Sendable, CaseIterable {
  case every, odd, even

  /// Whether two patterns share a week: lessons in odd and in even weeks never meet.
  public func meets(_ other: WeekPattern) -> Bool {
    self == .every || other == .every || self == other
  }
}

/// The rooms one teacher's part of a lesson may use.
public struct RoomRequirement: Codable, Hashable, Sendable {
  /// Rooms that satisfy the lesson's type and capacity (and any lock or choice made by hand).
  public var allowed: [RoomID]
  /// Rooms that are better than the others (the teacher's or the class's own).
  public var preferred: [RoomID]?
  /// Whether the lesson may go without this room (a FET room wish below 100%): its placement
  /// then gives an empty room id `""` for it.
  public var optional: Bool?

  public init(allowed: [RoomID], preferred: [RoomID]? = nil, optional: Bool? = nil) {
    self.allowed = allowed
    self.preferred = preferred
    self.optional = optional
  }

  public var isOptional: Bool { optional ?? false }
}

/// A lesson (сабақ / урок) the timetable must place once a week: who teaches whom, for how many
/// consecutive periods, in which weeks, and what room it needs.
///
/// The facts here are fixed; where and when it takes place is decided by the solver and kept in
/// a `Timetable`. A stream lesson has several teachers, each with their own group and room
/// (teacher *i* uses room requirement *i*).
public struct Lesson: Codable, Hashable, Sendable, Identifiable {
  public var id: String
  public var subject: SubjectID
  public var classes: [ClassID]
  /// "whole", a subgroup ("1", "boys"), or the stream's name.
  public var group: String
  public var teachers: [TeacherID]
  /// The student units the lesson takes: lessons sharing a unit cannot meet in the same weeks.
  public var students: [String]
  /// Number of students.
  public var size: Int
  /// Consecutive periods (2 for a double lesson).
  public var duration: Int
  public var weeks: WeekPattern
  /// The lesson of the other weeks that shares this lesson's slot (odd with even).
  public var partner: String?
  public var rooms: [RoomRequirement]
  /// Whether the subject counts as difficult (kept from the first and last lesson of the day).
  public var difficult: Bool?

  public init(
    id: String, subject: SubjectID, classes: [ClassID], group: String, teachers: [TeacherID], students: [String],
    size: Int, duration: Int = 1, weeks: WeekPattern = .every, partner: String? = nil, rooms: [RoomRequirement] = [],
    difficult: Bool? = nil
  ) {
    self.id = id
    self.subject = subject
    self.classes = classes
    self.group = group
    self.teachers = teachers
    self.students = students
    self.size = size
    self.duration = duration
    self.weeks = weeks
    self.partner = partner
    self.rooms = rooms
    self.difficult = difficult
  }
}
