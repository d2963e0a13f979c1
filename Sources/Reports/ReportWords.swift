/// The words of the timetable reports in one language: titles, column headings and the labels
/// of groups and week patterns.
public struct ReportWords: Sendable {
  public let language: ReportLanguage

  public init(_ language: ReportLanguage) { self.language = language }

  private func pick(_ russian: String, _ kazakh: String, _ english: String) -> String {
    switch language {
    case .russian: return russian
    case .kazakh: return kazakh
    case .english: return english
    }
  }

  /// The heading of a class's timetable: "Расписание класса 7А".
  public func classTimetable(_ name: String) -> String {
    pick("Расписание класса \(name)", "\(name) сыныбының сабақ кестесі", "Timetable of class \(name)")
  }

  /// The heading of a teacher's timetable: "Расписание учителя: Иванова Анна Петровна".
  public func teacherTimetable(_ name: String) -> String {
    pick("Расписание учителя: \(name)", "Мұғалімнің сабақ кестесі: \(name)", "Timetable of teacher \(name)")
  }

  /// The heading of a room's timetable: "Занятость: Кабинет 204".
  public func roomTimetable(_ name: String) -> String {
    pick("Занятость: \(name)", "Бөлменің кестесі: \(name)", "Timetable of room \(name)")
  }

  /// The title of the classes' tables together.
  public var classesTitle: String { pick("Расписание по классам", "Сыныптардың сабақ кестесі", "Timetable by class") }
  /// The title of the teachers' tables together.
  public var teachersTitle: String {
    pick("Расписание учителей", "Мұғалімдердің сабақ кестесі", "Timetable by teacher")
  }
  /// The title of the rooms' tables together.
  public var roomsTitle: String { pick("Занятость кабинетов", "Бөлмелердің кестесі", "Timetable by room") }

  /// The heading of the lesson number column.
  public var lessonNumber: String { "№" }
  /// The heading of the bell time column.
  public var time: String { pick("Время", "Уақыты", "Time") }
  /// Said of a day without lessons.
  public var noLessons: String { pick("нет уроков", "сабақ жоқ", "no lessons") }
  /// Said of a table with no lesson at all.
  public var noLessonsThisWeek: String {
    pick("нет уроков на неделе", "аптада сабақ жоқ", "no lessons this week")
  }
  /// The word before a study period's name: "Период: 1 четверть".
  public var period: String { pick("Период", "Кезең", "Period") }
  /// The heading of the contents list of the printed pages.
  public var contents: String { pick("Содержание", "Мазмұны", "Contents") }

  /// A group of a split class as the timetable says it: "1 группа", "1-топ", "group 1"; boys,
  /// girls, an individual lesson; a stream's or FET set's name stays as it is.
  public func group(_ group: String) -> String? {
    switch group {
    case "whole", "": return nil
    case "boys": return pick("мальчики", "ұлдар", "boys")
    case "girls": return pick("девочки", "қыздар", "girls")
    default: break
    }
    if let n = Int(group) { return pick("\(n) группа", "\(n)-топ", "group \(n)") }
    if group.hasPrefix("ind-"), let n = Int(group.dropFirst(4)) {
      return pick("индивидуально \(n)", "жеке \(n)", "individual \(n)")
    }
    return group
  }

  /// Odd or even study weeks (a lesson held every other week).
  public func weeks(odd: Bool) -> String {
    odd ? pick("нечётные недели", "тақ апталар", "odd weeks") : pick("чётные недели", "жұп апталар", "even weeks")
  }
}
