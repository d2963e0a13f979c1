import Foundation
import Store
import TestSupport
import Testing
import Timetabling

/// Three `sabaq worker` processes over one store, one of them killed with SIGKILL while it
/// solves: its job is taken again once its lease runs out, and every job is finished exactly once.
@Suite(.serialized) struct WorkerKillTests {
  @Test(arguments: TestDatabase.backends)
  func aKilledWorkersJobIsFinishedByAnotherAndEveryJobOnce(backend: TestDatabase.Backend) throws {
    let w = try StoreWorkspace(backend)
    let started = Date()
    // Ten schools, each with the rural school's plan and a job of about two seconds.
    var options = TimetablingOptions()
    options.timeLimit = 2
    options.useMIP = false
    let jobs = try w.withStore { store, scope -> [(school: Int, job: Int)] in
      let op = Actor.operator("test")
      let district = try store.organisations.createRoot(name: "District", kind: .district, country: "KZ", actor: op)
      return try (1...10).map { n in
        let school = try store.organisations.create(
          under: try scope(district.id), name: "Мектеп № \(n)", kind: .school)
        _ = try store.plans.importFile(try scope(school.id), path: StoreWorkspace.rural)
        let job = try store.jobs.enqueue(try scope(school.id), request: SolveRequest(options: options))
        return (school.id, job.id)
      }
    }
    let names = ["alpha", "bravo", "charlie"]
    let workers = try names.map { name in
      try RunningSabaq(w.arguments(["worker", "--name", name, "--lease", "3", "--poll", "0.2"]))
    }
    let victim = 1
    let store = try Store(url: w.database)
    defer { store.close() }
    let op = Actor.operator("test")
    func allJobs() throws -> [SolveJob] {
      try jobs.map { try store.jobs.job(try store.scope($0.school, actor: op), id: $0.job) }
    }
    // Kill bravo while it holds a job.
    let deadline = Date().addingTimeInterval(40)
    while Date() < deadline,
      try !allJobs().contains(where: { $0.state == .running && $0.leaseOwner == names[victim] })
    {
      Thread.sleep(forTimeInterval: 0.05)
    }
    workers[victim].kill()
    #expect(workers[victim].wait() == SIGKILL)
    let orphan = try #require(
      try allJobs().first { $0.state == .running && $0.leaseOwner == names[victim] },
      "bravo held no job when killed: \(workers[victim].errors)")

    // The others finish everything, the orphan once its lease has run out.
    var finished: [SolveJob] = []
    while Date() < started.addingTimeInterval(90) {
      finished = try allJobs()
      if finished.allSatisfy({ $0.state == .finished }) { break }
      Thread.sleep(forTimeInterval: 0.2)
    }
    for (i, worker) in workers.enumerated() where i != victim {
      _ = Foundation.kill(worker.process.processIdentifier, SIGTERM)
      #expect(worker.wait(timeout: 30) == 0, "\(names[i]): \(worker.errors)")
    }
    #expect(finished.map(\.state) == Array(repeating: .finished, count: 10), "\(finished.map(\.state))")
    #expect(finished.allSatisfy { $0.versionNumber == 1 }, "\(finished.map(\.versionNumber))")
    let retaken = try #require(finished.first { $0.id == orphan.id })
    #expect(retaken.attempts >= 2, "the killed worker's job was taken again")
    #expect(retaken.leaseOwner == nil)
    // One version per school: no job stored twice.
    let versions = try w.withStore { store, scope in
      try jobs.map { try store.versions.list(try scope($0.school)).count }
    }
    #expect(versions == Array(repeating: 1, count: 10))
    // Each job is printed finished by exactly one worker.
    let lines = workers.flatMap { $0.output.split(separator: "\n").map(String.init) }
    let finishedLines = lines.filter { $0.contains(" finished version ") }
    #expect(finishedLines.count == 10, "\(lines)")
    #expect(Set(finishedLines.compactMap { $0.split(separator: " ").dropFirst().first }).count == 10, "\(lines)")
    #expect(!workers[0].output.isEmpty && !workers[2].output.isEmpty, "both survivors ran jobs")
    print(
      "10 jobs by 3 workers, one killed (job \(orphan.id), \(retaken.attempts) attempts), in \(Date().timeIntervalSince(started)) s"
    )
  }

  @Test(arguments: TestDatabase.backends)
  func sigtermPutsTheRunningJobBackAndOnceRunsOneJob(backend: TestDatabase.Backend) throws {
    let w = try StoreWorkspace(backend)
    let school = try w.schoolWithPlan()
    let empty = try w.sabaq(["worker", "--once"])
    #expect(empty.status == 0, "\(empty.errors)")
    #expect(empty.output.isEmpty && empty.errors.contains("no solve job waiting"), "\(empty.errors)")
    var options = TimetablingOptions()
    options.timeLimit = 3
    options.useMIP = false
    let job = try w.withStore { store, scope in
      try store.jobs.enqueue(try scope(school), request: SolveRequest(options: options))
    }
    let worker = try RunningSabaq(w.arguments(["worker", "--name", "delta", "--lease", "3"]))
    let store = try Store(url: w.database)
    defer { store.close() }
    let scope = try store.scope(school, actor: .operator("test"))
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline, try store.jobs.job(scope, id: job.id).leaseOwner != "delta" {
      Thread.sleep(forTimeInterval: 0.05)
    }
    _ = Foundation.kill(worker.process.processIdentifier, SIGTERM)
    #expect(worker.wait(timeout: 30) == 0, "\(worker.errors)")
    #expect(worker.output == "job \(job.id) organisation \(school) released\n", "\(worker.output)")
    let released = try store.jobs.job(scope, id: job.id)
    #expect(released.state == .queued && released.leaseOwner == nil && released.attempts == 0)
    #expect(try store.versions.list(scope).isEmpty)

    let once = try w.sabaq(["worker", "--once", "--name", "echo"])
    #expect(once.status == 0, "\(once.errors)")
    #expect(once.output == "job \(job.id) organisation \(school) finished version 1\n", "\(once.output)")
    #expect(try store.jobs.job(scope, id: job.id).state == .finished)
  }
}
