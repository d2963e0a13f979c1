import Foundation
import Hummingbird
import Planner
import Reports
import Store

/// The load pages: a school's teachers with over- and under-load marked; for a district, region
/// or ministry the rolled-up load and staffing of the organisations under it, each a link one
/// level down, and the same table as CSV.
struct ReportPages {
  let store: Store
  let pages: PageRoutes

  func add(to router: Router<ServerContext>) {
    router.get("o/:org/load", use: pages.page(load))
    router.get("o/:org/load.csv", use: pages.page(csv))
  }

  @Sendable func load(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    let (view, local) = try await pages.scoped(context, environment) {
      [store] scope, environment in
      try LoadView(store: store, scope: scope, environment: environment).values()
    }
    return local.render("load", view)
  }

  @Sendable func csv(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    let (table, _) = try await pages.scoped(context, environment) {
      [store] scope, environment in
      let view = LoadView(store: store, scope: scope, environment: environment)
      return try view.table(try view.rollup())
    }
    let text = CSVTable.render(header: table.header, rows: table.rows)
    return Response(
      status: .ok,
      headers: [
        .contentType: "text/csv; charset=utf-8",
        .contentDisposition: "attachment; filename=\"load-\(try PagePlace.organisation(context)).csv\"",
      ],
      body: .init(byteBuffer: ByteBuffer(string: text)))
  }
}

/// The values of a load page, and the same rows as a table for CSV.
struct LoadView {
  let store: Store
  let scope: TenantScope
  let environment: PageEnvironment

  private func number(_ value: Double) -> String { String(format: "%.1f", value) }

  /// The rolled-up load of a management organisation (read once per page); nil for a school.
  func rollup() throws -> LoadRollup? {
    scope.organisation.kind.isManagement ? try store.loadRollup(scope) : nil
  }

  func table(_ rollup: LoadRollup?) throws -> (header: [String], rows: [[String]]) {
    func t(_ key: String) -> String { environment.text(key) }
    if let rollup {
      let header = [
        t("load.organisation"), t("load.schools"), t("load.classes"), t("load.teachers"), t("load.hours"),
        t("load.rates"), t("load.overloaded"), t("load.underloaded"), t("load.vacant"),
      ]
      func cells(_ name: String, _ x: LoadRollup.Totals) -> [String] {
        [
          name, "\(x.schools)", "\(x.classes)", "\(x.teachers)", number(x.weeklyHours), number(x.rates),
          "\(x.overloaded)", "\(x.underloaded)", "\(x.vacantLines)",
        ]
      }
      let rows =
        rollup.children.map { cells($0.organisation.name, $0.totals) }
        + [cells(t("load.total") + " " + rollup.organisation.name, rollup.totals)]
      return (header, rows)
    }
    let plan = try store.plans.plan(scope).organisation
    try store.policy.require(.viewReports, in: scope)
    let names = Dictionary(plan.teachers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let load = TeachingLoad(organisation: plan)
    let header = [t("load.teacher"), t("load.hours"), t("load.norm"), t("load.rates"), t("load.state")]
    let rows = load.teachers.sorted { (names[$0.teacher] ?? "") < (names[$1.teacher] ?? "") }.map { teacher in
      [
        names[teacher.teacher] ?? teacher.teacher, teacher.peakWeeklyHours.description,
        teacher.normHours.description, number(teacher.rate), state(teacher),
      ]
    }
    return (header, rows)
  }

  private func state(_ teacher: TeacherLoad) -> String {
    if let over = teacher.overMaximum, over > 0 { return environment.text("load.over") }
    if teacher.rate < 0.5 { return environment.text("load.under") }
    return ""
  }

  func values() throws -> [String: any Sendable] {
    let base = "/o/\(scope.organisation.id)"
    let rollup = try rollup()
    let (header, rows) = try table(rollup)
    let management = rollup != nil
    let children = rollup?.children.map(\.organisation) ?? []
    let states = Set([environment.text("load.over"), environment.text("load.under")])
    return [
      "title": environment.text("nav.load") + " · " + scope.organisation.name,
      "org": ["id": scope.organisation.id, "name": scope.organisation.name, "link": base] as [String: any Sendable],
      "management": management, "csv": "\(base)/load.csv",
      "header": header.map { ["name": $0] as [String: any Sendable] },
      "rows": rows.enumerated().map { index, row in
        let link = index < children.count ? "/o/\(children[index].id)/load" : ""
        let mark = row.last.map { states.contains($0) } ?? false
        return [
          "first": row.first ?? "", "link": link, "mark": mark && !management,
          "cells": row.dropFirst().map { ["value": $0] as [String: any Sendable] },
        ] as [String: any Sendable]
      },
    ]
  }
}
