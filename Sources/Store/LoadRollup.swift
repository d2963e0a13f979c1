import Foundation
import Planner

/// The teaching load of an organisation's schools summed, for a district, region or ministry:
/// the totals of its whole subtree and of each organisation directly under it (drill down by
/// asking again for one of those).
public struct LoadRollup: Codable, Hashable, Sendable {
  /// The sums over a set of schools' plans.
  public struct Totals: Codable, Hashable, Sendable {
    public var schools = 0
    public var classes = 0
    public var teachers = 0
    /// Weekly hours taught (each teacher's busiest period), summed.
    public var weeklyHours = 0.0
    /// Full-time rates those hours make (hours ÷ each country's norm).
    public var rates = 0.0
    /// Teachers over their maximum weekly load, and below half a rate.
    public var overloaded = 0
    public var underloaded = 0
    /// Lessons of the curricula with no teacher yet (vacancies).
    public var vacantLines = 0

    mutating func add(_ other: Totals) {
      schools += other.schools
      classes += other.classes
      teachers += other.teachers
      weeklyHours += other.weeklyHours
      rates += other.rates
      overloaded += other.overloaded
      underloaded += other.underloaded
      vacantLines += other.vacantLines
    }
  }

  public struct Row: Codable, Hashable, Sendable {
    public var organisation: OrganisationNode
    public var totals: Totals
  }

  public var organisation: OrganisationNode
  public var totals: Totals
  /// One row per organisation directly under this one (its subtree summed).
  public var children: [Row]
}

extension Store {
  /// The rolled-up load of the scope's subtree (a school gives its own totals and no children).
  public func loadRollup(_ scope: TenantScope) throws -> LoadRollup {
    try policy.require(.viewReports, in: scope)
    let nodes = try organisations.subtree(scope)
    var own: [Int: LoadRollup.Totals] = [:]
    for node in nodes where !node.kind.isManagement {
      guard let plan = try plans.newestPlan(node.id) else { continue }
      own[node.id] = Self.totals(of: plan)
    }
    func sum(under node: OrganisationNode) -> LoadRollup.Totals {
      var totals = LoadRollup.Totals()
      for other in nodes where other.ancestry.contains(node.id) {
        if let value = own[other.id] { totals.add(value) }
      }
      return totals
    }
    let children = nodes.filter { $0.parentID == scope.organisation.id }
    return LoadRollup(
      organisation: scope.organisation, totals: sum(under: scope.organisation),
      children: children.map { LoadRollup.Row(organisation: $0, totals: sum(under: $0)) })
  }

  private static func totals(of organisation: Organisation) -> LoadRollup.Totals {
    let load = TeachingLoad(organisation: organisation)
    var totals = LoadRollup.Totals()
    totals.schools = 1
    totals.classes = organisation.classes.count
    totals.teachers = load.teachers.count
    for teacher in load.teachers {
      totals.weeklyHours += teacher.peakWeeklyHours.value
      totals.rates += teacher.rate
      if let over = teacher.overMaximum, over > 0 { totals.overloaded += 1 }
      if teacher.rate < 0.5 { totals.underloaded += 1 }
    }
    totals.vacantLines = load.unassigned.count
    return totals
  }
}
