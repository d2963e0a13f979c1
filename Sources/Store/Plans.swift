import Foundation
import Interchange
import Planner

/// The plan of an organisation for one academic year: everything the native instance file
/// holds, at a revision number that every edit must name.
public struct StoredPlan: Sendable {
  public var organisationID: Int
  public var academicYear: String
  public var revision: Int
  public var organisation: Organisation
  /// `sabaq-instance` or `fet`: the kind of file the plan was imported from.
  public var sourceFormat: String
  /// The FET import's report, for a plan imported from a FET file (its weights tell the solve
  /// which of FET's soft rules count as strong).
  public var fetImport: FETImportReport?
  public var updatedAt: Date
  public var updatedBy: String
}

/// What an import stored, with the FET import's report and the validator's warnings.
public struct PlanImport: Sendable {
  public var plan: StoredPlan
  public var fetImport: FETImportReport?
  public var warnings: [PlanningIssue]
}

/// Plans, stored as documents: one row per organisation and academic year holding the native
/// JSON of the plan (and the file it was imported from). A plan is read and written whole by the
/// planner, the solver and the editor, so a document is the unit; the timetable rows a page
/// reads are stored apart (`timetable_entries`), indexed by teacher, class and room.
public struct Plans: Sendable {
  let database: any SQLDatabase
  let policy: AccessPolicy
  let history: History

  /// Imports a native `.json` or a FET `.fet` file as the plan of its academic year, in one
  /// transaction. When the organisation has a plan for that year already, it is replaced (and
  /// `expectedRevision`, when given, must be its revision).
  public func importFile(_ scope: TenantScope, path: String, expectedRevision: Int? = nil) throws -> PlanImport {
    try policy.require(.editPlan, in: scope)
    try requireSchool(scope)
    let source = try InstanceSource.read(path)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    let warnings = try Self.validated(source.organisation, place: path)
    let format = source.fetImport == nil ? InstanceFile.format : "fet"
    let plan = try write(
      scope, source.organisation, baseRevision: expectedRevision, replacing: true,
      source: (format, String(decoding: bytes, as: UTF8.self), source.fetImport), action: "import",
      summary: "imported \((path as NSString).lastPathComponent)")
    return PlanImport(plan: plan, fetImport: source.fetImport, warnings: warnings)
  }

  /// Stores an organisation made in memory (generated, or built by another tool) as the plan of
  /// its academic year, replacing the one there when `expectedRevision` matches it (or is nil).
  @discardableResult
  public func store(_ scope: TenantScope, _ organisation: Organisation, expectedRevision: Int? = nil) throws
    -> StoredPlan
  {
    try policy.require(.editPlan, in: scope)
    try requireSchool(scope)
    _ = try Self.validated(organisation, place: "plan")
    return try write(
      scope, organisation, baseRevision: expectedRevision, replacing: true, source: nil, action: "store", summary: nil)
  }

  /// Saves an edited plan made on `baseRevision`; a stale revision is refused with the current
  /// one, and nothing is stored. A plan with errors is refused with every error and its path.
  @discardableResult
  public func save(_ scope: TenantScope, _ organisation: Organisation, baseRevision: Int) throws -> StoredPlan {
    try policy.require(.editPlan, in: scope)
    _ = try Self.validated(organisation, place: "plan")
    return try write(
      scope, organisation, baseRevision: baseRevision, replacing: false, source: nil, action: "edit", summary: nil)
  }

  /// Changes the plan with `change`, made on `baseRevision`: the roles are asked first, then the
  /// revision (a stale one is a conflict with the current revision), then the change is made,
  /// the result validated and written (a compare-and-swap on the revision). Returns the saved
  /// plan and what `change` reported.
  public func edit<Report>(
    _ scope: TenantScope, year: String? = nil, baseRevision: Int, _ change: (inout Organisation) throws -> Report
  ) throws -> (plan: StoredPlan, report: Report) {
    try policy.require(.editPlan, in: scope)
    let current = try database.read { tx in try find(tx, organisation: scope.organisationID, year: year) }
    try Self.requireRevision(current, baseRevision)
    var organisation = current.organisation
    let report = try change(&organisation)
    return (try save(scope, organisation, baseRevision: baseRevision), report)
  }

  /// Makes the next academic year's plan from this year's (made on `baseRevision`): classes move
  /// up, graduates leave, curricula restart from the templates. Refused when that year has a
  /// plan already.
  public func nextYear(_ scope: TenantScope, baseRevision: Int) throws -> (
    plan: StoredPlan, report: YearTransitionReport
  ) {
    try policy.require(.editPlan, in: scope)
    let current = try database.read { tx in try find(tx, organisation: scope.organisationID, year: nil) }
    try Self.requireRevision(current, baseRevision)
    let (next, report) = current.organisation.nextYear()
    return (try store(scope, next, expectedRevision: 0), report)
  }

  private static func requireRevision(_ plan: StoredPlan, _ base: Int) throws {
    guard plan.revision == base else {
      throw StoreError.conflict(
        message:
          "the plan of \(plan.academicYear) is at revision \(plan.revision); this change was made on revision \(base)",
        currentRevision: plan.revision)
    }
  }

  /// The plan of an academic year ("2025-2026"), the newest year when none is named.
  public func plan(_ scope: TenantScope, year: String? = nil) throws -> StoredPlan {
    try policy.require(.viewPlan, in: scope)
    return try database.read { tx in try find(tx, organisation: scope.organisationID, year: year) }
  }

  /// The newest plan for showing timetables: those who may see a timetable (a teacher, a student,
  /// a parent) see the names, bells and calendar it needs, though not always the plan itself.
  public func forTimetables(_ scope: TenantScope) throws -> StoredPlan {
    try requireTimetableView(scope)
    return try database.read { tx in try find(tx, organisation: scope.organisationID, year: nil) }
  }

  /// The academic year and revision of the newest plan (one indexed row): caches of what is
  /// derived from a plan (the pages' calendars) know from it whether they are still current.
  public func currentRevision(_ scope: TenantScope) throws -> (year: String, revision: Int) {
    try requireTimetableView(scope)
    return try database.read { tx in
      guard
        let row = try tx.queryOne(
          "SELECT academic_year, revision FROM plans WHERE organisation_id = ? ORDER BY academic_year DESC LIMIT 1",
          [.init(scope.organisationID)])
      else { throw StoreError.notFound("a plan of organisation \(scope.organisationID)") }
      return (try row.string("academic_year"), try row.int("revision"))
    }
  }

  private func requireTimetableView(_ scope: TenantScope) throws {
    let ownClasses = scope.memberships.compactMap(\.classID)
    guard
      policy.allows(.viewTimetables, in: scope)
        || ownClasses.contains(where: { policy.allows(.viewOwnClassTimetable, in: scope, classID: $0) })
    else { throw StoreError.forbidden("\(scope.actor.name) may not view the timetables of this organisation") }
  }

  /// The academic years the organisation has plans for, with their revisions, oldest first.
  public func years(_ scope: TenantScope) throws -> [(year: String, revision: Int)] {
    try policy.require(.viewPlan, in: scope)
    return try database.read { tx in
      try tx.query(
        "SELECT academic_year, revision FROM plans WHERE organisation_id = ? ORDER BY academic_year",
        [.init(scope.organisationID)]
      ).map { (try $0.string("academic_year"), try $0.int("revision")) }
    }
  }

  /// The plan as a file: the imported file itself, byte for byte, while the plan is unchanged
  /// since the import; after an edit, the native JSON of the plan (a FET export is then refused).
  public func export(_ scope: TenantScope, year: String? = nil, format: String = InstanceFile.format) throws -> Data {
    try policy.require(.viewPlan, in: scope)
    return try database.read { tx in
      let row = try planRow(tx, organisation: scope.organisationID, year: year)
      let unchanged = row.optionalInt("source_revision") == (try row.int("revision"))
      let sourceFormat = try row.string("source_format")
      if unchanged, sourceFormat == format, let source = row.optionalString("source") { return Data(source.utf8) }
      guard format == InstanceFile.format || sourceFormat == format else {
        throw StoreError.invalid(
          field: "format",
          "the plan was imported from a \(sourceFormat) file, not \(format); export it as sabaq-instance")
      }
      guard format == InstanceFile.format else {
        throw StoreError.invalid(
          field: "format",
          "the plan was edited since its FET import (revision \(try row.int("revision"))); export it as sabaq-instance")
      }
      return Data(try row.string("document").utf8)
    }
  }

  /// The newest plan of an organisation, for checks that need its teachers and classes.
  func newestPlan(_ organisation: Int) throws -> Organisation? {
    try database.read { tx in
      try tx.queryOne(
        "SELECT document FROM plans WHERE organisation_id = ? ORDER BY academic_year DESC LIMIT 1",
        [.init(organisation)]
      ).map { try InstanceFile.decode(Data(try $0.string("document").utf8)) }
    }
  }

  func find(_ tx: any SQLTransaction, organisation: Int, year: String?) throws -> StoredPlan {
    let row = try planRow(tx, organisation: organisation, year: year)
    let organisationValue: Organisation
    do {
      organisationValue = try InstanceFile.decode(Data(try row.string("document").utf8))
    } catch {
      throw StoreError.corrupt("the plan of organisation \(organisation): \(error)")
    }
    return StoredPlan(
      organisationID: organisation, academicYear: try row.string("academic_year"), revision: try row.int("revision"),
      organisation: organisationValue, sourceFormat: try row.string("source_format"),
      fetImport: try row.optionalString("import_report").map { try JSONText.decode(FETImportReport.self, from: $0) },
      updatedAt: try row.date("updated_at"), updatedBy: try row.string("updated_by"))
  }

  private func planRow(_ tx: any SQLTransaction, organisation: Int, year: String?) throws -> SQLRow {
    let row =
      if let year {
        try tx.queryOne(
          "SELECT * FROM plans WHERE organisation_id = ? AND academic_year = ?", [.init(organisation), .text(year)])
      } else {
        try tx.queryOne(
          "SELECT * FROM plans WHERE organisation_id = ? ORDER BY academic_year DESC LIMIT 1", [.init(organisation)])
      }
    guard let row else {
      throw StoreError.notFound("a plan of organisation \(organisation)" + (year.map { " for \($0)" } ?? ""))
    }
    return row
  }

  // swiftlint:disable:next function_parameter_count
  private func write(
    _ scope: TenantScope, _ organisation: Organisation, baseRevision: Int?, replacing: Bool,
    source: (format: String, text: String, report: FETImportReport?)?, action: String, summary: String?
  ) throws -> StoredPlan {
    let year = organisation.academicYear.name
    let document = try InstanceFile.encode(organisation)
    let totals = try JSONText.encode(LoadRollup.Totals(organisation))
    let now = Date()
    return try database.write { tx in
      let current = try tx.queryOne(
        "SELECT revision, document, source_format, import_report FROM plans WHERE organisation_id = ? AND academic_year = ?",
        [.init(scope.organisationID), .text(year)])
      let currentRevision = try current?.int("revision")
      if let baseRevision, baseRevision != (currentRevision ?? 0) {
        throw StoreError.conflict(
          message:
            "the plan of \(year) is at revision \(currentRevision ?? 0); this change was made on revision \(baseRevision)",
          currentRevision: currentRevision ?? 0)
      }
      if currentRevision == nil && !replacing {
        throw StoreError.notFound("a plan of organisation \(scope.organisationID) for \(year)")
      }
      let revision = (currentRevision ?? 0) + 1
      let changes = PlanChanges(from: Data((try current?.string("document") ?? "").utf8), to: document)
      let text = String(decoding: document, as: UTF8.self)
      let sourceFormat = try source?.format ?? current?.string("source_format") ?? InstanceFile.format
      // A new source brings its own report (none for a native file); edits keep the import's.
      let reportText: String? =
        if let source { try source.report.map { try JSONText.encode($0) } } else {
          current?.optionalString("import_report")
        }
      if currentRevision == nil {
        try tx.execute(
          """
          INSERT INTO plans (organisation_id, academic_year, revision, document, source_format, source,
            source_revision, import_report, load_totals, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
          [
            .init(scope.organisationID), .text(year), .init(revision), .text(text), .text(sourceFormat),
            .init(source?.text), .init(source == nil ? nil : revision), .init(reportText), .text(totals),
            .init(now.milliseconds),
            .text(scope.actor.name),
          ])
      } else {
        // The revision in the WHERE clause makes the write a compare-and-swap on PostgreSQL too.
        var sql =
          "UPDATE plans SET revision = ?, document = ?, source_format = ?, load_totals = ?, updated_at = ?, updated_by = ?"
        var values: [SQLValue] = [
          .init(revision), .text(text), .text(sourceFormat), .text(totals), .init(now.milliseconds),
          .text(scope.actor.name),
        ]
        if let source {
          sql += ", source = ?, source_revision = ?, import_report = ?"
          values += [.text(source.text), .init(revision), .init(reportText)]
        }
        sql += " WHERE organisation_id = ? AND academic_year = ? AND revision = ?"
        values += [.init(scope.organisationID), .text(year), .init(currentRevision)]
        guard try tx.execute(sql, values) == 1 else {
          // Another writer committed first (PostgreSQL re-reads the row after waiting for it).
          let now = try tx.queryOne(
            "SELECT revision FROM plans WHERE organisation_id = ? AND academic_year = ?",
            [.init(scope.organisationID), .text(year)])?.optionalInt("revision")
          throw StoreError.conflict(
            message:
              "the plan of \(year) is at revision \(now.map(String.init) ?? "?"); this change was made on revision \(currentRevision ?? 0)",
            currentRevision: now)
        }
      }
      try history.record(
        tx, organisation: scope.organisationID, actor: scope.actor, subject: "plan", action: action,
        summary: "\(summary.map { $0 + ": " } ?? "")plan \(year) revision \(revision): \(changes.summary)",
        detail: changes)
      return StoredPlan(
        organisationID: scope.organisationID, academicYear: year, revision: revision, organisation: organisation,
        sourceFormat: sourceFormat,
        fetImport: try reportText.map { try JSONText.decode(FETImportReport.self, from: $0) }, updatedAt: now,
        updatedBy: scope.actor.name)
    }
  }

  private func requireSchool(_ scope: TenantScope) throws {
    guard !scope.organisation.kind.isManagement else {
      throw StoreError.invalid(
        field: "org",
        "organisation \(scope.organisationID) is a \(scope.organisation.kind.rawValue): only schools have plans")
    }
  }

  /// The validator's warnings; its errors refuse the plan.
  private static func validated(_ organisation: Organisation, place: String) throws -> [PlanningIssue] {
    let issues = OrganisationValidator.validate(organisation)
    let errors = issues.filter(\.isError)
    guard errors.isEmpty else {
      throw InstanceFileError(file: place, issues: errors)
    }
    return issues
  }
}
