/// One lesson of a teacher's, class's or room's week as pages and feeds show it (the store reads
/// it from the rows kept per teacher, class and room, without loading the plan). Identifiers,
/// not names: the plan names them.
public struct ScheduledLesson: Codable, Hashable, Sendable {
  public var lesson: String
  public var day: String
  public var period: Int
  public var duration: Int
  public var subject: String
  public var group: String
  public var classes: [String]
  public var teachers: [String]
  public var rooms: [String]
  /// `every`, `odd` or `even`.
  public var weeks: String

  public init(
    lesson: String, day: String, period: Int, duration: Int, subject: String, group: String, classes: [String],
    teachers: [String], rooms: [String], weeks: String
  ) {
    self.lesson = lesson
    self.day = day
    self.period = period
    self.duration = duration
    self.subject = subject
    self.group = group
    self.classes = classes
    self.teachers = teachers
    self.rooms = rooms
    self.weeks = weeks
  }
}
