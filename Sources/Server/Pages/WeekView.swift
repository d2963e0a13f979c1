import Foundation
import Planner
import Reports
import Store

/// The values of a week page: the days with their real dates (today first on a screen), the
/// lessons with the bell times of their shift, and which version is shown.
struct WeekView {
  var environment: PageEnvironment
  var calendar: LessonCalendar
  var holder: TimetableHolder
  var week: ScheduleWeek
  var today: SchoolDate
  var version: TimetableVersion?
  var organisation: OrganisationNode
  var printable: Bool

  /// The version a page shows: the one asked for (drafts only for those who may see them; the
  /// store decides), else the published one; `nil` when nothing is published yet.
  static func version(_ store: Store, _ scope: TenantScope, number: Int?) throws -> TimetableVersion? {
    guard let number else { return try store.versions.published(scope) }
    guard let found = try store.versions.list(scope).first(where: { $0.number == number }) else {
      throw StoreError.notFound("timetable version \(number)")
    }
    return found
  }

  func values() throws -> [String: any Sendable] {
    let base = "/o/\(organisation.id)"
    let (kind, key) = Self.kindAndKey(holder)
    let name = holderName(kind, key)
    var days = week.days.map(day)
    if !printable, let index = week.days.firstIndex(where: { $0.date == today }) {
      days.insert(days.remove(at: index), at: 0)
    }
    let versionQuery = version.map { $0.state == .draft ? "&version=\($0.number)" : "" } ?? ""
    return [
      "title": "\(name) · \(dateLabel(week.monday))", "heading": environment.text("week.heading.\(kind)", name),
      "org": ["id": organisation.id, "name": organisation.name, "link": base] as [String: any Sendable],
      "version": version.map { VersionLabel.text($0, environment) } ?? environment.text("week.not_published"),
      "draft": version?.state == .draft, "weekLabel": weekLabel(), "days": days, "printable": printable,
      "previous": "?date=\(week.monday.adding(days: -7))\(versionQuery)",
      "next": "?date=\(week.monday.adding(days: 7))\(versionQuery)",
      "current": "?date=\(calendar.insideYear(today))\(versionQuery)",
      "print": "?date=\(week.monday)&print=1\(versionQuery)",
    ]
  }

  static func kindAndKey(_ holder: TimetableHolder) -> (String, String) {
    switch holder {
    case .teacher(let id): ("teacher", id)
    case .class(let id): ("class", id)
    case .room(let id): ("room", id)
    }
  }

  private func holderName(_ kind: String, _ key: String) -> String {
    let o = calendar.organisation
    switch kind {
    case "teacher": return o.teachers.first { $0.id == key }?.name ?? key
    case "room": return o.rooms.first { $0.id == key }?.name ?? key
    default: return key
    }
  }

  private func day(_ day: ScheduleDay) -> [String: any Sendable] {
    let closure: String? =
      switch day.closure {
      case .holiday(let name): environment.text("week.holiday", name)
      case .outsideTerm: environment.text("week.outside_term")
      case nil: nil
      }
    return [
      "id": "d\(day.date)", "weekday": environment.language.weekdayName(day.weekday),
      "date": dateLabel(day.date), "isToday": day.date == today, "closure": closure ?? "",
      "closed": closure != nil, "lessons": day.lessons.map(lesson), "empty": closure == nil && day.lessons.isEmpty,
    ]
  }

  private func lesson(_ occurrence: LessonOccurrence) -> [String: any Sendable] {
    let lesson = occurrence.lesson
    let time = occurrence.start.map { start in "\(start)–\(occurrence.end.map(\.description) ?? "")" } ?? ""
    let who: [String] =
      switch holder {
      case .teacher: occurrence.classNames
      case .class: occurrence.teacherNames
      case .room: occurrence.classNames + occurrence.teacherNames
      }
    let weeks = lesson.weeks == WeekPattern.every.rawValue ? "" : environment.text("week.only_\(lesson.weeks)")
    return [
      "number": occurrence.number, "time": time, "subject": occurrence.subjectName,
      "group": groupLabel(lesson.group), "who": who.joined(separator: ", "),
      "rooms": occurrence.roomNames.joined(separator: ", "), "weeks": weeks,
    ]
  }

  /// A subgroup's label in the page's language ("1 гр."); nothing for the whole class.
  private func groupLabel(_ group: String) -> String {
    let trimmed = group.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty || trimmed == "whole" || trimmed == "all" { return "" }
    return environment.text("week.group", trimmed)
  }

  private func weekLabel() -> String {
    guard let study = week.studyWeek else { return environment.text("week.no_study_week") }
    let parity = environment.text(study.isOdd ? "week.odd" : "week.even")
    let period = calendar.organisation.studyPeriods.first { $0.id == study.period }?.name ?? study.period
    return environment.text("week.study_week", String(study.number), parity, period)
  }

  func dateLabel(_ date: SchoolDate) -> String {
    let (_, month, day) = date.components
    return environment.language.dayAndMonth(day: day, month: month)
  }
}

/// "Published version 3 (5 Sep by deputy)" or "Draft version 4 — not published".
enum VersionLabel {
  static func text(_ version: TimetableVersion, _ environment: PageEnvironment) -> String {
    switch version.state {
    case .draft: environment.text("version.draft", String(version.number))
    case .published:
      environment.text(
        "version.published", String(version.number), version.publishedAt.map(Self.day) ?? "",
        version.publishedBy ?? "")
    case .superseded: environment.text("version.superseded", String(version.number))
    }
  }

  static func day(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    return formatter.string(from: date)
  }
}
