// The store's benchmark: a generated district imported, then the reads a page makes.
import Foundation
import Planner
import SampleSchools
import Store
import Timetabling

/// Imports a generated district (each school's plan, a draft timetable version, published), then
/// times what pages do: reading one teacher's published week (the organisation's scope and the
/// indexed rows of that teacher) and loading a school's whole plan.
///
/// The timetables are not solved (200 solves would take hours): each lesson is placed at the
/// next day and period in turn, which gives the rows a solved timetable has (one per lesson and
/// teacher, class and room), and that is all the reads depend on.
public enum StoreBench {
  public static func run(database url: String, schools: Int, seed: UInt64, reads: Int) throws -> BenchTable {
    let store = try Store(url: url)
    defer { store.close() }
    let op = Actor.operator("bench")
    var table = BenchTable(
      bench: "store", header: ["Measure", "Count", "p50 ms", "p99 ms", "Mean ms", "Total s"], textColumns: 1)

    let region = try store.organisations.createRoot(name: "Bench region \(Date())", kind: .region, actor: op)
    let district = try store.organisations.create(
      under: try store.scope(region.id, actor: op), name: "Bench district", kind: .district)
    let districtScope = try store.scope(district.id, actor: op)
    var imports: [Double] = []
    var drafts: [Double] = []
    var teachers: [(school: Int, teacher: String)] = []
    var ids: [Int] = []
    for organisation in SampleSchools.district(schools: schools, seed: seed) {
      let school = try store.organisations.create(under: districtScope, name: organisation.name, kind: .school)
      let scope = try store.scope(school.id, actor: op)
      var start = Date()
      let plan = try store.plans.store(scope, organisation)
      imports.append(Date().timeIntervalSince(start))
      let problem = try Timetabling.demand(for: TimetablingInput(organisation: organisation))
      let result = Timetabling.judge(roundRobin(problem), demand: problem)
      start = Date()
      _ = try store.versions.createDraft(scope, result: result, plan: plan, lessons: problem.lessons)
      try store.versions.publish(scope)
      drafts.append(Date().timeIntervalSince(start))
      teachers += organisation.teachers.map { (school.id, $0.id) }
      ids.append(school.id)
    }
    table.rows.append(row("import a school's plan", imports))
    table.rows.append(row("store and publish a version", drafts))

    var rng = SplitMix64(seed: seed)
    var weeks: [Double] = []
    var lessons = 0
    for _ in 0..<reads {
      let (school, teacher) = teachers[Int.random(in: 0..<teachers.count, using: &rng)]
      let start = Date()
      let scope = try store.scope(school, actor: op)
      lessons += try store.versions.week(scope, of: .teacher(teacher)).count
      weeks.append(Date().timeIntervalSince(start))
    }
    table.rows.append(row("read a teacher's published week", weeks))
    var plans: [Double] = []
    for _ in 0..<max(10, reads / 10) {
      let school = ids[Int.random(in: 0..<ids.count, using: &rng)]
      let start = Date()
      _ = try store.plans.plan(try store.scope(school, actor: op))
      plans.append(Date().timeIntervalSince(start))
    }
    table.rows.append(row("load a school's plan", plans))
    let backend = url.hasPrefix("postgres") ? "PostgreSQL" : "SQLite"
    table.notes = [
      "\(backend); \(ids.count) schools, \(teachers.count) teachers; \(lessons / max(reads, 1)) lessons in a week read on average."
    ]
    return table
  }

  private static func row(_ name: String, _ seconds: [Double]) -> [String] {
    let sorted = seconds.sorted()
    func at(_ q: Double) -> Double {
      sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))]
    }
    let total = seconds.reduce(0, +)
    return [
      name, String(seconds.count), Figures.ms(at(0.5)), Figures.ms(at(0.99)),
      Figures.ms(total / Double(max(seconds.count, 1))),
      String(format: "%.1f", total),
    ]
  }

  /// Each lesson at the next day and period in turn, in the first room it may use.
  private static func roundRobin(_ problem: TimetableProblem) -> Timetable {
    let slots = max(1, problem.days.count * max(1, problem.periodsPerDay))
    let placements = problem.lessons.enumerated().map { i, lesson in
      let slot = i % slots
      return Placement(
        lesson: lesson.id, day: problem.days[slot % problem.days.count], period: 1 + slot / problem.days.count,
        rooms: lesson.rooms.compactMap { $0.allowed.first })
    }
    return Timetable(organisation: problem.organisation, period: problem.period, placements: placements)
  }
}
