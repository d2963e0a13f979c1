/// A change of the weekly distribution made by hand: this many lessons of a subject of a class in
/// one study week (say, one lesson fewer in a week with a school event).
///
/// With `keepTotal` the other weeks of the year give or take the difference so that the year's
/// hours stay as planned; without it the total changes and the difference is reported.
public struct DistributionOverride: Codable, Hashable, Sendable {
  public var `class`: ClassID
  public var subject: SubjectID
  /// A group of the split ("1", "boys"); `nil` for every group of the subject.
  public var group: String?
  /// The study week number (1 for the year's first).
  public var week: Int
  public var lessons: Int
  public var keepTotal: Bool?

  public init(
    class classID: ClassID, subject: SubjectID, group: String? = nil, week: Int, lessons: Int, keepTotal: Bool? = nil
  ) {
    self.class = classID
    self.subject = subject
    self.group = group
    self.week = week
    self.lessons = lessons
    self.keepTotal = keepTotal
  }
}
