import Foundation
import Planner

/// What a first start of the server makes in an empty store so that a newcomer can sign in at
/// once: a region, a district under it, a school for each plan file (the first one the
/// demonstration's), and people in each role that matters (a deputy, a teacher, a parent of the
/// first school, the district's staff), all with one password printed for them.
public struct StarterData: Sendable {
  public struct Account: Sendable {
    public var login: String
    public var role: Role
    public var organisation: OrganisationNode
  }

  public var school: OrganisationNode
  public var district: OrganisationNode
  /// Every school made, the demonstration's first.
  public var schools: [OrganisationNode]
  public var accounts: [Account]
  public var password: String

  /// Makes it when the store has no organisation yet; nil when it has one (nothing is touched).
  public static func create(in store: Store, plans files: [String], actor: Actor) throws -> StarterData? {
    guard let first = files.first, try store.organisations.visible(to: actor).isEmpty else { return nil }
    let region = try store.organisations.createRoot(name: "Region", kind: .region, actor: actor)
    let district = try store.organisations.create(
      under: try store.scope(region.id, actor: actor), name: "District", kind: .district)
    func school(_ file: String) throws -> (OrganisationNode, Organisation) {
      let school = try store.organisations.create(
        under: try store.scope(district.id, actor: actor), name: "School", kind: .school)
      let scope = try store.scope(school.id, actor: actor)
      let organisation = try store.plans.importFile(scope, path: file).plan.organisation
      // The school's name and time zone from its plan, and its pages' language from the country.
      let language = ["KZ": "kk", "RU": "ru", "KG": "ru"][organisation.settings.country ?? ""]
      let node = try store.organisations.update(
        scope, name: organisation.name, timeZone: organisation.settings.timeZone,
        settings: language.map { ["language": $0] })
      return (node, organisation)
    }
    let (renamed, organisation) = try school(first)
    var schools = [renamed]
    for file in files.dropFirst() { schools.append(try school(file).0) }
    let password = "sabaq-" + String(UInt32.random(in: 100_000...999_999))
    var accounts: [Account] = []
    func add(_ login: String, _ role: Role, _ node: OrganisationNode, teacher: String? = nil, classID: String? = nil)
      throws
    {
      try store.people.add(
        to: try store.scope(node.id, actor: actor), login: login, password: password,
        grant: MembershipGrant(role: role, teacher: teacher, classID: classID))
      accounts.append(Account(login: login, role: role, organisation: node))
    }
    try add("deputy", .deputy, renamed)
    // The teacher with the most classes to teach, so that the demonstration's week is full.
    let busiest = Dictionary(organisation.assignments.flatMap(\.teachers).map { ($0, 1) }, uniquingKeysWith: +)
      .max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    if let teacher = busiest ?? organisation.teachers.first?.id {
      try add("teacher", .teacher, renamed, teacher: teacher)
    }
    if let schoolClass = organisation.classes.first { try add("parent", .parent, renamed, classID: schoolClass.id) }
    try add("district", .districtStaff, district)
    return StarterData(
      school: renamed, district: district, schools: schools, accounts: accounts, password: password)
  }
}
