import Foundation
import Reports
import Store
import Synchronization

/// The calendars of the organisations' plans, kept while the plan's revision is unchanged: a week
/// page or a feed then reads one revision number and the week's rows, not the whole plan.
final class CalendarCache: Sendable {
  static let shared = CalendarCache()
  private let entries = Mutex<[String: (revision: Int, year: String, calendar: LessonCalendar)]>([:])

  /// The calendar of the newest plan, and that plan's revision.
  func calendar(_ store: Store, _ scope: TenantScope) throws -> (LessonCalendar, Int) {
    let current = try store.plans.currentRevision(scope)
    let id = "\(store.url)#\(scope.organisation.id)"
    if let hit = entries.withLock({ $0[id] }), hit.revision == current.revision, hit.year == current.year {
      return (hit.calendar, hit.revision)
    }
    let plan = try store.plans.forTimetables(scope)
    let calendar = LessonCalendar(organisation: plan.organisation)
    entries.withLock { entries in
      if entries.count > 2_000 { entries.removeAll() }
      entries[id] = (plan.revision, plan.academicYear, calendar)
    }
    return (calendar, plan.revision)
  }
}

/// Rendered days of week pages, at most 4,096 (dropped all at once when full: a new version or
/// revision makes new keys, and the old ones are not asked for again).
final class WeekFragments: Sendable {
  static let shared = WeekFragments()
  private let entries = Mutex<[String: String]>([:])

  func html(_ key: String, render: () -> String) -> String {
    if let hit = entries.withLock({ $0[key] }) { return hit }
    let html = render()
    entries.withLock { entries in
      if entries.count >= 4_096 { entries.removeAll() }
      entries[key] = html
    }
    return html
  }
}
