import Foundation
import Planner
import Testing

@testable import Store

/// A management organisation's load: the sums of its schools, per organisation under it.
@Suite struct LoadRollupTests {
  @Test(arguments: StoreBackend.all)
  func aRegionSumsItsDistrictsAndEachDistrictItsSchools(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let op = Fixtures.operatorActor
      // A third school in the first district, with the gymnasium's plan.
      let third = try store.organisations.create(
        under: try store.scope(tree.district.id, actor: op), name: "Gymnasium", kind: .gymnasium)
      _ = try store.plans.importFile(try store.scope(third.id, actor: op), path: Fixtures.gymnasium)
      let rural = LoadRollup.Totals(try store.plans.plan(try store.scope(tree.school.id, actor: op)).organisation)
      let gymnasium = LoadRollup.Totals(try store.plans.plan(try store.scope(third.id, actor: op)).organisation)
      #expect(rural.teachers == 16 && rural.classes == 9 && gymnasium.classes == 31)

      let region = try store.loadRollup(try store.scope(tree.region.id, actor: op))
      #expect(region.totals.schools == 3)
      #expect(region.totals.classes == 9 + 9 + 31)
      #expect(region.totals.teachers == 16 + 16 + gymnasium.teachers)
      #expect(abs(region.totals.weeklyHours - (2 * rural.weeklyHours + gymnasium.weeklyHours)) < 1e-9)
      let byDistrict = Dictionary(uniqueKeysWithValues: region.children.map { ($0.organisation.id, $0.totals) })
      #expect(byDistrict[tree.district.id]?.schools == 2 && byDistrict[tree.otherDistrict.id]?.schools == 1)
      // Drill down: the district's rows are its schools.
      let district = try store.loadRollup(try store.scope(tree.district.id, actor: op))
      #expect(Set(district.children.map(\.organisation.id)) == [tree.school.id, third.id])
      #expect(district.children.first { $0.organisation.id == third.id }?.totals == gymnasium)
      // An edit of a plan moves the sums with it.
      let scope = try store.scope(tree.school.id, actor: op)
      let plan = try store.plans.plan(scope)
      var edited = plan.organisation
      edited.classes.removeLast()
      edited.workingCurricula.removeAll { $0.class == plan.organisation.classes.last!.id }
      edited.assignments.removeAll { $0.class == plan.organisation.classes.last!.id }
      try store.plans.save(scope, edited, baseRevision: plan.revision)
      #expect(try store.loadRollup(try store.scope(tree.region.id, actor: op)).totals.classes == 8 + 9 + 31)
      // A teacher of a school sees no roll-up; the district's staff do.
      let staff = try tree.user(store, "staff", .districtStaff, in: tree.district)
      #expect(try store.loadRollup(try store.scope(tree.district.id, actor: staff)).totals.schools == 2)
      let teacher = try tree.user(store, "teacher", .teacher, in: tree.school, teacher: "t01")
      #expect(throws: StoreError.self) { try store.loadRollup(try store.scope(tree.school.id, actor: teacher)) }
    }
  }
}
