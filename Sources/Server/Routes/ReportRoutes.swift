import Foundation
import Hummingbird
import Planner
import Store
import Timetabling

/// The load report (a school, a teacher, rolled up over a subtree) and the lesson demand.
struct ReportRoutes {
  let store: Store

  struct Load: Encodable, Sendable {
    var periods: [PeriodID]
    var teachers: [TeacherLoad]
    var unassigned: [TeachingLoadLine]
    var issues: [PlanningIssue]
  }

  func add(to router: Router<ServerContext>) {
    let api = router.group("api/v1/organisations/:org")
    api.get("load", use: load)
    api.get("load/rollup", use: rollup)
    api.get("demand", use: demand)
  }

  /// The school's load; `?teacher=ID` for one teacher's.
  @Sendable func load(_ request: Request, context: ServerContext) async throws -> JSON<Load> {
    let teacher = request.query("teacher")
    return try await scoped(store, context) { store, scope in
      try store.policy.require(.viewReports, in: scope)
      let load = TeachingLoad(organisation: try store.plans.plan(scope).organisation)
      var teachers = load.teachers
      if let teacher {
        teachers = teachers.filter { $0.teacher == teacher }
        guard !teachers.isEmpty else { throw StoreError.notFound("teacher \(teacher)") }
      }
      return Load(
        periods: load.periods, teachers: teachers, unassigned: teacher == nil ? load.unassigned : [],
        issues: load.issues)
    }
  }

  @Sendable func rollup(_ request: Request, context: ServerContext) async throws -> JSON<LoadRollup> {
    try await scoped(store, context) { store, scope in try store.loadRollup(scope) }
  }

  /// The lessons the timetable must place each week (`?period=Q1`), a page at a time.
  @Sendable func demand(_ request: Request, context: ServerContext) async throws -> JSON<Page<Lesson>> {
    let period = request.query("period")
    let lessons = try await scoped(store, context) { store, scope in
      let plan = try store.plans.plan(scope)
      return try Timetabling.demand(for: TimetablingInput(organisation: plan.organisation, period: period)).lessons
    }
    return JSON(try Page(lessons.value, request: request))
  }
}
