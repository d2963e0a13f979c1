/// What happens to a subject the target class already has when a curriculum is copied onto it.
public enum CopyConflictPolicy: String, Codable, Sendable, CaseIterable {
  /// The target keeps its own hours for the subject.
  case keep
  /// The copied hours replace the target's.
  case replace
}

/// A request to copy a class's working curriculum to other classes (копирование РУП), typically
/// its parallel: 5A → 5B, 5C.
public struct CurriculumCopyRequest: Sendable {
  /// The class copied from: id or name ("5A").
  public var from: String
  /// The classes copied to.
  public var to: [String]
  /// Subjects to copy (ids or names); `nil` for all of them.
  public var subjects: [String]?
  public var conflicts: CopyConflictPolicy
  /// Study periods to copy (ids or names); `nil` for the whole year.
  public var periods: [String]?
  /// Whether the split and the teachers of each subject are copied too.
  public var includeAssignments: Bool

  public init(
    from: String, to: [String], subjects: [String]? = nil, conflicts: CopyConflictPolicy = .keep,
    periods: [String]? = nil, includeAssignments: Bool = false
  ) {
    self.from = from
    self.to = to
    self.subjects = subjects
    self.conflicts = conflicts
    self.periods = periods
    self.includeAssignments = includeAssignments
  }
}

/// What a copy did, class by class.
public struct CurriculumCopyReport: Sendable, Codable, Hashable {
  public struct Change: Sendable, Codable, Hashable {
    public var `class`: ClassID
    public var subject: SubjectID
  }
  public var added: [Change] = []
  public var replaced: [Change] = []
  public var kept: [Change] = []
  public var assignmentsCopied = 0

  public init() {}
}

extension Organisation {
  /// This organisation with a class's curriculum copied to other classes. Nothing changes when
  /// the request names a class, subject or period that does not exist.
  public func copyingCurriculum(_ request: CurriculumCopyRequest) throws -> (Organisation, CurriculumCopyReport) {
    var problems: [PlanningIssue] = []
    let source = findClass(request.from)
    if source == nil {
      problems.append(
        .error(
          "unknown-class", at: "--from",
          "no class \"\(request.from)\"; the classes are \(classes.map(\.name).joined(separator: ", "))"))
    }
    if request.to.isEmpty { problems.append(.error("no-target", at: "--to", "name at least one class to copy to")) }
    let targets = copyTargets(request, source: source, problems: &problems)
    let sourceCurriculum = source.flatMap { workingCurriculum(of: $0.id) }
    if let source, sourceCurriculum == nil {
      problems.append(.error("no-curriculum", at: "--from", "\(source.name) has no working curriculum to copy"))
    }
    let periodIDs = copyPeriods(request, problems: &problems)
    let subjectIDs = copySubjects(request, source: source, sourceCurriculum: sourceCurriculum, problems: &problems)
    guard problems.isEmpty, let source, let sourceCurriculum else { throw PlanningErrors(problems) }

    var result = self
    var report = CurriculumCopyReport()
    let entries = sourceCurriculum.entries.filter { subjectIDs?.contains($0.subject) ?? true }
    for target in targets {
      var curriculum = result.workingCurriculum(of: target.id) ?? WorkingCurriculum(class: target.id, entries: [])
      for entry in entries {
        Self.copy(
          entry, into: &curriculum, of: target.id, periods: periodIDs, conflicts: request.conflicts, report: &report)
      }
      if let index = result.workingCurricula.firstIndex(where: { $0.class == target.id }) {
        result.workingCurricula[index] = curriculum
      } else {
        result.workingCurricula.append(curriculum)
      }
      if request.includeAssignments {
        copyAssignments(
          of: entries, from: source.id, to: target.id, periods: periodIDs, conflicts: request.conflicts, into: &result,
          report: &report)
      }
    }
    return (result, report)
  }

  /// The classes a copy goes to, each once; problems for those unknown or the source itself.
  private func copyTargets(_ request: CurriculumCopyRequest, source: SchoolClass?, problems: inout [PlanningIssue])
    -> [SchoolClass]
  {
    var targets: [SchoolClass] = []
    for (i, key) in request.to.enumerated() {
      guard let target = findClass(key) else {
        problems.append(
          .error(
            "unknown-class", at: "--to[\(i)]",
            "no class \"\(key)\" to copy to; the classes are \(classes.map(\.name).joined(separator: ", "))"))
        continue
      }
      if target.id == source?.id {
        problems.append(.error("copy-to-itself", at: "--to[\(i)]", "\(target.name) is the class copied from"))
      } else if !targets.contains(where: { $0.id == target.id }) {
        targets.append(target)
      }
    }
    return targets
  }

  /// The study periods a copy is limited to (nil: the whole year); problems for those unknown.
  private func copyPeriods(_ request: CurriculumCopyRequest, problems: inout [PlanningIssue]) -> [PeriodID]? {
    var periodIDs: [PeriodID]?
    if let keys = request.periods {
      periodIDs = []
      for (i, key) in keys.enumerated() {
        if let p = findPeriod(key) {
          periodIDs!.append(p.id)
        } else {
          problems.append(
            .error(
              "unknown-period", at: "--period[\(i)]",
              "no study period \"\(key)\"; the periods are \(studyPeriods.map(\.id).joined(separator: ", "))"))
        }
      }
    }
    return periodIDs
  }

  /// The subjects a copy is limited to (nil: all); problems for those unknown or not in the
  /// source's curriculum.
  private func copySubjects(
    _ request: CurriculumCopyRequest, source: SchoolClass?, sourceCurriculum: WorkingCurriculum?,
    problems: inout [PlanningIssue]
  ) -> [SubjectID]? {
    var subjectIDs: [SubjectID]?
    if let keys = request.subjects {
      subjectIDs = []
      for (i, key) in keys.enumerated() {
        guard let subject = findSubject(key) else {
          problems.append(.error("unknown-subject", at: "--subject[\(i)]", "no subject \"\(key)\""))
          continue
        }
        if let source, let sourceCurriculum, sourceCurriculum.entry(for: subject.id) == nil {
          problems.append(
            .error(
              "subject-not-in-source", at: "--subject[\(i)]", "\(source.name) has no \(subject.name) in its curriculum")
          )
        }
        subjectIDs!.append(subject.id)
      }
    }
    return subjectIDs
  }

  /// Copies one entry into a target's curriculum: the hours of some periods only, or the whole
  /// entry; an entry already there is replaced or kept as the request says.
  private static func copy(
    _ entry: CurriculumEntry, into curriculum: inout WorkingCurriculum, of target: ClassID,
    periods periodIDs: [PeriodID]?,
    conflicts: CopyConflictPolicy, report: inout CurriculumCopyReport
  ) {
    let change = CurriculumCopyReport.Change(class: target, subject: entry.subject)
    let existing = curriculum.entries.firstIndex { $0.subject == entry.subject }
    if let periodIDs {
      // One or some periods: set the hours of those periods only.
      let index =
        existing
        ?? {
          curriculum.entries.append(
            CurriculumEntry(
              subject: entry.subject, weeklyHours: .zero, periodHours: [:], variative: entry.variative,
              duration: entry.duration))
          return curriculum.entries.count - 1
        }()
      var changed = false
      var keptAny = false
      for p in periodIDs {
        let has = !curriculum.entries[index].hours(in: p).isZero
        if has, existing != nil, conflicts == .keep {
          keptAny = true
          continue
        }
        var hours = curriculum.entries[index].periodHours ?? [:]
        hours[p] = entry.hours(in: p)
        curriculum.entries[index].periodHours = hours
        changed = true
      }
      if existing == nil {
        report.added.append(change)
      } else if changed {
        report.replaced.append(change)
      } else if keptAny {
        report.kept.append(change)
      }
    } else if let existing {
      if conflicts == .replace {
        curriculum.entries[existing] = entry
        report.replaced.append(change)
      } else {
        report.kept.append(change)
      }
    } else {
      curriculum.entries.append(entry)
      report.added.append(change)
    }
  }

  /// Copies the source's assignments of the entries copied (of the periods copied) to a target.
  private func copyAssignments(
    of entries: [CurriculumEntry], from source: ClassID, to target: ClassID, periods periodIDs: [PeriodID]?,
    conflicts: CopyConflictPolicy, into result: inout Organisation, report: inout CurriculumCopyReport
  ) {
    for entry in entries {
      let copied = assignments.filter {
        $0.class == source && $0.subject == entry.subject
          && (periodIDs == nil || $0.period == nil || periodIDs!.contains($0.period!))
      }
      for assignment in copied {
        let exists = result.assignments.firstIndex {
          $0.class == target && $0.subject == assignment.subject && $0.period == assignment.period
        }
        if exists != nil, conflicts == .keep { continue }
        var copy = assignment
        copy.class = target
        if let exists { result.assignments[exists] = copy } else { result.assignments.append(copy) }
        report.assignmentsCopied += 1
      }
    }
  }

  /// This organisation with a class's working curriculum made from a standard curriculum: the
  /// template given, else the one of the class's grade (and profile, when there are several).
  public func creatingCurriculum(forClass key: String, template templateID: String? = nil, replace: Bool = false) throws
    -> Organisation
  {
    guard let schoolClass = findClass(key) else {
      throw PlanningErrors([.error("unknown-class", at: "--class", "no class \"\(key)\"")])
    }
    let templates = standardCurricula ?? []
    let template: StandardCurriculum?
    if let templateID {
      template = templates.first { $0.id == templateID }
      if template == nil {
        throw PlanningErrors([.error("unknown-template", at: "--template", "no standard curriculum \"\(templateID)\"")])
      }
    } else {
      template = Self.template(for: schoolClass, among: templates)
    }
    guard let template else {
      throw PlanningErrors([
        .error("no-template", at: "--class", "there is no standard curriculum for grade \(schoolClass.grade)")
      ])
    }
    if workingCurriculum(of: schoolClass.id) != nil, !replace {
      throw PlanningErrors([
        .error(
          "curriculum-exists", at: "--class",
          "\(schoolClass.name) has a working curriculum already; replace it explicitly")
      ])
    }
    var result = self
    result.workingCurricula.removeAll { $0.class == schoolClass.id }
    result.workingCurricula.append(Self.curriculum(for: schoolClass.id, from: template))
    return result
  }

  static func template(for schoolClass: SchoolClass, among templates: [StandardCurriculum]) -> StandardCurriculum? {
    let ofGrade = templates.filter { $0.grade == schoolClass.grade }
    // A template of the class's profile first, then of its language of instruction (Kazakh- and
    // Russian-medium classes have different plans), then the grade's general one.
    return ofGrade.first { $0.profile != nil && $0.profile == schoolClass.profile }
      ?? ofGrade.first { $0.profile != nil && $0.profile == schoolClass.language }
      ?? ofGrade.first { $0.profile == nil } ?? ofGrade.first
  }

  static func curriculum(for classID: ClassID, from template: StandardCurriculum) -> WorkingCurriculum {
    WorkingCurriculum(
      class: classID,
      entries: template.entries.map {
        CurriculumEntry(
          subject: $0.subject, weeklyHours: $0.weeklyHours, variative: $0.component == .variative ? true : nil,
          duration: $0.duration)
      })
  }
}
