import Foundation
import Hummingbird
import Planner
import Store
import Timetabling

/// The deputy's pages: a class's working curriculum with the copy to parallel classes and the
/// template; the assignments and splits; the solve (start it, watch it); the versions with their
/// check, what moved against the published one, and publishing.
struct DeputyPages {
  let store: Store
  let pages: PageRoutes

  func add(to router: Router<ServerContext>) {
    router.get("o/:org/curriculum", use: pages.page(curriculum))
    router.post("o/:org/curriculum/copy", use: pages.page(copy))
    router.post("o/:org/curriculum/template", use: pages.page(template))
    router.get("o/:org/assignments", use: pages.page(assignments))
    router.get("o/:org/versions", use: pages.page(versions))
    router.post("o/:org/solve", use: pages.page(solve))
    router.get("o/:org/solve/:job", use: pages.page(job))
    router.get("o/:org/versions/:version", use: pages.page(version))
    router.post("o/:org/versions/:version/publish", use: pages.page(publish))
  }

  @Sendable func curriculum(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    let chosen = request.query("class")
    let notice = request.query("done")
    let (view, local) = try await pages.scoped(context, environment) { [store] scope, environment in
      try store.policy.require(.viewPlan, in: scope)
      let plan = try store.plans.plan(scope)
      return CurriculumForm(environment: environment, scope: scope, plan: plan, chosen: chosen).values(
        notice: notice.map { environment.text("curriculum.done.\($0)") })
    }
    return local.render("curriculum", view)
  }

  /// Copies the chosen subjects of a class to the chosen classes; on a mistake the form comes
  /// back filled, with the message next to the field.
  @Sendable func copy(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    let form = try await CopyForm.read(request)
    try environment.requireCSRF(form)
    let from = form.class ?? ""
    let (outcome, local) = try await pages.scoped(context, environment) { [store] scope, environment in
      let plan = try store.plans.plan(scope)
      let targets = form.to ?? []
      guard !targets.isEmpty else {
        return CurriculumForm.Outcome.invalid(
          CurriculumForm(environment: environment, scope: scope, plan: plan, chosen: from).values(
            form: form, errors: ["to": environment.text("curriculum.error.no_targets")]))
      }
      let request = CurriculumCopyRequest(
        from: from, to: targets, subjects: form.subjects.flatMap { $0.isEmpty ? nil : $0 },
        conflicts: form.conflicts == "replace" ? .replace : .keep, periods: nil, includeAssignments: false)
      do {
        let (_, report) = try store.plans.edit(scope, baseRevision: form.revision ?? -1) { o in
          let (copied, report) = try o.copyingCurriculum(request)
          o = copied
          return report
        }
        return .done("/o/\(scope.organisation.id)/curriculum?class=\(escape(from))&done=copied", report.added.count)
      } catch let error as PlanningErrors {
        return .invalid(
          CurriculumForm(environment: environment, scope: scope, plan: plan, chosen: from).values(
            form: form, errors: ["to": error.issues.map(\.message).joined(separator: "; ")]))
      } catch StoreError.conflict(let message, _) {
        return .invalid(
          CurriculumForm(environment: environment, scope: scope, plan: try store.plans.plan(scope), chosen: from)
            .values(form: form, errors: ["to": message]))
      }
    }
    switch outcome {
    case .done(let location, _): return local.redirect(to: location)
    case .invalid(let view): return local.render("curriculum", view, status: .badRequest)
    }
  }

  @Sendable func template(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    let form = try await TemplateForm.read(request)
    try environment.requireCSRF(form)
    let target = form.class ?? ""
    let (outcome, local) = try await pages.scoped(context, environment) { [store] scope, environment in
      do {
        _ = try store.plans.edit(scope, baseRevision: form.revision ?? -1) { o in
          o = try o.creatingCurriculum(
            forClass: target, template: form.template.trimmed, replace: form.replace == "on")
        }
        return CurriculumForm.Outcome.done(
          "/o/\(scope.organisation.id)/curriculum?class=\(escape(target))&done=template", 0)
      } catch let error as PlanningErrors {
        return .invalid(
          CurriculumForm(environment: environment, scope: scope, plan: try store.plans.plan(scope), chosen: target)
            .values(template: form, errors: ["template": error.issues.map(\.message).joined(separator: "; ")]))
      }
    }
    switch outcome {
    case .done(let location, _): return local.redirect(to: location)
    case .invalid(let view): return local.render("curriculum", view, status: .badRequest)
    }
  }

  @Sendable func assignments(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    let (view, local) = try await pages.scoped(context, environment) { [store] scope, environment in
      let o = try store.plans.plan(scope).organisation
      let teachers = Dictionary(o.teachers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
      let subjects = Dictionary(o.subjects.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
      let rows = o.assignments.sorted { ($0.class, $0.subject) < ($1.class, $1.subject) }.map {
        a -> [String: any Sendable] in
        [
          "class": a.class, "subject": subjects[a.subject] ?? a.subject, "period": a.period ?? "",
          "split": environment.text("split.\(a.split.rawValue)"), "groups": a.groupCount.map(String.init) ?? "",
          "teachers": a.teachers.map { teachers[$0] ?? $0 }.joined(separator: ", "),
        ]
      }
      return [
        "title": environment.text("nav.assignments"), "rows": rows,
        "org": ["id": scope.organisation.id, "name": scope.organisation.name] as [String: any Sendable],
      ] as [String: any Sendable]
    }
    return local.render("assignments", view)
  }

  @Sendable func versions(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    let (view, local) = try await pages.scoped(context, environment) { [store] scope, environment in
      try SolvePanel(store: store, scope: scope, environment: environment).values()
    }
    return local.render("versions", view)
  }

  /// Starts a solve with the time limit of the form (5 to 600 seconds on a page).
  @Sendable func solve(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    let form = try await SolveForm.read(request)
    try environment.requireCSRF(form)
    let limit = form.timeLimit.trimmed.flatMap(Double.init)
    let (outcome, local) = try await pages.scoped(context, environment) {
      [store] scope, environment -> (String?, [String: any Sendable]?) in
      guard let limit, (5...600).contains(limit) else {
        var view = try SolvePanel(store: store, scope: scope, environment: environment).values()
        view["timeLimit"] = form.timeLimit ?? ""
        view["timeLimitError"] = environment.text("solve.error.time_limit")
        return (nil, view)
      }
      var options = TimetablingOptions()
      options.timeLimit = limit
      do {
        let job = try store.jobs.enqueue(scope, request: SolveRequest(options: options))
        return ("/o/\(scope.organisation.id)/solve/\(job.id)", nil)
      } catch StoreError.conflict(let message, _) {
        var view = try SolvePanel(store: store, scope: scope, environment: environment).values()
        view["timeLimit"] = form.timeLimit ?? ""
        view["timeLimitError"] = message
        return (nil, view)
      }
    }
    if let location = outcome.0 { return local.redirect(to: location) }
    return local.render("versions", outcome.1 ?? [:], status: .badRequest)
  }

  /// A solve's progress; the page reloads itself every two seconds while the solve runs.
  @Sendable func job(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    guard let jobID = Int(try PagePlace.text(context, "job")) else { throw PageError.notFound }
    let (view, local) = try await pages.scoped(context, environment) { [store] scope, environment in
      try SolvePanel(store: store, scope: scope, environment: environment).job(try store.jobs.job(scope, id: jobID))
    }
    return local.render("job", view)
  }

  @Sendable func version(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    guard let number = Int(try PagePlace.text(context, "version")) else { throw PageError.notFound }
    let (view, local) = try await pages.scoped(context, environment) { [store] scope, environment in
      try SolvePanel(store: store, scope: scope, environment: environment).version(number)
    }
    return local.render("version", view)
  }

  @Sendable func publish(_ request: Request, context: ServerContext, environment: PageEnvironment) async throws
    -> Response
  {
    guard let number = Int(try PagePlace.text(context, "version")) else { throw PageError.notFound }
    try environment.requireCSRF(try await PlainForm.read(request))
    let (location, local) = try await pages.scoped(context, environment) { [store] scope, _ in
      try store.versions.publish(scope, number: number)
      return "/o/\(scope.organisation.id)/versions/\(number)"
    }
    return local.redirect(to: location)
  }
}

struct CopyForm: PageForm {
  var csrf: String?
  var revision: Int?
  var `class`: String?
  var to: [String]?
  var subjects: [String]?
  var conflicts: String?
}

struct TemplateForm: PageForm {
  var csrf: String?
  var revision: Int?
  var `class`: String?
  var template: String?
  var replace: String?
}

struct SolveForm: PageForm {
  var csrf: String?
  var timeLimit: String?
}
