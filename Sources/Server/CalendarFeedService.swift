import Crypto
import Foundation
import NIOCore
import Planner
import Reports
import Store

/// Renders calendar feeds and keeps the rendered ones: a feed is asked for often (every calendar
/// app of every teacher, every few minutes) and changes only when a version is published or the
/// plan is edited. So a request reads the token's row and the version and plan revision (one
/// store call, `CalendarFeeds.state`) and answers from memory when it has the body for that
/// version, plan revision, organisation and holder.
final class CalendarFeedService: Sendable {
  /// A feed's body and the name apps and caches know it by.
  struct Rendered: Sendable {
    var body: ByteBuffer
    var etag: String
    var events: Int
    var skipped: Int
  }

  let store: Store
  let feeds: Cache<Rendered>

  init(store: Store, capacity: Int = 1_000, budget: Int = 256 << 20) {
    self.store = store
    feeds = Cache(capacity: capacity, budget: budget)
  }

  /// What the feed's state renders to: who, which version and plan revision, in which zone and
  /// under which names. Equal keys give equal bodies.
  static func key(_ state: CalendarFeedState) -> String {
    let organisation = state.scope.organisation
    return [
      String(state.version?.id ?? 0), String(state.planRevision), String(organisation.id), organisation.timeZone,
      organisation.name, state.feed.holder.kindName, state.feed.holder.id,
    ].joined(separator: "\u{1F}")
  }

  /// `"…"`: the first 16 bytes of the key's SHA-256, in hex.
  static func etag(key: String) -> String {
    "\"" + SHA256.hash(data: Data(key.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
  }

  /// The feed of a state, from memory when rendered before.
  func rendered(_ state: CalendarFeedState) async throws -> Rendered {
    let key = Self.key(state)
    if let cached = feeds.value(key) { return cached }
    let rendered = try await blocking { [self] in try render(state, key: key) }
    return rendered
  }

  /// Reads the holder's lessons of the version and the plan's calendar (both as the feed's owner)
  /// and renders them; kept when the plan read is the revision the state named.
  private func render(_ state: CalendarFeedState, key: String) throws -> Rendered {
    let scope = state.scope
    let holder = state.feed.holder
    let (calendar, revision) = try CalendarCache.shared.calendar(store, scope)
    let lessons = try state.version.map { try store.versions.week(scope, of: holder, version: $0.number) } ?? []
    let range = calendar.range(period: state.version?.period)
    let occurrences = calendar.occurrences(of: lessons, in: range)
    let organisation = scope.organisation
    let updated = max(state.version?.publishedAt ?? state.planUpdatedAt, state.planUpdatedAt)
    let heading = ICalendarFeed.Heading(
      organisationID: organisation.id, calendarName: "\(Self.name(of: holder, in: calendar)) — \(organisation.name)",
      timeZone: TimeZone(identifier: organisation.timeZone) ?? TimeZone(secondsFromGMT: 0)!,
      versionNumber: state.version?.number ?? 0, planRevision: state.planRevision, updated: updated)
    let feed = ICalendarFeed(heading: heading, occurrences: occurrences, range: range)
    let rendered = Rendered(
      body: ByteBuffer(string: feed.text), etag: Self.etag(key: key), events: feed.events, skipped: feed.skipped)
    if revision == state.planRevision { feeds.keep(key, rendered, cost: rendered.body.readableBytes) }
    return rendered
  }

  /// The teacher's name, or the class's id (which is its name: 7А).
  static func name(of holder: TimetableHolder, in calendar: LessonCalendar) -> String {
    switch holder {
    case .teacher(let id): calendar.organisation.teachers.first { $0.id == id }?.name ?? id
    case .class(let id), .room(let id): id
    }
  }
}

extension CalendarFeedService {
  /// A map of at most `capacity` values, and at most `budget` in all by their `cost` (bytes of a
  /// feed), shared by the request threads; when full, the value kept longest ago goes first.
  final class Cache<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: (value: Value, cost: Int)] = [:]
    private var order: [String] = []
    private var first = 0
    private var total = 0
    let capacity: Int
    let budget: Int

    init(capacity: Int, budget: Int = .max) {
      self.capacity = max(1, capacity)
      self.budget = budget
    }

    func value(_ key: String) -> Value? { lock.withLock { values[key]?.value } }

    func keep(_ key: String, _ value: Value, cost: Int = 0) {
      lock.withLock {
        if let old = values.updateValue((value, cost), forKey: key) {
          total += cost - old.cost
        } else {
          total += cost
          order.append(key)
        }
        while values.count > capacity || total > budget, first < order.count {
          // (A key kept again after its eviction is in `order` twice and may go a little early.)
          if let removed = values.removeValue(forKey: order[first]) { total -= removed.cost }
          first += 1
        }
        // The evicted keys' places are given back now and then, not at every eviction.
        if first > capacity {
          order.removeFirst(first)
          first = 0
        }
      }
    }

    var count: Int { lock.withLock { values.count } }
    var cost: Int { lock.withLock { total } }
  }
}
