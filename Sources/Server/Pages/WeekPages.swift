import Foundation
import Hummingbird
import Planner
import Reports
import Store
import Synchronization

/// The week of a teacher, a class or a room on real dates, and the school's index of timetables.
struct WeekPages {
  let store: Store
  let pages: PageRoutes

  func add(to router: Router<ServerContext>) {
    router.get("o/:org", use: pages.page(school))
    router.get("o/:org/teacher/:id", use: pages.page(week { .teacher($0) }))
    router.get("o/:org/class/:id", use: pages.page(week { .class($0) }))
    router.get("o/:org/room/:id", use: pages.page(week { .room($0) }))
  }

  /// The school's timetables by class, teacher and room (a management organisation's page is its
  /// rolled-up load).
  @Sendable func school(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    let actor = try PageRoutes.signedIn(environment)
    let id = try PagePlace.organisation(context)
    let view = try await blocking { [store] () -> [String: any Sendable]? in
      let scope = try store.scope(id, actor: actor)
      if scope.organisation.kind.isManagement { return nil }
      let environment = environment.inOrganisation(scope.organisation)
      let plan = try store.plans.forTimetables(scope).organisation
      let published = try store.versions.published(scope)
      // Those who may see drafts are told of a draft newer than the published version.
      let draft = try store.versions.list(scope).filter { $0.state == .draft && $0.number > (published?.number ?? 0) }
        .max { $0.number < $1.number }
      let policy = store.policy
      let mayEdit = policy.allows(.editPlan, in: scope)
      let mayCompose = policy.allows(.composeTimetable, in: scope)
      let base = "/o/\(id)"
      var draftLink: [String: String] = [:]
      if let draft {
        draftLink = ["label": VersionLabel.text(draft, environment), "link": "\(base)/versions/\(draft.number)"]
      }
      let classes = plan.classes.sorted { ($0.grade, $0.letter) < ($1.grade, $1.letter) }
      return [
        "title": scope.organisation.name, "org": ["id": id, "name": scope.organisation.name] as [String: any Sendable],
        "version": published.map { VersionLabel.text($0, environment) } ?? environment.text("week.not_published"),
        "classes": classes.map { ["name": $0.id, "link": "\(base)/class/\(escape($0.id))"] },
        "teachers": plan.teachers.sorted { $0.name < $1.name }.map {
          ["name": $0.name, "link": "\(base)/teacher/\(escape($0.id))"]
        },
        "rooms": plan.rooms.sorted { $0.name < $1.name }.map {
          ["name": $0.name, "link": "\(base)/room/\(escape($0.id))"]
        },
        "deputy": mayEdit || mayCompose,
        "draft": draftLink,
        "links": [
          ("curriculum", "nav.curriculum", mayEdit), ("assignments", "nav.assignments", mayEdit),
          ("load", "nav.load", policy.allows(.viewReports, in: scope)), ("versions", "nav.versions", mayCompose),
        ].filter(\.2).map { ["link": "\(base)/\($0.0)", "name": environment.text($0.1)] },
        "language": environment.language.rawValue,
      ]
    }
    guard let view else { return environment.redirect(to: "/o/\(id)/load") }
    let language = ReportLanguage(code: view["language"] as? String ?? "") ?? environment.language
    var local = environment
    local.language = language
    return local.render("school", view)
  }

  /// The week page of one holder: `?date=` picks the week (today's by default), `?version=` a
  /// draft for those who may see drafts, `?print=1` the printable page.
  func week(_ holder: @escaping @Sendable (String) -> TimetableHolder) -> PageRoutes.Handler {
    { [store] request, context, environment in
      let actor = try PageRoutes.signedIn(environment)
      let id = try PagePlace.organisation(context)
      let key = try PagePlace.text(context, "id")
      let version = Int(request.query("version") ?? "")
      let date = request.query("date").flatMap(SchoolDate.init)
      let printable = request.query("print") == "1"
      let (view, language) = try await blocking { () -> ([String: any Sendable], ReportLanguage) in
        let scope = try store.scope(id, actor: actor)
        let environment = environment.inOrganisation(scope.organisation)
        let shown = try WeekView.version(store, scope, number: version)
        let lessons = shown == nil ? [] : try store.versions.week(scope, of: holder(key), version: shown?.number)
        let calendar = try CalendarCache.shared.calendar(store, scope)
        let today = PagePlace.today(in: scope.organisation.timeZone)
        let week = calendar.week(of: lessons, containing: date ?? calendar.insideYear(today))
        let page = WeekView(
          environment: environment, calendar: calendar, holder: holder(key), week: week, today: today, version: shown,
          organisation: scope.organisation, printable: printable)
        return (try page.values(), environment.language)
      }
      var local = environment
      local.language = language
      return local.render("week", view)
    }
  }
}

/// Where a page is: the organisation and the names in its path.
enum PagePlace {
  static func organisation(_ context: ServerContext) throws -> Int {
    guard let text = context.parameters.get("org"), let id = Int(text) else { throw PageError.notFound }
    return id
  }

  static func text(_ context: ServerContext, _ name: String) throws -> String {
    guard let text = context.parameters.get(name)?.removingPercentEncoding, !text.isEmpty else {
      throw PageError.notFound
    }
    return text
  }

  /// Today's date in the organisation's time zone.
  static func today(in zone: String) -> SchoolDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: zone) ?? .current
    let parts = calendar.dateComponents([.year, .month, .day], from: Date())
    return SchoolDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
      ?? SchoolDate(dayNumber: 0)
  }
}

extension PageEnvironment {
  /// The language for pages of an organisation: its `language` setting, else its country's.
  func inOrganisation(_ node: OrganisationNode) -> PageEnvironment {
    var copy = inOrganisation(country: node.country)
    if chosen == nil, let setting = node.settings["language"].flatMap(ReportLanguage.init(code:)) {
      copy.language = setting
    }
    return copy
  }
}

/// The calendars of the organisations' plans, kept while the plan's revision is unchanged: a week
/// page then reads one revision number and the week's rows, not the whole plan.
final class CalendarCache: Sendable {
  static let shared = CalendarCache()
  private let entries = Mutex<[String: (revision: Int, year: String, calendar: LessonCalendar)]>([:])

  func calendar(_ store: Store, _ scope: TenantScope) throws -> LessonCalendar {
    let current = try store.plans.currentRevision(scope)
    let id = "\(store.url)#\(scope.organisation.id)"
    if let hit = entries.withLock({ $0[id] }), hit.revision == current.revision, hit.year == current.year {
      return hit.calendar
    }
    let plan = try store.plans.forTimetables(scope)
    let calendar = LessonCalendar(organisation: plan.organisation)
    entries.withLock { entries in
      if entries.count > 2_000 { entries.removeAll() }
      entries[id] = (plan.revision, plan.academicYear, calendar)
    }
    return calendar
  }
}
