import Foundation
import Testing

/// Where `sabaq solve` writes: the place is checked before the solve, an existing folder is not
/// overwritten without --force, and the tables are in the organisation's language, as text and
/// as printable HTML. And `sabaq --version`.
@Suite struct SolveOutputTests {
  @Test func anOutputThatIsAFileIsRefusedBeforeTheSolve() throws {
    let w = try Workspace()
    let file = w.path("taken.txt")
    try Data("mine".utf8).write(to: URL(fileURLWithPath: file))
    let started = Date()
    // A time limit the test would notice if the solve ran first.
    let run = try Sabaq.run(["solve", w.school, "--time-limit", "300", "--output", file])
    #expect(Date().timeIntervalSince(started) < 60)
    #expect(run.status == 1)
    #expect(run.errors.contains("--output: \(file) is a file, not a folder"), "\(run.errors)")
    #expect(!run.errors.contains("NSCocoaErrorDomain"))
    #expect(try w.bytes(file) == Data("mine".utf8))
  }

  @Test func aFolderInsideAFileIsRefusedBeforeTheSolve() throws {
    let w = try Workspace()
    let run = try Sabaq.run(["solve", w.school, "--time-limit", "300", "--output", w.school + "/out"])
    #expect(run.status == 1)
    #expect(run.errors.contains("is a file, so the folder"), "\(run.errors)")
  }

  @Test func anExistingFolderWithFilesIsOverwrittenOnlyWithForce() throws {
    let w = try Workspace()
    let folder = w.path("out")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data("old".utf8).write(to: URL(fileURLWithPath: w.path("out/timetable.json")))
    let refused = try Sabaq.run(["solve", w.school, "--rounds", "2", "--no-mip", "--output", folder])
    #expect(refused.status == 1)
    #expect(refused.errors.contains("exists and holds 1 file"), "\(refused.errors)")
    #expect(refused.errors.contains("--force"))
    #expect(try w.bytes(w.path("out/timetable.json")) == Data("old".utf8))
    let forced = try Sabaq.run(["solve", w.school, "--rounds", "2", "--no-mip", "--force", "--output", folder])
    #expect(forced.status == 0, "\(forced.errors)")
    #expect(try w.bytes(w.path("out/timetable.json")) != Data("old".utf8))
  }

  @Test func aNewFolderGetsTablesInTheSchoolsLanguageAsTextAndHTML() throws {
    let w = try Workspace()
    let run = try Sabaq.run(["solve", w.school, "--rounds", "2", "--no-mip", "--output", w.path("new/out")])
    #expect(run.status == 0, "\(run.errors)")
    let classes = String(decoding: try w.bytes(w.path("new/out/classes.txt")), as: UTF8.self)
    #expect(classes.contains("Дүйсенбі"))
    #expect(classes.contains("08:00–08:45"))
    #expect(classes.split(separator: "\n").allSatisfy { $0.count <= 100 })
    for name in ["classes.html", "teachers.html", "rooms.html"] {
      let html = String(decoding: try w.bytes(w.path("new/out/\(name)")), as: UTF8.self)
      #expect(html.contains("@page { size: A4"), "\(name)")
    }
    // No half-written folder is left beside it.
    let beside = try FileManager.default.contentsOfDirectory(atPath: w.path("new"))
    #expect(beside == ["out"])
    let english = try Sabaq.run([
      "solve", w.school, "--rounds", "2", "--no-mip", "--language", "en", "--output", w.path("en"),
    ])
    #expect(english.status == 0, "\(english.errors)")
    #expect(String(decoding: try w.bytes(w.path("en/teachers.txt")), as: UTF8.self).contains("Monday"))
  }

  @Test func versionIsPrinted() throws {
    let run = try Sabaq.run(["--version"])
    #expect(run.status == 0)
    #expect(
      run.output.trimmingCharacters(in: .whitespacesAndNewlines).range(
        of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil, "\(run.output)")
  }
}
