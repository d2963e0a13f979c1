import Planner

/// The country whose school system a sample school follows: its curricula, calendar, names and
/// norm hours.
public enum Country: String, Codable, Hashable, Sendable, CaseIterable {
  /// Kazakhstan: Kazakh- and Russian-medium classes, quarters called тоқсан, a 16-hour rate.
  case kazakhstan
  /// Russia: the federal curricula (ФОП), quarters called четверть, an 18-hour rate.
  case russia

  /// The ISO code kept in the organisation's settings ("KZ", "RU").
  public var code: String {
    switch self {
    case .kazakhstan: return "KZ"
    case .russia: return "RU"
    }
  }

  /// Weekly hours of one full teacher's rate: 16 in Kazakhstan, 18 in Russia.
  public var normHours: Int { self == .russia ? 18 : 16 }

  /// The IANA time zone of the sample schools (Asia/Almaty, Europe/Moscow).
  public var timeZone: String { self == .russia ? "Europe/Moscow" : "Asia/Almaty" }

  /// The class letters in the order schools give them (the Kazakh alphabet has Ә after А).
  var classLetters: [String] {
    switch self {
    case .kazakhstan: return ["А", "Ә", "Б", "В", "Г", "Ғ", "Д", "Е", "Ж", "З", "И", "К"]
    case .russia: return ["А", "Б", "В", "Г", "Д", "Е", "Ж", "З", "И", "К", "Л", "М"]
    }
  }
}

/// A stream of the English lessons of one parallel: all its classes regrouped into level groups
/// taught at the same time by different teachers (7А+7Б+7В in four groups).
public struct EnglishStreamSpec: Codable, Hashable, Sendable {
  /// The grade whose classes form the stream (all of them; they study in one shift).
  public var grade: Int
  /// Number of level groups, each with its own teacher.
  public var groups: Int

  /// A stream of the English lessons of `grade` in `groups` level groups.
  public init(grade: Int, groups: Int) {
    self.grade = grade
    self.groups = groups
  }
}

/// What a sample school should look like: its country, its classes per grade, shifts and
/// buildings. `SampleSchools.organisation(_:)` makes the same organisation from the same spec.
public struct SchoolSpec: Codable, Hashable, Sendable {
  /// The organisation's id ("kz-karaoy").
  public var id: OrganisationID
  /// The school's name as it is written on the sign.
  public var name: String
  /// The country whose curricula, calendar and names the school follows.
  public var country: Country
  /// A school, gymnasium or lyceum.
  public var kind: OrganisationKind
  /// Number of classes in each grade (1…11); grades not listed have none.
  public var classesPerGrade: [Int: Int]
  /// Kazakhstan only: how many of a grade's classes are taught in Russian. They take the last
  /// letters of the parallel (А, Ә, Б teach in Kazakh, В, Г in Russian); the others teach in Kazakh.
  /// Every class of a Russian school teaches in Russian.
  public var russianMediumClassesPerGrade: [Int: Int]
  /// One or two shifts. With two, grades 2, 3, 4 and 6 study in the second shift.
  public var shifts: Int
  /// One building, or two with the primary school in the second.
  public var buildings: Int
  /// A village school: small classes (8–16 students), smaller rooms, no subgroups.
  public var isRural: Bool
  /// The English stream of one parallel, if the school has one.
  public var englishStream: EnglishStreamSpec?
  /// The settlement the school is in, for addresses ("Қараой ауылы", "г. Казань").
  public var settlement: String?
  /// The seed of everything chosen at random: names, class sizes, teachers' wishes.
  public var seed: UInt64

  /// A school of `country` with the given classes; see the properties for the rest.
  public init(
    id: OrganisationID, name: String, country: Country, kind: OrganisationKind = .school,
    classesPerGrade: [Int: Int], russianMediumClassesPerGrade: [Int: Int] = [:], shifts: Int = 1,
    buildings: Int = 1, isRural: Bool = false, englishStream: EnglishStreamSpec? = nil, settlement: String? = nil,
    seed: UInt64
  ) {
    self.id = id
    self.name = name
    self.country = country
    self.kind = kind
    self.classesPerGrade = classesPerGrade
    self.russianMediumClassesPerGrade = russianMediumClassesPerGrade
    self.shifts = shifts
    self.buildings = buildings
    self.isRural = isRural
    self.englishStream = englishStream
    self.settlement = settlement
    self.seed = seed
  }

  /// Total number of classes.
  public var classCount: Int { classesPerGrade.values.reduce(0, +) }
}
