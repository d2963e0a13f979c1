import Foundation
import HTTPTypes
import Hummingbird
import Interchange
import Planner
import Store

/// The plan: its document, the directories and calendar, curricula (read, edit, copy, from the
/// template, next year), assignments, the week distribution, load, demand and bells. Every edit
/// names the revision it was made on (a stale one: 409 with the current revision).
struct PlanRoutes {
  let store: Store

  struct PlanSummary: Encodable, Sendable {
    var academicYear: String
    var revision: Int
    var sourceFormat: String
    var updatedAt: Date
    var updatedBy: String
    var classes: Int
    var teachers: Int
    var rooms: Int
    var subjects: Int
    var years: [String]
  }

  struct Saved<Report: Encodable & Sendable>: Encodable, Sendable {
    var revision: Int
    var report: Report?
  }

  struct CurriculumEdit: Decodable {
    var revision: Int
    var entries: [CurriculumEntry]
  }

  struct CopyRequest: Decodable {
    var revision: Int
    var from: String
    var to: [String]
    var subjects: [String]?
    var conflicts: CopyConflictPolicy?
    var periods: [String]?
    var includeAssignments: Bool?
  }

  struct TemplateRequest: Decodable {
    var revision: Int
    var `class`: String
    var template: String?
    var replace: Bool?
  }

  struct RevisionOnly: Decodable {
    var revision: Int
  }

  struct Calendar: Encodable, Sendable {
    var academicYear: AcademicYear
    var studyPeriods: [StudyPeriod]
    var holidays: [Holiday]
    var shifts: [Shift]
    var bellSchedules: [BellSchedule]
  }

  struct Distribution: Encodable, Sendable {
    var `class`: String
    var weeks: [StudyWeek]
    var rows: [DistributionRow]
    var issues: [PlanningIssue]
  }

  struct BellAudit: Encodable, Sendable {
    var schedule: BellSchedule
    var problems: [String]
  }

  func add(to router: Router<ServerContext>) {
    let api = router.group("api/v1/organisations/:org")
    api.get("plan", use: summary)
    api.get("plan/document", use: document)
    api.put("plan/document", use: replaceDocument)
    api.post("plan/next-year", use: nextYear)
    api.get("subjects", use: list(\.subjects))
    api.get("rooms", use: list(\.rooms))
    api.get("teachers", use: list(\.teachers))
    api.get("classes", use: list(\.classes))
    api.get("assignments", use: list(\.assignments))
    api.get("calendar", use: calendar)
    api.get("classes/:class/curriculum", use: curriculum)
    api.put("classes/:class/curriculum", use: editCurriculum)
    api.get("classes/:class/distribution", use: distribution)
    api.post("curricula/copy", use: copyCurriculum)
    api.post("curricula/from-template", use: fromTemplate)
    api.get("bells", use: bells)
  }

  @Sendable func summary(_ request: Request, context: ServerContext) async throws -> JSON<PlanSummary> {
    let year = request.query("year")
    return try await scoped(store, context) { store, scope in
      let plan = try store.plans.plan(scope, year: year)
      let o = plan.organisation
      return PlanSummary(
        academicYear: plan.academicYear, revision: plan.revision, sourceFormat: plan.sourceFormat,
        updatedAt: plan.updatedAt, updatedBy: plan.updatedBy, classes: o.classes.count, teachers: o.teachers.count,
        rooms: o.rooms.count, subjects: o.subjects.count, years: try store.plans.years(scope).map(\.year))
    }
  }

  /// The native instance file of the plan; its revision is in the `ETag` header.
  @Sendable func document(_ request: Request, context: ServerContext) async throws -> Response {
    let actor = try context.signedIn()
    let id = try context.number("org")
    let year = request.query("year")
    let (data, revision) = try await blocking { [store] in
      let scope = try store.scope(id, actor: actor)
      let plan = try store.plans.plan(scope, year: year)
      return (try InstanceFile.encode(plan.organisation), plan.revision)
    }
    return Response(
      status: .ok, headers: [.contentType: "application/json; charset=utf-8", .eTag: "\"\(revision)\""],
      body: .init(byteBuffer: ByteBuffer(data: data)))
  }

  /// Replaces the plan with a whole edited document made on `?revision=N`.
  @Sendable func replaceDocument(_ request: Request, context: ServerContext) async throws -> JSON<Saved<String>> {
    guard let revision = try request.queryInt("revision") else {
      throw APIError(
        .badRequest, code: "invalid", "revision: name the plan revision the edit was made on", field: "revision")
    }
    let buffer = try await request.body.collect(upTo: context.maxUploadSize)
    let organisation = try InstanceFile.decode(Data(buffer: buffer))
    return try await scoped(store, context) { store, scope in
      Saved(revision: try store.plans.save(scope, organisation, baseRevision: revision).revision, report: nil)
    }
  }

  @Sendable func nextYear(_ request: Request, context: ServerContext) async throws -> JSON<Saved<YearTransitionReport>>
  {
    let body = try await request.json(RevisionOnly.self, context: context)
    var saved = try await scoped(store, context) { store, scope in
      let (plan, report) = try store.plans.nextYear(scope, baseRevision: body.revision)
      return Saved(revision: plan.revision, report: report)
    }
    saved.status = .created
    return saved
  }

  func list<T: Encodable & Sendable>(_ path: KeyPath<Organisation, [T]> & Sendable)
    -> @Sendable (Request, ServerContext)
    async throws -> JSON<Page<T>>
  {
    { [store] request, context in
      let year = request.query("year")
      let all = try await scoped(store, context) { store, scope in
        try store.plans.plan(scope, year: year).organisation[keyPath: path]
      }
      return JSON(try Page(all.value, request: request))
    }
  }

  @Sendable func calendar(_ request: Request, context: ServerContext) async throws -> JSON<Calendar> {
    let year = request.query("year")
    return try await scoped(store, context) { store, scope in
      let o = try store.plans.plan(scope, year: year).organisation
      return Calendar(
        academicYear: o.academicYear, studyPeriods: o.studyPeriods, holidays: o.holidays ?? [], shifts: o.shifts,
        bellSchedules: o.bellSchedules ?? [])
    }
  }

  @Sendable func curriculum(_ request: Request, context: ServerContext) async throws -> JSON<WorkingCurriculum> {
    let key = try context.text("class")
    return try await scoped(store, context) { store, scope in
      let o = try store.plans.plan(scope).organisation
      let schoolClass = try Self.find(key, in: o)
      return o.workingCurricula.first { $0.class == schoolClass.id }
        ?? WorkingCurriculum(class: schoolClass.id, entries: [])
    }
  }

  @Sendable func editCurriculum(_ request: Request, context: ServerContext) async throws -> JSON<Saved<String>> {
    let key = try context.text("class")
    let body = try await request.json(CurriculumEdit.self, context: context)
    return try await scoped(store, context) { store, scope in
      let (plan, _) = try store.plans.edit(scope, baseRevision: body.revision) { o in
        let schoolClass = try Self.find(key, in: o)
        o.workingCurricula.removeAll { $0.class == schoolClass.id }
        o.workingCurricula.append(WorkingCurriculum(class: schoolClass.id, entries: body.entries))
      }
      return Saved(revision: plan.revision, report: nil)
    }
  }

  @Sendable func copyCurriculum(_ request: Request, context: ServerContext) async throws -> JSON<
    Saved<CurriculumCopyReport>
  > {
    let body = try await request.json(CopyRequest.self, context: context)
    let copy = CurriculumCopyRequest(
      from: body.from, to: body.to, subjects: body.subjects, conflicts: body.conflicts ?? .keep, periods: body.periods,
      includeAssignments: body.includeAssignments ?? false)
    return try await scoped(store, context) { store, scope in
      let (plan, report) = try store.plans.edit(scope, baseRevision: body.revision) { o in
        let (copied, report) = try o.copyingCurriculum(copy)
        o = copied
        return report
      }
      return Saved(revision: plan.revision, report: report)
    }
  }

  @Sendable func fromTemplate(_ request: Request, context: ServerContext) async throws -> JSON<Saved<String>> {
    let body = try await request.json(TemplateRequest.self, context: context)
    return try await scoped(store, context) { store, scope in
      let (plan, _) = try store.plans.edit(scope, baseRevision: body.revision) { o in
        o = try o.creatingCurriculum(forClass: body.class, template: body.template, replace: body.replace ?? false)
      }
      return Saved(revision: plan.revision, report: nil)
    }
  }

  @Sendable func distribution(_ request: Request, context: ServerContext) async throws -> JSON<Distribution> {
    let key = try context.text("class")
    return try await scoped(store, context) { store, scope in
      let o = try store.plans.plan(scope).organisation
      let d = ClassDistribution(organisation: o, classID: try Self.find(key, in: o).id)
      return Distribution(class: d.classID, weeks: d.weeks, rows: d.rows, issues: d.issues)
    }
  }

  @Sendable func bells(_ request: Request, context: ServerContext) async throws -> JSON<[BellAudit]> {
    try await scoped(store, context) { store, scope in
      BellScheduleAudit.audits(of: try store.plans.plan(scope).organisation).map {
        BellAudit(schedule: $0.schedule, problems: $0.problems)
      }
    }
  }

  static func find(_ key: String, in organisation: Organisation) throws -> SchoolClass {
    guard let found = organisation.findClass(key) else {
      throw StoreError.notFound("class \(key)")
    }
    return found
  }
}
