import Foundation
import Interchange
import Planner
import Testing

@testable import Store

/// The store's contract for the organisation tree and plans, on every backend.
@Suite struct OrganisationAndPlanTests {
  let op = Fixtures.operatorActor

  @Test(arguments: StoreBackend.all)
  func theTreeHasSubtreesAndASchoolMovesWithItsPath(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store, plans: false)
      let subtree = try store.organisations.subtree(try store.scope(tree.district.id, actor: op))
      #expect(subtree.map(\.id) == [tree.district.id, tree.school.id])
      #expect(tree.school.ancestry == [tree.region.id, tree.district.id, tree.school.id])

      try store.organisations.move(
        try store.scope(tree.school.id, actor: op), under: try store.scope(tree.otherDistrict.id, actor: op))
      let moved = try store.scope(tree.school.id, actor: op).organisation
      #expect(moved.parentID == tree.otherDistrict.id)
      #expect(moved.ancestry == [tree.region.id, tree.otherDistrict.id, tree.school.id])
      #expect(
        try store.organisations.subtree(try store.scope(tree.district.id, actor: op)).map(\.id) == [tree.district.id])
      // A district cannot move under its own school.
      #expect(throws: StoreError.self) {
        try store.organisations.move(
          try store.scope(tree.otherDistrict.id, actor: op), under: try store.scope(tree.school.id, actor: op))
      }
    }
  }

  @Test(arguments: StoreBackend.all)
  func badOrganisationsAreRefusedNamingTheField(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store, plans: false)
      let school = try store.scope(tree.school.id, actor: op)
      #expect(
        throws: StoreError.invalid(
          field: "parent",
          "organisation \(tree.school.id) is a school: only a ministry, region or district has organisations under it")
      ) {
        try store.organisations.create(under: school, name: "x", kind: .school)
      }
      let district = try store.scope(tree.district.id, actor: op)
      #expect(throws: StoreError.invalid(field: "name", "expected a name of 1 to 200 characters")) {
        try store.organisations.create(under: district, name: "  ", kind: .school)
      }
      #expect(
        throws: StoreError.invalid(
          field: "timeZone", "expected an IANA time zone such as Asia/Almaty, found \"Mars/Base\"")
      ) {
        try store.organisations.create(under: district, name: "x", kind: .school, timeZone: "Mars/Base")
      }
      #expect(throws: StoreError.notFound("organisation 999999")) { try store.scope(999_999, actor: op) }
    }
  }

  @Test(arguments: StoreBackend.all)
  func importAndExportRoundTripByteForByte(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store, plans: false)
      let school = try store.scope(tree.school.id, actor: op)
      for file in [Fixtures.ruralSchool, Fixtures.gymnasium] {
        let imported = try store.plans.importFile(school, path: file)
        let exported = try store.plans.export(school, year: imported.plan.academicYear)
        #expect(exported == (try Data(contentsOf: URL(fileURLWithPath: file))))
      }
      let other = try store.scope(tree.otherSchool.id, actor: op)
      let fet = try store.plans.importFile(other, path: Fixtures.fetExample)
      #expect(fet.fetImport != nil)
      // The import's report stays with the plan (the solve needs its weights).
      #expect(try store.plans.plan(other).fetImport?.strongSoftWeight == fet.fetImport?.strongSoftWeight)
      #expect(try store.plans.plan(other).fetImport?.supported == fet.fetImport?.supported)
      #expect(throws: StoreError.self) { try store.plans.export(school, format: "fet") }
      #expect(
        try store.plans.export(other, format: "fet")
          == (try Data(contentsOf: URL(fileURLWithPath: Fixtures.fetExample))))
      // The native export of the FET plan reads back as the same organisation.
      let native = try store.plans.export(other)
      #expect(try InstanceFile.decode(native) == fet.plan.organisation)
    }
  }

  @Test(arguments: StoreBackend.all)
  func aStaleEditIsRefusedAndNothingChanges(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let school = try store.scope(tree.school.id, actor: op)
      let first = try store.plans.plan(school)
      #expect(first.revision == 1)
      var edited = first.organisation
      edited.classes[0].boys += 1
      let second = try store.plans.save(school, edited, baseRevision: 1)
      #expect(second.revision == 2)

      var stale = first.organisation
      stale.classes[1].girls += 1
      #expect(
        throws: StoreError.conflict(
          message: "the plan of \(first.academicYear) is at revision 2; this change was made on revision 1",
          currentRevision: 2)
      ) {
        try store.plans.save(school, stale, baseRevision: 1)
      }
      let now = try store.plans.plan(school)
      #expect(now.revision == 2)
      #expect(now.organisation == edited)

      // A plan with an error is refused whole.
      var broken = edited
      broken.assignments[0].teachers = ["nobody"]
      #expect(throws: InstanceFileError.self) { try store.plans.save(school, broken, baseRevision: 2) }
      #expect(try store.plans.plan(school).revision == 2)

      // The history says who changed which class.
      let entries = try store.history.entries(school, subject: "plan")
      #expect(entries.first?.summary.contains("classes/\(edited.classes[0].id)") == true)
      #expect(entries.first?.actor == op.name)
    }
  }

  @Test(arguments: StoreBackend.all)
  func aFETPlanEditedIsExportedAsNativeOnly(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store, plans: false)
      let school = try store.scope(tree.school.id, actor: op)
      let imported = try store.plans.importFile(school, path: Fixtures.fetExample)
      var organisation = imported.plan.organisation
      organisation.name += " (edited)"
      try store.plans.save(school, organisation, baseRevision: imported.plan.revision)
      #expect(throws: StoreError.self) { try store.plans.export(school, format: "fet") }
      #expect(try InstanceFile.decode(try store.plans.export(school)).name == organisation.name)
    }
  }

  @Test(arguments: StoreBackend.all)
  func aDistrictHasNoPlanAndABrokenFileStoresNothing(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store, plans: false)
      #expect(throws: StoreError.self) {
        try store.plans.importFile(try store.scope(tree.district.id, actor: op), path: Fixtures.ruralSchool)
      }
      let broken = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID()).json")
      try Data("{\"format\": \"sabaq-instance\", \"version\": 1, \"organisation\": {\"id\": 3}}".utf8).write(to: broken)
      defer { try? FileManager.default.removeItem(at: broken) }
      let school = try store.scope(tree.school.id, actor: op)
      #expect(throws: InstanceFileError.self) { try store.plans.importFile(school, path: broken.path) }
      #expect(throws: StoreError.self) { try store.plans.plan(school) }
      #expect(try store.schemaVersion() == Schema.migrations.last!.version)
    }
  }
}
