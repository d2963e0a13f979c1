import Foundation
import Store
import TestSupport
import Testing

/// A `sabaq` started apart, to be killed: its output and errors go to files.
final class RunningSabaq {
  let process = Process()
  let folder: URL
  private let ended = DispatchSemaphore(value: 0)

  init(_ arguments: [String], environment: [String: String]? = nil, folder workingFolder: String? = nil) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("sabaq-running-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for name in ["stdout", "stderr"] {
      _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: nil)
    }
    process.executableURL = Sabaq.executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let workingFolder { process.currentDirectoryURL = URL(fileURLWithPath: workingFolder) }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: folder.appendingPathComponent("stdout"))
    process.standardError = try FileHandle(forWritingTo: folder.appendingPathComponent("stderr"))
    process.terminationHandler = { [ended] _ in ended.signal() }
    try process.run()
  }

  var output: String {
    (try? String(contentsOf: folder.appendingPathComponent("stdout"), encoding: .utf8)) ?? ""
  }

  var errors: String {
    (try? String(contentsOf: folder.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
  }

  /// SIGKILL: no handler, no clean-up, as when a machine loses power under the process.
  func kill() { _ = Foundation.kill(process.processIdentifier, SIGKILL) }

  /// Waits for the end (killing it after `timeout` seconds); its exit status, or the signal's
  /// number for a killed child.
  @discardableResult
  func wait(timeout: Double = 120) -> Int32 {
    if ended.wait(timeout: .now() + timeout) == .timedOut {
      kill()
      ended.wait()
    }
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// Waits until its standard error holds `text` (or it ends, or `timeout` seconds pass).
  func waitFor(_ text: String, timeout: Double = 60) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if errors.contains(text) { return true }
      if !process.isRunning { return errors.contains(text) }
      Thread.sleep(forTimeInterval: 0.02)
    }
    return false
  }

  deinit {
    if process.isRunning { kill() }
    try? FileManager.default.removeItem(at: folder)
  }
}

/// What the store looks like after a writer was killed with SIGKILL at a random moment (as by a
/// power cut), and with two writers at once: a fresh process always finds a consistent store.
@Suite(.serialized) struct StoreCrashTests {
  @Test(arguments: TestDatabase.backends)
  func aKilledImportLeavesTheOldPlanOrTheNewOne(backend: TestDatabase.Backend) throws {
    let w = try StoreWorkspace(backend)
    let school = try w.schoolWithPlan()
    let rural = try w.bytes(StoreWorkspace.rural)
    let large = try w.bytes(StoreWorkspace.large)
    // Kills spread over an uninterrupted import's time and a half (from the start of the
    // process): before the transaction, during it, after it.
    var seconds: [String: Double] = [:]
    for file in [StoreWorkspace.large, StoreWorkspace.rural] {
      let started = Date()
      #expect(try w.sabaq(["org", "import", String(school), file]).status == 0)
      seconds[file] = Date().timeIntervalSince(started) * 1.5
    }
    func revision() throws -> Int? {
      try w.withStore { store, scope in try store.plans.years(try scope(school)).first?.revision }
    }
    var stored = rural
    var storedRevision = try revision()
    var outcomes: [Bool] = []
    for _ in 0..<8 {
      // Import whichever file is not stored, so that both outcomes are told apart.
      let (file, new) = stored == rural ? (StoreWorkspace.large, large) : (StoreWorkspace.rural, rural)
      let child = try RunningSabaq(w.arguments(["org", "import", String(school), file]))
      Thread.sleep(forTimeInterval: Double.random(in: 0...(seconds[file] ?? 0.5)))
      child.kill()
      let status = child.wait()
      let exported = try w.exported(school)
      #expect(exported == stored || exported == new, "after a kill (status \(status)) the plan is neither file")
      // The document and its revision were written together, or neither was.
      let committed = exported == new
      #expect(try revision() == storedRevision.map { $0 + (committed ? 1 : 0) })
      outcomes.append(committed)
      stored = exported
      storedRevision = try revision()
    }
    // The store still takes an import on its current revision.
    let last = try w.sabaq([
      "org", "import", String(school), StoreWorkspace.rural, "--revision", String(try revision() ?? -1),
    ])
    #expect(last.status == 0, "\(last.errors)")
    #expect(try w.exported(school) == rural)
    print(
      "killed imports: \(outcomes.filter { $0 }.count) of \(outcomes.count) had committed (kills within \(seconds.values.sorted()) s)"
    )
  }

  @Test(arguments: TestDatabase.backends)
  func aKilledSolveLeavesItsJobRunningWithALeaseThatRunsOutAndNoVersion(backend: TestDatabase.Backend) throws {
    let w = try StoreWorkspace(backend)
    let school = try w.schoolWithPlan()
    let lease = 3.0
    var killedJobs: [Int] = []
    for _ in 0..<2 {
      let child = try RunningSabaq(
        w.arguments(["solve", "--org", String(school), "--time-limit", "60", "--no-mip", "--lease", "3"]))
      try #require(child.waitFor("solve job "), "\(child.errors)")
      Thread.sleep(forTimeInterval: Double.random(in: 0...1))
      child.kill()
      #expect(child.wait() == SIGKILL)
      let killedAt = Date()
      let jobs = try w.withStore { store, scope in try store.jobs.list(try scope(school)) }
      let job = try #require(jobs.first)
      #expect(job.state == .running)
      let until = try #require(job.leaseUntil)
      #expect(until <= killedAt.addingTimeInterval(lease + 0.1), "the lease runs out \(lease) s after the last news")
      #expect(job.versionNumber == nil)
      killedJobs.append(job.id)
      #expect(try w.withStore { store, scope in try store.versions.list(try scope(school)) }.isEmpty, "no half version")
      if until > Date().addingTimeInterval(0.5) {
        // While the lease runs, the organisation's solves wait for it.
        let refused = try w.sabaq(["solve", "--org", String(school), "--first-feasible", "--no-mip"])
        #expect(refused.status == 3, "\(refused.errors)")
        #expect(refused.errors.contains("another solve of organisation \(school) is running"), "\(refused.errors)")
      }
      // Once it has run out, the next solve ends the dead job and runs.
      Thread.sleep(forTimeInterval: max(0, until.timeIntervalSinceNow) + 0.2)
    }
    let next = try w.sabaq(["solve", "--org", String(school), "--first-feasible", "--no-mip"])
    #expect(next.status == 0, "\(next.errors)")
    #expect(next.output.trimmed == "1")
    let jobs = try w.withStore { store, scope in try store.jobs.list(try scope(school)) }
    for id in killedJobs {
      let job = try #require(jobs.first { $0.id == id })
      #expect(job.state == .failed)
      #expect(job.error?.contains("lease ran out") == true, "\(job.error ?? "")")
    }
    #expect(jobs.filter { $0.state == .running }.isEmpty)
    #expect(jobs.first?.state == .finished && jobs.first?.versionNumber == 1)
  }

  @Test(arguments: TestDatabase.backends)
  func anInterruptedSolveEndsItsJobCancelledWithNoVersion(backend: TestDatabase.Backend) throws {
    let w = try StoreWorkspace(backend)
    let school = try w.schoolWithPlan()
    let child = try RunningSabaq(w.arguments(["solve", "--org", String(school), "--time-limit", "60", "--no-mip"]))
    try #require(child.waitFor("solve job "), "\(child.errors)")
    Thread.sleep(forTimeInterval: 0.3)
    _ = Foundation.kill(child.process.processIdentifier, SIGINT)
    #expect(child.wait(timeout: 30) == 130, "\(child.errors)")
    #expect(child.errors.contains("interrupted (SIGINT): ended as cancelled, no version stored"), "\(child.errors)")
    let jobs = try w.withStore { store, scope in try store.jobs.list(try scope(school)) }
    #expect(jobs.map(\.state) == [.cancelled])
    #expect(try w.withStore { store, scope in try store.versions.list(try scope(school)) }.isEmpty)
    // Nothing waits for a lease: the next solve runs at once.
    let next = try w.sabaq(["solve", "--org", String(school), "--first-feasible", "--no-mip"])
    #expect(next.status == 0, "\(next.errors)")
  }

  @Test(arguments: TestDatabase.backends)
  func aKilledPublishNeverLosesOrDoublesThePublishedVersion(backend: TestDatabase.Backend) throws {
    let w = try StoreWorkspace(backend)
    let school = String(try w.schoolWithPlan())
    let drafts = 6
    for seed in 1...drafts {
      let run = try w.sabaq(["solve", "--org", school, "--first-feasible", "--no-mip", "--seed", String(seed)])
      try #require(run.status == 0, "\(run.errors)")
    }
    let started = Date()
    #expect(try w.sabaq(["timetable", "publish", "--org", school, "1"]).status == 0)
    let span = Date().timeIntervalSince(started) * 1.5
    var published = 1
    var everPublished: Set<Int> = [1]
    for number in 2...drafts {
      let child = try RunningSabaq(w.arguments(["timetable", "publish", "--org", school, String(number)]))
      Thread.sleep(forTimeInterval: Double.random(in: 0...span))
      child.kill()
      let status = child.wait()
      let versions = try w.withStore { store, scope in try store.versions.list(try scope(Int(school)!)) }
      let now = versions.filter { $0.state == .published }.map(\.number)
      #expect(now.count == 1, "after a kill (status \(status)) the published versions are \(now)")
      #expect(now == [published] || now == [number], "published \(now) after publishing \(number) over \(published)")
      if now == [number] { everPublished.insert(number) }
      for version in versions where version.number != now.first {
        // The versions published before are superseded; the others are still drafts.
        #expect(version.state == (everPublished.contains(version.number) ? .superseded : .draft), "\(version)")
      }
      published = now.first ?? published
    }
    print("killed publishes: \(everPublished.count - 1) of \(drafts - 1) had committed (kills within \(span) s)")
  }

  @Test(arguments: TestDatabase.backends)
  func twoImportsOnTheSameRevisionOneWinsTheOtherIsAConflict(backend: TestDatabase.Backend) throws {
    let w = try StoreWorkspace(backend)
    let school = try w.schoolWithPlan()
    for round in 1...3 {
      let files = [StoreWorkspace.large, StoreWorkspace.gymnasium]
      let children = try files.map {
        try RunningSabaq(w.arguments(["org", "import", String(school), $0, "--revision", String(round)]))
      }
      let statuses = children.map { $0.wait() }
      #expect(statuses.sorted() == [0, 3], "\(statuses): \(children.map(\.errors))")
      guard let winner = statuses.firstIndex(of: 0), let loser = statuses.firstIndex(of: 3) else { continue }
      #expect(
        children[loser].errors.contains("conflict: the plan of 2025-2026 is at revision \(round + 1)"),
        "\(children[loser].errors)")
      #expect(try w.exported(school) == w.bytes(files[winner]))
    }
  }
}
