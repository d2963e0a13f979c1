import Foundation

/// What changed between two plans, item by item, for the history: `classes/7Б`,
/// `assignments/7Б algebra`, `studyPeriods`. Items of a list are matched by `id`, else by their
/// class, subject and period.
public struct PlanChanges: Codable, Hashable, Sendable {
  public var added: [String] = []
  public var removed: [String] = []
  public var changed: [String] = []

  public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

  public var summary: String {
    var parts: [String] = []
    if !added.isEmpty { parts.append("added " + Self.list(added)) }
    if !removed.isEmpty { parts.append("removed " + Self.list(removed)) }
    if !changed.isEmpty { parts.append("changed " + Self.list(changed)) }
    return parts.isEmpty ? "no change" : parts.joined(separator: "; ")
  }

  /// Compares the organisation objects of two instance documents.
  init(from old: Data, to new: Data) {
    let before = (try? JSONSerialization.jsonObject(with: old)) as? [String: Any]
    let after = (try? JSONSerialization.jsonObject(with: new)) as? [String: Any]
    let a = before?["organisation"] as? [String: Any] ?? [:]
    let b = after?["organisation"] as? [String: Any] ?? [:]
    for key in Set(a.keys).union(b.keys).sorted() {
      compare(key, a[key], b[key])
    }
  }

  private mutating func compare(_ key: String, _ old: Any?, _ new: Any?) {
    switch (old, new) {
    case (nil, nil): return
    case (nil, _): added.append(key)
    case (_, nil): removed.append(key)
    case (let old as [Any], let new as [Any]):
      let before = Self.keyed(old)
      let after = Self.keyed(new)
      guard let before, let after else {
        if !Self.same(old, new) { changed.append(key) }
        return
      }
      for item in after.keys.sorted() {
        if let previous = before[item] {
          if !Self.same(previous, after[item]!) { changed.append("\(key)/\(item)") }
        } else {
          added.append("\(key)/\(item)")
        }
      }
      for item in before.keys.sorted() where after[item] == nil { removed.append("\(key)/\(item)") }
    default:
      if !Self.same(old!, new!) { changed.append(key) }
    }
  }

  /// The items of a list by their key, or nil when they are not objects with distinct keys.
  private static func keyed(_ items: [Any]) -> [String: Any]? {
    var result: [String: Any] = [:]
    for item in items {
      guard let object = item as? [String: Any] else { return nil }
      let key: String
      if let id = object["id"] {
        key = "\(id)"
      } else {
        let parts = ["class", "subject", "period", "name"].compactMap { object[$0].map { "\($0)" } }
        guard !parts.isEmpty else { return nil }
        key = parts.joined(separator: " ")
      }
      guard result[key] == nil else { return nil }
      result[key] = object
    }
    return result
  }

  private static func same(_ a: Any, _ b: Any) -> Bool { NSDictionary(dictionary: ["v": a]).isEqual(to: ["v": b]) }

  private static func list(_ items: [String]) -> String {
    items.count <= 8
      ? items.joined(separator: ", ") : items.prefix(8).joined(separator: ", ") + " and \(items.count - 8) more"
  }
}
