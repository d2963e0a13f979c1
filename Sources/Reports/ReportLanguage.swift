import Foundation
import Planner

/// The language a report is printed in: the organisation's (Russian or Kazakh), English as a
/// fallback. It names weekdays (full and short), months (standalone and in the genitive, as in
/// "5 декабря") and the words of the timetable tables.
public enum ReportLanguage: String, CaseIterable, Codable, Sendable {
  case russian = "ru"
  case kazakh = "kk"
  case english = "en"

  /// The language of a code: "ru", "kk" (or "kz", "kaz"), "en", with or without a region
  /// ("ru-RU", "kk_KZ"); nil for any other.
  public init?(code: String) {
    let base = code.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
    switch base {
    case "ru", "rus": self = .russian
    case "kk", "kz", "kaz": self = .kazakh
    case "en", "eng": self = .english
    default: return nil
    }
  }

  /// The organisation's language: the language of instruction of most of its classes when Sabaq
  /// prints it (a tie goes to the country's), else its country's (Russian in Russia and
  /// Kyrgyzstan, where Russian is an official language and Kyrgyz is not printed; Kazakh in
  /// Kazakhstan), else English.
  public static func of(_ organisation: Organisation) -> ReportLanguage {
    let country = ofCountry(organisation.settings.country)
    var counts: [ReportLanguage: Int] = [:]
    for schoolClass in organisation.classes {
      if let language = schoolClass.language.flatMap(ReportLanguage.init(code:)) { counts[language, default: 0] += 1 }
    }
    guard let most = counts.values.max() else { return country ?? .english }
    let leaders = allCases.filter { counts[$0] == most }
    if let country, leaders.contains(country) { return country }
    return leaders[0]
  }

  /// The language printed for a country's schools (ISO code), if Sabaq prints one.
  public static func ofCountry(_ country: String?) -> ReportLanguage? {
    switch country?.uppercased() {
    case "RU", "KG", "BY": return .russian
    case "KZ": return .kazakh
    default: return nil
    }
  }

  // MARK: Weekdays and months

  /// The full weekday name, capitalised ("Понедельник", "Дүйсенбі", "Monday"); for a cycle day of
  /// an imported timetable, "День 8" / "8-күн" / "Day 8".
  public func weekdayName(_ day: Weekday) -> String {
    guard day.isCalendarWeekday else { return cycleDay(day.index + 1) }
    return fullWeekdays[day.index]
  }

  /// The short weekday name ("Пн", "Дс", "Mon").
  public func weekdayShortName(_ day: Weekday) -> String {
    guard day.isCalendarWeekday else { return String(day.index + 1) }
    return shortWeekdays[day.index]
  }

  private var fullWeekdays: [String] {
    switch self {
    case .russian: return ["Понедельник", "Вторник", "Среда", "Четверг", "Пятница", "Суббота", "Воскресенье"]
    case .kazakh: return ["Дүйсенбі", "Сейсенбі", "Сәрсенбі", "Бейсенбі", "Жұма", "Сенбі", "Жексенбі"]
    case .english: return ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    }
  }

  private var shortWeekdays: [String] {
    switch self {
    case .russian: return ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
    case .kazakh: return ["Дс", "Сс", "Ср", "Бс", "Жм", "Сб", "Жс"]
    case .english: return ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    }
  }

  private func cycleDay(_ n: Int) -> String {
    switch self {
    case .russian: return "День \(n)"
    case .kazakh: return "\(n)-күн"
    case .english: return "Day \(n)"
    }
  }

  /// The month's name standing alone, capitalised ("Декабрь", "Желтоқсан", "December"), for
  /// month 1…12; the number itself for any other.
  public func monthName(_ month: Int) -> String {
    guard (1...12).contains(month) else { return String(month) }
    switch self {
    case .russian:
      return [
        "Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь",
        "Декабрь",
      ][month - 1]
    case .kazakh:
      return [
        "Қаңтар", "Ақпан", "Наурыз", "Сәуір", "Мамыр", "Маусым", "Шілде", "Тамыз", "Қыркүйек", "Қазан", "Қараша",
        "Желтоқсан",
      ][month - 1]
    case .english:
      return [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
      ][month - 1]
    }
  }

  /// The month's name as a date says it after the day: the genitive in Russian ("декабря"); in
  /// Kazakh the name is not declined there ("желтоқсан"); English keeps its capital ("December").
  public func monthNameInDate(_ month: Int) -> String {
    guard (1...12).contains(month) else { return String(month) }
    switch self {
    case .russian:
      return [
        "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
        "декабря",
      ][month - 1]
    case .kazakh: return monthName(month).lowercased()
    case .english: return monthName(month)
    }
  }

  /// A day of a month as a sentence says it: "5 декабря", "5 желтоқсан", "5 December".
  public func dayAndMonth(day: Int, month: Int) -> String { "\(day) \(monthNameInDate(month))" }

  /// A date with its year: "5 декабря 2026 г.", "2026 жылғы 5 желтоқсан", "5 December 2026".
  public func date(_ date: SchoolDate) -> String {
    let (year, month, day) = date.components
    let dayMonth = dayAndMonth(day: day, month: month)
    switch self {
    case .russian: return "\(dayMonth) \(year) г."
    case .kazakh: return "\(year) жылғы \(dayMonth)"
    case .english: return "\(dayMonth) \(year)"
    }
  }

  /// The words of the reports in this language.
  public var words: ReportWords { ReportWords(self) }
}
