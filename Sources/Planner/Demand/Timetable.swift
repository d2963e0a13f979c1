/// Where and when one lesson takes place: the day, the first period, and a room for each of
/// its room requirements.
public struct Placement: Codable, Hashable, Sendable {
  public var lesson: String
  public var day: Weekday
  /// The school-day period the lesson starts at; a double lesson also takes the next.
  public var period: Int
  public var rooms: [RoomID]
  /// A locked placement stays where it is when the timetable is solved again.
  public var locked: Bool?

  public init(lesson: String, day: Weekday, period: Int, rooms: [RoomID] = [], locked: Bool? = nil) {
    self.lesson = lesson
    self.day = day
    self.period = period
    self.rooms = rooms
    self.locked = locked
  }
}

/// A weekly timetable (сабақ кестесі / расписание уроков): the placements of the lessons of one
/// organisation and study period.
public struct Timetable: Codable, Hashable, Sendable {
  public var format: String?
  public var organisation: OrganisationID
  public var period: PeriodID?
  public var placements: [Placement]

  public init(organisation: OrganisationID, period: PeriodID?, placements: [Placement]) {
    self.format = "sabaq-timetable"
    self.organisation = organisation
    self.period = period
    self.placements = placements
  }

  public func placement(of lesson: String) -> Placement? { placements.first { $0.lesson == lesson } }
}
