// The solver's entry: what a solve is asked (SolveSettings), how it goes (SolveProgress), what it
// returns (SolveResult), TimetableSolver (one search, or a race of several), and TimetableWriter.
import Foundation
import Logging
import Planner

/// What a solve is asked to do.
public struct SolveSettings: Sendable {
  /// Wall-clock seconds the solve may take.
  public var timeLimit: Double
  public var seed: UInt64
  /// Placements that must stay exactly where they are.
  public var locks: [Placement]
  /// A published timetable to stay close to (partial re-solve): lessons keep their places where
  /// they can, and every lesson that moves costs `perturbationWeight`.
  public var previous: Timetable?
  public var perturbationWeight: Int
  /// Stop as soon as a timetable with no hard violation is found.
  public var stopWhenFeasible: Bool
  /// Soft rules of at least this weight count as needed for `stopWhenFeasible` (and for
  /// `secondsToStrongFeasible`): a FET weight of 95% (soft weight 19) is one FET itself mostly
  /// keeps, though not always (fet-cl's own timetables break a few, and it confirms locked
  /// timetables that break some).
  public var strongSoftWeight: Int?
  /// A limit on the search's work (rounds of improvement) that makes the result independent of
  /// the machine's speed without GLPK (`useMIP` false): with it the same input and seed always
  /// give the same timetable, as long as the time limit is not reached first. With GLPK, its time
  /// limit on one neighbourhood (`mipTimeLimit`) and its share of the time can still end a
  /// sub-problem at another point on a slower or busier machine (seen on two of the eight FET
  /// development files).
  public var maxRounds: Int?
  /// Whether GLPK re-solves neighbourhoods (fix-and-optimize); on by default.
  public var useMIP: Bool
  /// Seconds GLPK may spend on one neighbourhood.
  public var mipTimeLimit: Double
  public var progress: (@Sendable (SolveProgress) -> Void)?
  public var cancellation: CancellationFlag?
  /// Independent searches run at once, on as many cores (more than the cores wait for a free
  /// one), each from its own seed (the first from `seed`); the best result wins, and with
  /// `stopWhenFeasible` the first to end with no hard violation (and keeping the strong soft
  /// rules, when `strongSoftWeight` is set) stops the others. One by default: a single search is
  /// deterministic for its seed, a race is not.
  public var workers: Int
  /// The search's tuning; the defaults are the tuned values.
  public var parameters: SearchParameters
  /// Where the search's debug lines go (the rates of its moves, each GLPK neighbourhood and room
  /// assignment), at debug level; nil: nowhere.
  public var logger: Logger?

  public init(
    timeLimit: Double = 60, seed: UInt64 = 1, locks: [Placement] = [], previous: Timetable? = nil,
    perturbationWeight: Int = 50, stopWhenFeasible: Bool = false, maxRounds: Int? = nil, useMIP: Bool = true,
    mipTimeLimit: Double = 2, progress: (@Sendable (SolveProgress) -> Void)? = nil,
    cancellation: CancellationFlag? = nil,
    parameters: SearchParameters = SearchParameters(), logger: Logger? = nil
  ) {
    self.timeLimit = timeLimit
    self.seed = seed
    self.locks = locks
    self.previous = previous
    self.perturbationWeight = perturbationWeight
    self.stopWhenFeasible = stopWhenFeasible
    self.strongSoftWeight = nil
    self.maxRounds = maxRounds
    self.useMIP = useMIP
    self.mipTimeLimit = mipTimeLimit
    self.progress = progress
    self.cancellation = cancellation
    self.workers = 1
    self.parameters = parameters
    self.logger = logger
  }
}

/// How a solve is going.
public struct SolveProgress: Sendable, CustomStringConvertible {
  public var phase: String
  public var placedLessons: Int
  public var totalLessons: Int
  public var hardViolations: Int
  public var softCost: Int
  public var elapsed: Double

  public var description: String {
    "\(String(format: "%6.1f", elapsed)) s  \(phase): \(placedLessons)/\(totalLessons) lessons placed, \(hardViolations) hard violations, soft cost \(softCost)"
  }
}

/// The result of a solve.
public struct SolveResult: Sendable {
  public var timetable: Timetable
  /// Hard violations and soft cost as the solver's own model counts them; judge the timetable
  /// with the Checker, which counts independently.
  public var hardViolations: Int
  public var softCost: Int
  public var unplacedLessons: [String]
  /// Seconds until the first timetable with no hard violation, if one was found.
  public var secondsToFeasible: Double?
  /// Seconds until the first one that also keeps every strong soft rule (see `strongSoftWeight`).
  public var secondsToStrongFeasible: Double?
  public var elapsed: Double
  /// Lessons placed elsewhere than in the previous timetable (partial re-solve).
  public var movedLessons: Int?
  public var rounds: Int
  public var mipNeighbourhoods: Int
  public var mipImprovements: Int
  public var diagnosis: [String]
}

/// Builds the weekly timetable of a problem: a constructive start, simulated annealing over
/// moves, swaps and Kempe chains, and fix-and-optimize rounds in which GLPK re-solves a
/// neighbourhood (a few classes, a pair of days or a few teachers) as a MIP with everything else
/// fixed; rooms are then matched slot by slot. A search stuck on the same hard violations starts
/// again, alternately from a kicked copy of its best timetable and from a new construction.
/// `SolveSettings.workers` races several such searches from different seeds on as many cores.
/// Deterministic for the same problem, settings and seed when the search ends by its own rules
/// (or `maxRounds`) rather than by the time limit, and when it is one search.
public enum TimetableSolver {
  public static func solve(_ problem: TimetableProblem, settings: SolveSettings = SolveSettings()) throws -> SolveResult
  {
    let problems = settings.parameters.problems
    guard problems.isEmpty else { throw SolverError.invalidSettings(problems.joined(separator: "; ")) }
    // A re-solve stays close to one previous timetable: one search.
    guard settings.workers > 1, settings.previous == nil else { return try search(problem, settings: settings) }
    return try race(problem, settings: settings)
  }

  /// The seeds of the searches a solve runs: `seed` for the first, and 1000003 more for each
  /// further one of a race (a re-solve runs one).
  public static func seeds(for settings: SolveSettings) -> [UInt64] {
    let count = settings.previous == nil ? max(1, settings.workers) : 1
    return (0..<count).map { settings.seed &+ UInt64($0) &* 1_000_003 }
  }

  /// Independent searches from different seeds at once; the best result, or with
  /// `stopWhenFeasible` the first without hard violations.
  private static func race(_ problem: TimetableProblem, settings: SolveSettings) throws -> SolveResult {
    let count = settings.workers
    let stopAll = CancellationFlag(parent: settings.cancellation)
    let results = Results(count: count)
    // The time limit is wall clock for the whole race: a search that waits for a free core gets
    // what is left of it, and one that would start after the limit does not start.
    let started = Date()
    DispatchQueue.concurrentPerform(iterations: count) { k in
      let left = settings.timeLimit - Date().timeIntervalSince(started)
      guard k == 0 || left > 0 else { return }
      var own = settings
      own.timeLimit = max(left, 0)
      own.seed = seeds(for: settings)[k]
      own.cancellation = stopAll
      if let progress = settings.progress {
        own.progress = { report in
          var tagged = report
          tagged.phase = "search \(k + 1): \(report.phase)"
          progress(tagged)
        }
      }
      let result = Result { try search(problem, settings: own) }
      if settings.stopWhenFeasible, case .success(let found) = result, found.hardViolations == 0,
        settings.strongSoftWeight == nil || found.secondsToStrongFeasible != nil
      {
        stopAll.cancel()
      }
      results.set(k, result)
    }
    let outcomes = results.all
    let finished = outcomes.compactMap { try? $0?.get() }
    guard var winner = finished.min(by: { rank($0, settings) < rank($1, settings) }) else {
      // Every search failed alike (the input is the same): its error.
      for case .failure(let error)? in outcomes { throw error }
      preconditionFailure("every search of a race returns or throws")
    }
    // When the race first had such a timetable, whichever search found it.
    winner.elapsed = finished.map(\.elapsed).max() ?? winner.elapsed
    winner.secondsToFeasible = finished.compactMap(\.secondsToFeasible).min()
    winner.secondsToStrongFeasible = finished.compactMap(\.secondsToStrongFeasible).min()
    return winner
  }

  /// Fewer hard violations first; then, racing for a first timetable, one that keeps the strong
  /// soft rules and the earlier one; else the lower soft cost.
  private static func rank(_ result: SolveResult, _ settings: SolveSettings) -> (Int, Int, Double, Int) {
    guard settings.stopWhenFeasible else { return (result.hardViolations, 0, 0, result.softCost) }
    let strong = result.secondsToStrongFeasible
    return (
      result.hardViolations, strong == nil ? 1 : 0, strong ?? result.secondsToFeasible ?? .infinity, result.softCost
    )
  }

  /// The workers' results, written from their threads.
  private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Result<SolveResult, Error>?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ value: Result<SolveResult, Error>) { lock.withLock { values[k] = value } }
    var all: [Result<SolveResult, Error>?] { lock.withLock { values } }
  }

  /// One search from one seed (see `SearchRun`).
  private static func search(_ problem: TimetableProblem, settings: SolveSettings) throws -> SolveResult {
    try SearchRun(problem, settings: settings).run()
  }
}

/// Turns the search state into a `Timetable`.
enum TimetableWriter {
  static func timetable(from state: SearchState, problem: TimetableProblem, locks: [String: Placement]) -> Timetable {
    let model = state.model
    let base = model.teacherCount + model.unitCount
    var placements: [Placement] = []
    for (b, members) in model.blockLessons.enumerated() {
      let slot = Int(state.start[b])
      guard slot >= 0 else { continue }
      for l in members {
        let lesson = Int(l)
        let rooms = model.roomLayout[lesson].map { entry -> RoomID in
          let room = entry >= 0 ? Int(entry) : Int(state.chosenRooms[lesson][Int(-1 - entry)])
          return room < base ? "" : problem.rooms[room - base].id  // "": an optional room gone without
        }
        let id = model.lessonIDs[lesson]
        placements.append(
          Placement(
            lesson: id, day: problem.days[slot / model.periods], period: slot % model.periods + 1, rooms: rooms,
            locked: locks[id] != nil ? true : nil))
      }
    }
    let order = model.lessonIndex
    placements.sort { order[$0.lesson]! < order[$1.lesson]! }
    return Timetable(organisation: problem.organisation, period: problem.period, placements: placements)
  }
}
