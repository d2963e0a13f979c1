import Foundation
import Store
import TestSupport
import Testing

/// A temporary store (SQLite, or a new PostgreSQL database) and the shipped instances, for the
/// commands over the store.
final class StoreWorkspace {
  let folder: URL
  let database: String

  static let instances = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("instances")
  static let rural = instances.appendingPathComponent("kz-rural-school-9.json").path
  static let large = instances.appendingPathComponent("kz-large-school-54.json").path
  static let gymnasium = instances.appendingPathComponent("ru-gymnasium-31.json").path

  init(_ backend: TestDatabase.Backend = .sqlite) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("sabaq-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    database =
      backend == .sqlite
      ? "sqlite:" + folder.appendingPathComponent("store.sqlite").path : try TestDatabase.make(backend)
  }

  func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
  func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

  /// `sabaq ARGUMENTS --database THIS-STORE`.
  @discardableResult
  func sabaq(_ arguments: [String], input: String? = nil) throws -> Sabaq.Run {
    try Sabaq.run(arguments + ["--database", database], input: input)
  }

  /// The arguments of `sabaq(_:)`, for a child started apart.
  func arguments(_ arguments: [String]) -> [String] { arguments + ["--database", database] }

  /// A district and a school under it; the school's id.
  func school(named name: String = "Қараой мектебі") throws -> Int {
    let district = try sabaq(["org", "create", "--name", "District", "--kind", "district", "--country", "KZ"])
    try #require(district.status == 0, "\(district.errors)")
    let school = try sabaq([
      "org", "create", "--name", name, "--kind", "school", "--parent", district.output.trimmed,
    ])
    try #require(school.status == 0, "\(school.errors)")
    return try #require(Int(school.output.trimmed))
  }

  /// The school with the rural school's plan at revision 1.
  func schoolWithPlan() throws -> Int {
    let id = try school()
    let imported = try sabaq(["org", "import", String(id), Self.rural])
    try #require(imported.status == 0, "\(imported.errors)")
    return id
  }

  /// The stored plan's bytes as `org export` writes them.
  func exported(_ id: Int) throws -> Data {
    let run = try sabaq(["org", "export", String(id), "--output", path("export.json"), "--force"])
    try #require(run.status == 0, "\(run.errors)")
    return try bytes(path("export.json"))
  }

  /// The store itself, to look at what the commands left.
  func withStore<T>(_ body: (Store, (Int) throws -> TenantScope) throws -> T) throws -> T {
    let store = try Store(url: database)
    defer { store.close() }
    return try body(store) { try store.scope($0, actor: .operator("test")) }
  }

  deinit {
    if !database.hasPrefix("sqlite:") { TestDatabase.drop(database) }
    try? FileManager.default.removeItem(at: folder)
  }
}

extension String {
  var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// `sabaq org`, `user`, `solve --org` and `timetable` over a temporary SQLite store.
@Suite struct StoreCommandTests {
  @Test func organisationsAreCreatedListedAndRefusedByOption() throws {
    let w = try StoreWorkspace()
    let school = try w.school(named: "Мектеп № 9")
    let list = try w.sabaq(["org", "list"])
    #expect(list.status == 0, "\(list.errors)")
    #expect(list.output.contains("district"), "\(list.output)")
    #expect(list.output.contains("  Мектеп № 9"), "the school is indented under its district: \(list.output)")
    let json = try w.sabaq(["org", "list", "--format", "json"])
    let nodes = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]]
    #expect(nodes?.count == 2)
    #expect(nodes?.last?["id"] as? Int == school)
    #expect(nodes?.last?["parentID"] as? Int == nodes?.first?["id"] as? Int)

    let badKind = try w.sabaq(["org", "create", "--name", "X", "--kind", "castle"])
    #expect(badKind.status != 0 && badKind.status != 3)
    #expect(badKind.errors.contains("--kind"), "\(badKind.errors)")
    let unknownParent = try w.sabaq(["org", "create", "--name", "X", "--kind", "school", "--parent", "999"])
    #expect(unknownParent.status == 1)
    #expect(unknownParent.errors.contains("--parent: not found: organisation 999"), "\(unknownParent.errors)")
    let underSchool = try w.sabaq(["org", "create", "--name", "X", "--kind", "school", "--parent", String(school)])
    #expect(underSchool.status == 1)
    #expect(underSchool.errors.contains("--parent: organisation \(school) is a school"), "\(underSchool.errors)")
    let badZone = try w.sabaq(["org", "create", "--name", "X", "--kind", "school", "--time-zone", "Mars/Olympus"])
    #expect(badZone.status == 1)
    #expect(badZone.errors.contains("--time-zone: "), "\(badZone.errors)")
    let badDatabase = try Sabaq.run(["org", "list", "--database", "mysql://nowhere"])
    #expect(badDatabase.status == 1)
    #expect(badDatabase.errors.contains("--database"), "\(badDatabase.errors)")
  }

  @Test func aPlanIsImportedExportedByteForByteAndGuardedByItsRevision() throws {
    let w = try StoreWorkspace()
    let school = try w.school()
    let imported = try w.sabaq(["org", "import", String(school), StoreWorkspace.rural, "--revision", "0"])
    #expect(imported.status == 0, "\(imported.errors)")
    #expect(imported.output.trimmed == "1")
    #expect(imported.errors.contains("revision 1"))
    #expect(try w.exported(school) == w.bytes(StoreWorkspace.rural))

    let output = w.path("plan.json")
    #expect(try w.sabaq(["org", "export", String(school), "--output", output]).status == 0)
    let again = try w.sabaq(["org", "export", String(school), "--output", output])
    #expect(again.status == 1)
    #expect(again.errors.contains("--output: \(output) exists already; --force replaces it"), "\(again.errors)")
    let asFET = try w.sabaq(["org", "export", String(school), "--output", w.path("plan.fet"), "--format", "fet"])
    #expect(asFET.status == 1)
    #expect(asFET.errors.contains("--format: "), "\(asFET.errors)")
    #expect(!FileManager.default.fileExists(atPath: w.path("plan.fet")))

    let stale = try w.sabaq(["org", "import", String(school), StoreWorkspace.large, "--revision", "0"])
    #expect(stale.status == 3)
    #expect(stale.errors.contains("conflict: the plan of 2025-2026 is at revision 1"), "\(stale.errors)")
    #expect(try w.exported(school) == w.bytes(StoreWorkspace.rural), "a refused import stores nothing")
    let current = try w.sabaq(["org", "import", String(school), StoreWorkspace.large, "--revision", "1"])
    #expect(current.status == 0, "\(current.errors)")
    #expect(current.output.trimmed == "2")
    #expect(try w.exported(school) == w.bytes(StoreWorkspace.large))

    let missing = try w.sabaq(["org", "import", String(school), w.path("nowhere.json")])
    #expect(missing.status == 1)
    #expect(missing.errors.contains(w.path("nowhere.json")), "\(missing.errors)")
    let unknown = try w.sabaq(["org", "import", "999", StoreWorkspace.rural])
    #expect(unknown.status == 1)
    #expect(unknown.errors.contains("ID: not found: organisation 999"), "\(unknown.errors)")
    let district = try #require(
      try w.withStore { store, _ in try store.organisations.visible(to: .operator("t")) }.first)
    let toDistrict = try w.sabaq(["org", "import", String(district.id), StoreWorkspace.rural])
    #expect(toDistrict.status == 1)
    #expect(toDistrict.errors.contains("only schools have plans"), "\(toDistrict.errors)")
  }

  @Test func aUserIsAddedWithThePasswordOnStandardInput() throws {
    let w = try StoreWorkspace()
    let school = try w.schoolWithPlan()
    let added = try w.sabaq(
      [
        "user", "add", "--login", "Aigerim", "--org", String(school), "--role", "director", "--name", "Айгерім С.",
        "--password-stdin",
      ], input: "correct horse\n")
    #expect(added.status == 0, "\(added.errors)")
    #expect(Int(added.output.trimmed) != nil)
    let teacher = try w.sabaq(
      [
        "user", "add", "--login", "t01", "--org", String(school), "--role", "teacher", "--teacher", "t01",
        "--password-stdin",
      ], input: "another password\n")
    #expect(teacher.status == 0, "\(teacher.errors)")
    let editor = try w.sabaq(
      [
        "user", "add", "--login", "editor", "--org", String(school), "--role", "editor", "--block", "schedule",
        "people", "--password-stdin",
      ], input: "editor password\n")
    #expect(editor.status == 0, "\(editor.errors)")
    try w.withStore { store, scope in
      #expect(try store.people.authenticate(login: "aigerim", password: "correct horse")?.displayName == "Айгерім С.")
      #expect(try store.people.authenticate(login: "aigerim", password: "wrong horse") == nil)
      let members = try store.people.members(try scope(school))
      #expect(members.map(\.membership.role) == [.director, .editor, .teacher])
      #expect(members.first { $0.user.login == "editor" }?.membership.blocks == [.schedule, .people])
    }

    let noPassword = try w.sabaq(["user", "add", "--login", "nobody", "--org", String(school), "--role", "director"])
    #expect(noPassword.status == 1)
    #expect(noPassword.errors.contains("--password-stdin: a new login needs a password"), "\(noPassword.errors)")
    let empty = try w.sabaq(
      ["user", "add", "--login", "nobody", "--org", String(school), "--role", "director", "--password-stdin"],
      input: "")
    #expect(empty.status == 1)
    #expect(empty.errors.contains("--password-stdin: no password"), "\(empty.errors)")
    let short = try w.sabaq(
      ["user", "add", "--login", "nobody", "--org", String(school), "--role", "director", "--password-stdin"],
      input: "short\n")
    #expect(short.status == 1)
    #expect(short.errors.contains("--password-stdin: expected 8 to 72 bytes"), "\(short.errors)")
    let noTeacher = try w.sabaq(
      [
        "user", "add", "--login", "nobody", "--org", String(school), "--role", "teacher", "--teacher", "t99",
        "--password-stdin",
      ], input: "a good password\n")
    #expect(noTeacher.status == 1)
    #expect(noTeacher.errors.contains("--teacher: no teacher t99"), "\(noTeacher.errors)")
    let badRole = try w.sabaq(["user", "add", "--login", "nobody", "--org", String(school), "--role", "king"])
    #expect(badRole.status != 0 && badRole.status != 3)
    #expect(badRole.errors.contains("--role"), "\(badRole.errors)")
    let unknownOrg = try w.sabaq(
      ["user", "add", "--login", "nobody", "--org", "999", "--role", "director", "--password-stdin"],
      input: "a good password\n")
    #expect(unknownOrg.status == 1)
    #expect(unknownOrg.errors.contains("--org: not found: organisation 999"), "\(unknownOrg.errors)")
  }

  @Test func solveOrgStoresDraftsThatArePublishedAndCompared() throws {
    let w = try StoreWorkspace()
    let school = String(try w.schoolWithPlan())
    let first = try w.sabaq(["solve", "--org", school, "--first-feasible", "--no-mip", "--time-limit", "30"])
    #expect(first.status == 0, "\(first.errors)")
    #expect(first.output.trimmed == "1")
    #expect(first.errors.contains("timetable with no hard violation"), "\(first.errors)")
    #expect(first.errors.contains("stored as draft version 1"), "\(first.errors)")
    let second = try w.sabaq([
      "solve", "--org", school, "--first-feasible", "--no-mip", "--seed", "2", "--period", "Q2", "--output",
      w.path("out"),
    ])
    #expect(second.status == 0, "\(second.errors)")
    #expect(second.output.trimmed == "2")
    #expect(FileManager.default.fileExists(atPath: w.path("out/timetable.json")))

    let list = try w.sabaq(["timetable", "list", "--org", school])
    #expect(list.status == 0, "\(list.errors)")
    #expect(list.output.contains("draft"), "\(list.output)")
    #expect(list.output.contains("cli:"), "\(list.output)")
    #expect(try states(w, school) == ["draft", "draft"])

    let published = try w.sabaq(["timetable", "publish", "--org", school])
    #expect(published.status == 0, "\(published.errors)")
    #expect(published.output.trimmed == "2", "the newest draft")
    #expect(try states(w, school) == ["draft", "published"])
    #expect(try w.sabaq(["timetable", "publish", "--org", school, "1"]).status == 0)
    #expect(try states(w, school) == ["published", "superseded"])
    let again = try w.sabaq(["timetable", "publish", "--org", school, "2"])
    #expect(again.status == 3)
    #expect(again.errors.contains("version 2 is superseded"), "\(again.errors)")
    let none = try w.sabaq(["timetable", "publish", "--org", school])
    #expect(none.status == 1)
    #expect(none.errors.contains("not found: a draft timetable"), "\(none.errors)")

    let diff = try w.sabaq(["timetable", "diff", "--org", school, "1", "2"])
    #expect(diff.status == 0, "\(diff.errors)")
    #expect(diff.output.hasPrefix("version 1 → 2: "), "\(diff.output)")
    let json = try w.sabaq(["timetable", "diff", "--org", school, "1", "2", "--format", "json"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
    let moves = try #require(object["moves"] as? [[String: Any]])
    let byClass = try #require(object["byClass"] as? [String: Int])
    #expect(moves.isEmpty == byClass.isEmpty)
    #expect(object["byTeacher"] is [String: Int])
    let unknownVersion = try w.sabaq(["timetable", "diff", "--org", school, "1", "9"])
    #expect(unknownVersion.status == 1)
    #expect(unknownVersion.errors.contains("timetable version 9"), "\(unknownVersion.errors)")
  }

  @Test func solveOrgRefusesBadInputNamingTheOption() throws {
    let w = try StoreWorkspace()
    let school = String(try w.schoolWithPlan())
    let period = try w.sabaq(["solve", "--org", school, "--period", "Q9", "--first-feasible"])
    #expect(period.status == 1)
    #expect(period.errors.contains("--period: no study period Q9"), "\(period.errors)")
    let unknown = try w.sabaq(["solve", "--org", "999", "--first-feasible"])
    #expect(unknown.status == 1)
    #expect(unknown.errors.contains("--org: not found: organisation 999"), "\(unknown.errors)")
    let both = try w.sabaq(["solve", StoreWorkspace.rural, "--org", school, "--output", w.path("out")])
    #expect(both.status != 0 && both.status != 3)
    #expect(both.errors.contains("either FILE or --org"), "\(both.errors)")
    let neither = try w.sabaq(["solve", "--output", w.path("out")])
    #expect(neither.status != 0 && neither.status != 3)
    let noOutput = try Sabaq.run(["solve", StoreWorkspace.rural])
    #expect(noOutput.status != 0 && noOutput.status != 3)
    #expect(noOutput.errors.contains("--output"), "\(noOutput.errors)")
    let list = try w.sabaq(["timetable", "list", "--org", "999"])
    #expect(list.status == 1)
    #expect(list.errors.contains("--org: not found: organisation 999"), "\(list.errors)")
    #expect(try w.withStore { store, scope in try store.versions.list(try scope(Int(school)!)) }.isEmpty)
  }

  @Test func theStoreIsSabaqSQLiteInTheWorkingFolderUnlessNamed() throws {
    let w = try StoreWorkspace()
    var environment = ProcessInfo.processInfo.environment
    environment["SABAQ_DATABASE"] = nil
    let local = try RunningSabaq(
      ["org", "create", "--name", "Local", "--kind", "school"], environment: environment, folder: w.folder.path)
    #expect(local.wait() == 0, "\(local.errors)")
    #expect(FileManager.default.fileExists(atPath: w.path("sabaq.sqlite")))
    environment["SABAQ_DATABASE"] = "sqlite:" + w.path("named.sqlite")
    let named = try RunningSabaq(
      ["org", "create", "--name", "Named", "--kind", "school"], environment: environment, folder: w.folder.path)
    #expect(named.wait() == 0, "\(named.errors)")
    let list = try Sabaq.run(["org", "list", "--database", "sqlite:" + w.path("named.sqlite")])
    #expect(list.output.contains("Named") && !list.output.contains("Local"), "\(list.output)")
  }

  @Test func theNewCommandsHaveHelp() throws {
    for command in [["org", "import"], ["user", "add"], ["timetable", "diff"], ["solve"]] {
      let run = try Sabaq.run(command + ["--help"])
      #expect(run.status == 0, "\(command): \(run.errors)")
      #expect(run.output.contains("USAGE: sabaq \(command.joined(separator: " "))"), "\(run.output)")
      #expect(run.output.contains("--database <url>"), "\(run.output)")
    }
    let help = try Sabaq.run(["help", "org", "create"])
    #expect(help.status == 0 && help.output.contains("--parent <parent>"), "\(help.output)\(help.errors)")
  }

  private func states(_ w: StoreWorkspace, _ school: String) throws -> [String] {
    let run = try w.sabaq(["timetable", "list", "--org", school, "--format", "json"])
    let versions = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]]
    return (versions ?? []).compactMap { $0["state"] as? String }
  }
}
