import Foundation
import Hummingbird
import Planner
import Reports
import Store

/// The week of a teacher, a class or a room on real dates, and the school's index of timetables.
struct WeekPages {
  let store: Store
  let pages: PageRoutes

  func add(to router: Router<ServerContext>) {
    router.get("o/:org", use: pages.page(school))
    router.get("o/:org/teacher/:id", use: pages.page(week { .teacher($0) }))
    router.get("o/:org/class/:id", use: pages.page(week { .class($0) }))
    router.get("o/:org/room/:id", use: pages.page(week { .room($0) }))
    router.post("o/:org/feed/:kind/:id/reset", use: pages.page(resetFeed))
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
      // One read of the versions: the published one, and for those who may see drafts a newer draft.
      let versions = try store.versions.list(scope)
      let published = versions.first { $0.state == .published }
      let draft = versions.filter { $0.state == .draft && $0.number > (published?.number ?? 0) }
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
      let origin = Self.origin(request, secure: pages.secureCookies)
      let (view, language) = try await blocking { () -> ([String: any Sendable], ReportLanguage) in
        let scope = try store.scope(id, actor: actor)
        let environment = environment.inOrganisation(scope.organisation)
        let shown = try WeekView.version(store, scope, number: version)
        let lessons = shown == nil ? [] : try store.versions.week(scope, of: holder(key), version: shown?.number)
        let (calendar, revision) = try CalendarCache.shared.calendar(store, scope)
        let today = PagePlace.today(in: scope.organisation.timeZone)
        let week = calendar.week(of: lessons, containing: date ?? calendar.insideYear(today))
        let page = WeekView(
          environment: environment, calendar: calendar, holder: holder(key), week: week, today: today, version: shown,
          organisation: scope.organisation, printable: printable)
        var values = try page.values()
        // The days of a published version's week (immutable) are the same for every viewer until
        // the plan changes: rendered once per version, plan revision, holder, week, language and
        // day. A draft can still be edited: its days are rendered every time.
        let fragmentKey = [
          store.url, String(shown?.id ?? 0), String(revision), WeekView.kindAndKey(holder(key)).0, key,
          "\(week.monday)", environment.language.rawValue, "\(today)", printable ? "p" : "",
        ].joined(separator: "\u{1F}")
        values["daysHTML"] =
          shown?.state == .draft
          ? environment.fragment("week-days", values)
          : WeekFragments.shared.html(fragmentKey) { environment.fragment("week-days", values) }
        values["days"] = nil
        if let feed = try Self.ownFeed(store, scope, holder(key)) {
          values["feed"] = origin + feed.path
          values["feedReset"] = "/o/\(id)/feed/\(WeekView.kindAndKey(holder(key)).0)/\(escape(key))/reset"
        }
        return (values, environment.language)
      }
      var local = environment
      local.language = language
      return local.render("week", view)
    }
  }
}

extension WeekPages {
  /// The person's own calendar feed when the week is their own (their teacher, or their class as
  /// a class teacher, student or parent); made on the first view.
  static func ownFeed(_ store: Store, _ scope: TenantScope, _ holder: TimetableHolder) throws -> CalendarFeed? {
    let own = scope.memberships.contains { membership in
      guard membership.organisationID == scope.organisation.id else { return false }
      switch holder {
      case .teacher(let id): return membership.teacher == id
      case .class(let id): return membership.classID == id
      case .room: return false
      }
    }
    return own ? try store.calendarFeeds.feed(scope, of: holder) : nil
  }

  /// `http://host` of the request, for links that leave the browser (a calendar app's).
  static func origin(_ request: Request, secure: Bool) -> String {
    let host = request.head.authority ?? "127.0.0.1"
    return (secure ? "https://" : "http://") + host
  }

  /// A new secret address for the person's own feed (the old one stops working).
  @Sendable func resetFeed(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    let actor = try PageRoutes.signedIn(environment)
    try environment.requireCSRF(try await PlainForm.read(request))
    let id = try PagePlace.organisation(context)
    let key = try PagePlace.text(context, "id")
    let holder: TimetableHolder
    switch try PagePlace.text(context, "kind") {
    case "teacher": holder = .teacher(key)
    case "class": holder = .class(key)
    default: throw PageError.notFound
    }
    try await blocking { [store] in
      let scope = try store.scope(id, actor: actor)
      guard try Self.ownFeed(store, scope, holder) != nil else { throw PageError.notFound }
      _ = try store.calendarFeeds.reset(scope, of: holder)
    }
    return environment.redirect(to: "/o/\(id)/\(WeekView.kindAndKey(holder).0)/\(escape(key))")
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
