import Foundation
import Planner
import Reports
import Store

/// The values of the curriculum page: the class's working curriculum, the copy to other classes
/// (its parallel classes ticked), and the standard curricula it can be made from.
struct CurriculumForm {
  enum Outcome: Sendable {
    case done(String, Int)
    case invalid([String: any Sendable])
  }

  var environment: PageEnvironment
  var scope: TenantScope
  var plan: StoredPlan
  var chosen: String?

  func values(
    notice: String? = nil, form: CopyForm? = nil, template: TemplateForm? = nil, errors: [String: String] = [:]
  ) -> [String: any Sendable] {
    let o = plan.organisation
    let classes = o.classes.sorted { ($0.grade, $0.letter) < ($1.grade, $1.letter) }
    let current = classes.first { $0.id == chosen } ?? classes.first
    let subjects = Dictionary(o.subjects.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let entries = o.workingCurricula.first { $0.class == current?.id }?.entries ?? []
    let ticked = Set(form?.to ?? classes.filter { $0.grade == current?.grade && $0.id != current?.id }.map(\.id))
    let tickedSubjects = Set(form?.subjects ?? entries.map(\.subject))
    let base = "/o/\(scope.organisation.id)"
    return [
      "title": environment.text("nav.curriculum") + (current.map { " · \($0.id)" } ?? ""),
      "org": ["id": scope.organisation.id, "name": scope.organisation.name, "link": base] as [String: any Sendable],
      "notice": notice ?? "", "revision": plan.revision, "class": current?.id ?? "",
      "classes": classes.map {
        ["id": $0.id, "selected": $0.id == current?.id, "link": "\(base)/curriculum?class=\(escape($0.id))"]
          as [String: any Sendable]
      },
      "entries": entries.map { entry in
        [
          "subject": subjects[entry.subject] ?? entry.subject, "hours": entry.weeklyHours.description,
          "periods": (entry.periodHours ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            .joined(separator: ", "),
        ] as [String: any Sendable]
      },
      "targets": classes.filter { $0.id != current?.id }.map {
        ["id": $0.id, "checked": ticked.contains($0.id)] as [String: any Sendable]
      },
      "subjects": entries.map {
        ["id": $0.subject, "name": subjects[$0.subject] ?? $0.subject, "checked": tickedSubjects.contains($0.subject)]
          as [String: any Sendable]
      },
      "replace": form?.conflicts == "replace",
      "templates": (o.standardCurricula ?? []).map {
        ["id": $0.id, "name": "\($0.name) (\($0.grade))", "selected": template?.template == $0.id]
          as [String: any Sendable]
      },
      "toError": errors["to"] ?? "", "templateError": errors["template"] ?? "",
    ]
  }
}

/// The values of the versions page, a solve's progress and one version's check and changes.
struct SolvePanel {
  let store: Store
  let scope: TenantScope
  let environment: PageEnvironment

  private var base: String { "/o/\(scope.organisation.id)" }
  private var org: [String: any Sendable] {
    ["id": scope.organisation.id, "name": scope.organisation.name, "link": base]
  }

  func values() throws -> [String: any Sendable] {
    let versions = try store.versions.list(scope).sorted { $0.number > $1.number }
    let jobs = try store.jobs.list(scope, limit: 10)
    return [
      "title": environment.text("nav.versions"), "org": org, "timeLimit": "60", "timeLimitError": "",
      "mayCompose": store.policy.allows(.composeTimetable, in: scope),
      "versions": versions.map { version in
        [
          "label": VersionLabel.text(version, environment), "link": "\(base)/versions/\(version.number)",
          "violations": version.hardViolations, "created": VersionLabel.day(version.createdAt),
        ] as [String: any Sendable]
      },
      "jobs": jobs.map { job in
        ["id": job.id, "state": environment.text("job.\(job.state.rawValue)"), "link": "\(base)/solve/\(job.id)"]
          as [String: any Sendable]
      },
    ]
  }

  func job(_ job: SolveJob) throws -> [String: any Sendable] {
    let running = job.state == .queued || job.state == .running
    let progress = job.progress
    return [
      "title": environment.text("job.title", String(job.id)), "org": org, "running": running,
      "state": environment.text("job.\(job.state.rawValue)"),
      "progress": progress.map { p in
        environment.text(
          "job.progress", String(p.placedLessons), String(p.totalLessons), String(p.hardViolations),
          String(Int(p.seconds)))
      } ?? "",
      "percent": progress.map { $0.totalLessons == 0 ? 0 : $0.placedLessons * 100 / $0.totalLessons } ?? 0,
      "error": job.error ?? "", "version": job.versionNumber.map { "\(base)/versions/\($0)" } ?? "",
    ]
  }

  /// A version: the checker's verdict, the diagnosis in sentences, what moved against the
  /// published version, and the publish button for a draft.
  func version(_ number: Int) throws -> [String: any Sendable] {
    let content = try store.versions.content(scope, number: number)
    let published = try store.versions.published(scope)
    var moves: [[String: any Sendable]] = []
    var moveCount = 0
    var roomCount = 0
    if let published, published.number != number {
      let diff = try store.versions.diff(scope, from: published.number, to: number)
      moveCount = diff.moves.count
      roomCount = diff.roomChanges.count
      moves = diff.moves.prefix(100).map { move in
        ["lesson": move.lesson, "from": slot(move.from), "to": slot(move.to)] as [String: any Sendable]
      }
    }
    let check = content.check
    let classes = content.timetable.placements.isEmpty ? [] : try classLinks(number)
    return [
      "title": VersionLabel.text(content.version, environment).capitalisedFirst, "org": org,
      "feasible": check.summary.feasible,
      "summary": environment.text(
        "version.summary", String(check.summary.placed), String(check.summary.lessons),
        String(check.summary.hardViolationCount), String(check.softCost.total)),
      "violations": check.hardViolations.prefix(100).map { ["message": $0.message] as [String: any Sendable] },
      "diagnosis": (content.summary.diagnosisBefore.map(\.message) + content.summary.diagnosisAfter).map {
        ["message": $0] as [String: any Sendable]
      },
      "compared": published.map { $0.number != number } ?? false,
      "publishedNumber": published?.number ?? 0,
      "changes": environment.text("version.changes", String(moveCount), String(roomCount)),
      "moves": moves,
      "mayPublish": content.version.state == .draft && store.policy.allows(.publishTimetable, in: scope),
      "publishLink": "\(base)/versions/\(number)/publish", "classes": classes,
    ]
  }

  /// "Понедельник, 3" in the page's language.
  private func slot(_ slot: TimeSlot) -> String {
    "\(environment.language.weekdayName(slot.day)), \(slot.period)"
  }

  private func classLinks(_ number: Int) throws -> [[String: any Sendable]] {
    let plan = try store.plans.forTimetables(scope).organisation
    return plan.classes.sorted { ($0.grade, $0.letter) < ($1.grade, $1.letter) }.map {
      ["name": $0.id, "link": "\(base)/class/\(escape($0.id))?version=\(number)"] as [String: any Sendable]
    }
  }
}

extension String {
  /// The text with its first letter in capitals, for a heading made of a phrase.
  var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
