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

extension LoadRollup.Totals {
  /// The totals of one school's plan.
  init(_ organisation: Organisation) {
    let load = TeachingLoad(organisation: organisation)
    schools = 1
    classes = organisation.classes.count
    teachers = load.teachers.count
    for teacher in load.teachers {
      weeklyHours += teacher.peakWeeklyHours.value
      rates += teacher.rate
      if let over = teacher.overMaximum, over > 0 { overloaded += 1 }
      if teacher.rate < 0.5 { underloaded += 1 }
    }
    vacantLines = load.unassigned.count
  }
}

extension Store {
  /// The rolled-up load of the scope's subtree (a school gives its own totals and no children):
  /// one query reads the totals each school's newest plan was stored with.
  public func loadRollup(_ scope: TenantScope) throws -> LoadRollup {
    try policy.require(.viewReports, in: scope)
    let nodes = try organisations.subtree(scope)
    let prefix = Organisations.path(scope.organisation.ancestry)
    let rows = try database.read { tx in
      try tx.query(
        """
        SELECT p.organisation_id, p.academic_year, p.load_totals FROM plans p
        JOIN organisations o ON o.id = p.organisation_id WHERE o.path LIKE ? ORDER BY p.organisation_id, p.academic_year
        """, [.text(prefix + "%")])
    }
    var own: [Int: LoadRollup.Totals] = [:]
    for row in rows {  // the newest year of each organisation comes last
      let id = try row.int("organisation_id")
      if let text = row.optionalString("load_totals") {
        own[id] = try JSONText.decode(LoadRollup.Totals.self, from: text)
      } else if let plan = try plans.newestPlan(id) {
        own[id] = LoadRollup.Totals(plan)
      }
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
}
