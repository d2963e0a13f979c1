/// A subject (пән / предмет) of the organisation's directory.
public struct Subject: Codable, Hashable, Sendable, Identifiable {
  public var id: SubjectID
  /// The name the school uses ("Алгебра", "Қазақ тілі").
  public var name: String
  /// A short name for narrow timetable cells ("Алг.").
  public var shortName: String?
  /// The type of room its lessons need (a laboratory, the gym); `nil` for an ordinary classroom.
  public var roomType: RoomType?
  /// Difficulty on the sanitary rules' scale (about 1 for PE to 13 for mathematics); the
  /// timetable keeps difficult subjects away from the first and last lesson.
  public var difficulty: Int?

  public init(id: SubjectID, name: String, shortName: String? = nil, roomType: RoomType? = nil, difficulty: Int? = nil)
  {
    self.id = id
    self.name = name
    self.shortName = shortName
    self.roomType = roomType
    self.difficulty = difficulty
  }
}

/// A building of the school; rooms belong to one.
public struct Building: Codable, Hashable, Sendable, Identifiable {
  public var id: BuildingID
  public var name: String
  public var address: String?

  public init(id: BuildingID, name: String, address: String? = nil) {
    self.id = id
    self.name = name
    self.address = address
  }
}

/// The kind of a room (кабинет): lessons of some subjects need a laboratory, a computer room,
/// the gym. Any name may be used; these are the usual ones.
public struct RoomType: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral,
  CustomStringConvertible
{
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { rawValue = value }
  public var description: String { rawValue }

  public static let classroom: RoomType = "classroom"
  public static let laboratory: RoomType = "laboratory"
  public static let computer: RoomType = "computer"
  public static let gym: RoomType = "gym"
  public static let workshop: RoomType = "workshop"
  public static let music: RoomType = "music"
  public static let art: RoomType = "art"
  public static let hall: RoomType = "hall"

  public init(from decoder: Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }
  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}

/// A room with its type and the number of students it seats.
public struct Room: Codable, Hashable, Sendable, Identifiable {
  public var id: RoomID
  public var name: String
  public var building: BuildingID?
  public var type: RoomType
  public var capacity: Int
  /// Times the room cannot be used (repairs, another school's lessons).
  public var unavailable: [TimeSlot]?

  public init(
    id: RoomID, name: String, building: BuildingID? = nil, type: RoomType = .classroom, capacity: Int,
    unavailable: [TimeSlot]? = nil
  ) {
    self.id = id
    self.name = name
    self.building = building
    self.type = type
    self.capacity = capacity
    self.unavailable = unavailable
  }
}

/// A teacher (мұғалім / учитель) with what they may teach and how much.
public struct Teacher: Codable, Hashable, Sendable, Identifiable {
  public var id: TeacherID
  /// Full name as in the staff list ("Ахметова Гүлнар Серікқызы").
  public var name: String
  /// Subjects the teacher is qualified to teach.
  public var subjects: [SubjectID]
  /// Most weekly hours the teacher may take (often 1.5 rates); `nil` for no limit.
  public var maxWeeklyLoad: WeeklyHours?
  /// Weekly hours of one full rate for this teacher, when it differs from the organisation's.
  public var normHours: WeeklyHours?
  /// The teacher's own room (кабинет), where their lessons go when the subject needs no special room.
  public var room: RoomID?
  /// Times the teacher cannot teach (a second job, a study day).
  public var unavailable: [TimeSlot]?
  /// Days the teacher asked to have free (a soft wish, weighed by the rules).
  public var daysOffRequested: [Weekday]?
  /// Most lessons in one day the teacher wishes (soft).
  public var maxLessonsPerDay: Int?

  public init(
    id: TeacherID, name: String, subjects: [SubjectID], maxWeeklyLoad: WeeklyHours? = nil,
    normHours: WeeklyHours? = nil, room: RoomID? = nil, unavailable: [TimeSlot]? = nil,
    daysOffRequested: [Weekday]? = nil, maxLessonsPerDay: Int? = nil
  ) {
    self.id = id
    self.name = name
    self.subjects = subjects
    self.maxWeeklyLoad = maxWeeklyLoad
    self.normHours = normHours
    self.room = room
    self.unavailable = unavailable
    self.daysOffRequested = daysOffRequested
    self.maxLessonsPerDay = maxLessonsPerDay
  }
}

/// A class (сынып / класс), or a group of a college: a grade and a letter, its students, its shift.
public struct SchoolClass: Codable, Hashable, Sendable, Identifiable {
  public var id: ClassID
  public var grade: Int
  /// The letter (or suffix) after the grade: "A", "Ә", "Б".
  public var letter: String
  public var shift: ShiftID
  public var boys: Int
  public var girls: Int
  /// The class's own room, where its ordinary whole-class lessons go.
  public var homeRoom: RoomID?
  /// The class teacher (сынып жетекшісі / классный руководитель).
  public var classTeacher: TeacherID?
  /// Most lessons a day; `nil` for the organisation's default of the grade.
  public var maxLessonsPerDay: Int?
  /// Whether the class's day must have no gaps and start at its first lesson; `nil` for the
  /// organisation's default (on in general schools).
  public var compactDay: Bool?
  /// Times the class cannot have lessons.
  public var unavailable: [TimeSlot]?
  /// Education profile (физико-математический, гуманитарный), if any.
  public var profile: String?
  /// Language of instruction ("kk", "ru").
  public var language: String?

  public init(
    id: ClassID, grade: Int, letter: String, shift: ShiftID, boys: Int, girls: Int,
    homeRoom: RoomID? = nil, classTeacher: TeacherID? = nil, maxLessonsPerDay: Int? = nil,
    compactDay: Bool? = nil, unavailable: [TimeSlot]? = nil, profile: String? = nil, language: String? = nil
  ) {
    self.id = id
    self.grade = grade
    self.letter = letter
    self.shift = shift
    self.boys = boys
    self.girls = girls
    self.homeRoom = homeRoom
    self.classTeacher = classTeacher
    self.maxLessonsPerDay = maxLessonsPerDay
    self.compactDay = compactDay
    self.unavailable = unavailable
    self.profile = profile
    self.language = language
  }

  /// "5A": the grade and letter, as everyone calls the class.
  public var name: String { "\(grade)\(letter)" }

  public var students: Int { boys + girls }
}
