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
  /// the machine's speed: with it the same input and seed always give the same timetable, as long
  /// as the time limit is not reached first.
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
    mipTimeLimit: Double = 2, progress: (@Sendable (SolveProgress) -> Void)? = nil, cancellation: CancellationFlag? = nil,
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
  public static func solve(_ problem: TimetableProblem, settings: SolveSettings = SolveSettings()) throws -> SolveResult {
    // A re-solve stays close to one previous timetable: one search.
    guard settings.workers > 1, settings.previous == nil else { return try search(problem, settings: settings) }
    return try race(problem, settings: settings)
  }

  /// Independent searches from different seeds at once; the best result, or with
  /// `stopWhenFeasible` the first without hard violations.
  private static func race(_ problem: TimetableProblem, settings: SolveSettings) throws -> SolveResult {
    let count = settings.workers
    let stopAll = CancellationFlag(parent: settings.cancellation)
    let results = Results(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { k in
      var own = settings
      own.seed = settings.seed &+ UInt64(k) &* 1_000_003
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
    return (result.hardViolations, strong == nil ? 1 : 0, strong ?? result.secondsToFeasible ?? .infinity, result.softCost)
  }

  /// The workers' results, written from their threads.
  private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Result<SolveResult, Error>?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ value: Result<SolveResult, Error>) { lock.withLock { values[k] = value } }
    var all: [Result<SolveResult, Error>?] { lock.withLock { values } }
  }

  /// One search from one seed.
  private static func search(_ problem: TimetableProblem, settings: SolveSettings) throws -> SolveResult {
    let clock = Date()
    func elapsed() -> Double { Date().timeIntervalSince(clock) }
    let lockMap = Dictionary(settings.locks.map { ($0.lesson, $0) }, uniquingKeysWith: { a, _ in a })
    for lock in settings.locks where problem.lesson(lock.lesson) == nil {
      throw SolverError.invalidTimetable("the locked lesson \(lock.lesson) is not in the demand")
    }
    let parameters = settings.parameters
    let model = try TimetableModel(problem: problem, locks: lockMap, parameters: parameters)
    let state = SearchState(model: model)
    let deadline = settings.timeLimit
    func stop() -> Bool { elapsed() >= deadline || settings.cancellation?.isCancelled == true }
    var firstFeasible: Double?
    var firstStrong: Double?
    /// Whether the current state keeps every strong soft rule.
    func strongFeasible() -> Bool {
      guard let weight = settings.strongSoftWeight else { return true }
      return state.strongSoftViolations(minimumWeight: weight) == 0
    }
    func report(_ phase: String) {
      if state.cost.hard == 0, firstFeasible == nil { firstFeasible = elapsed() }
      if state.cost.hard == 0, firstStrong == nil, strongFeasible() { firstStrong = elapsed() }
      settings.progress?(
        SolveProgress(
          phase: phase, placedLessons: model.lessonIDs.count - state.unplaced, totalLessons: model.lessonIDs.count,
          hardViolations: state.cost.hard, softCost: state.cost.soft, elapsed: elapsed()))
    }

    // Locked lessons first, then the previous timetable's places where they are still allowed.
    for b in model.blockLessons.indices where model.locked[b] {
      state.place(b, at: Int(model.domain[b][0]))
    }
    if let previous = settings.previous {
      let dayIndex = Dictionary(problem.days.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
      var previousStart = Array(repeating: Int32(-1), count: model.blockLessons.count)
      for placement in previous.placements {
        guard let l = model.lessonIndex[placement.lesson], let d = dayIndex[placement.day] else { continue }
        let b = Int(model.blockOf[l])
        let slot = d * model.periods + placement.period - 1
        guard placement.period >= 1, placement.period <= model.periods else { continue }
        previousStart[b] = Int32(slot)
        if !state.isPlaced(b), model.allowed[b][slot], state.conflictingBlocks(b, at: slot).isEmpty {
          state.place(b, at: slot)
        }
      }
      state.setPrevious(previousStart, weight: settings.perturbationWeight)
    }
    var construction = Construction(
      state: state, random: SeededGenerator(seed: settings.seed), shouldStop: stop, parameters: parameters)
    construction.run()
    report("construction")

    var search = LocalSearch(state: state, seed: settings.seed &+ 1, parameters: parameters, logger: settings.logger)
    var neighbourhoods = NeighbourhoodSearch(
      state: state, seed: settings.seed &+ 2, timeLimit: settings.mipTimeLimit, parameters: parameters, logger: settings.logger)
    var rounds = 0
    var stale = 0
    var mipSeconds = 0.0
    let annealing = parameters.annealing
    let glpk = parameters.neighbourhoods
    let restartAfter = parameters.rounds.restartAfter
    var best = state.snapshot()
    /// The best over every restart.
    var overall = best
    var restarts = 0
    var hardStale = 0
    var repairMisses = 0
    let blocks = model.blockLessons.count
    while !stop() {
      if let maxRounds = settings.maxRounds, rounds >= maxRounds { break }
      if settings.stopWhenFeasible, best.cost.hard == 0, strongFeasible() { break }
      rounds += 1
      let feasible = state.cost.hard == 0
      if feasible { state.clearBreakoutWeights() }
      search.best = state.snapshot()
      // A re-solve keeps its temperature below the price of moving a lesson, so that lessons stay.
      let calm = settings.previous != nil
      if feasible {
        search.hardWeight = annealing.optimisingHardWeight
        search.anneal(
          steps: blocks * annealing.optimisingStepsPerBlock,
          startTemperature: calm ? annealing.calmOptimisingStartTemperature : annealing.optimisingStartTemperature,
          endTemperature: annealing.optimisingEndTemperature, stop: stop)
      } else {
        search.hardWeight = annealing.repairHardWeight
        search.anneal(
          steps: blocks * annealing.repairStepsPerBlock,
          startTemperature: calm ? Double(settings.perturbationWeight) : annealing.repairStartTemperature,
          endTemperature: calm ? annealing.calmRepairEndTemperature : annealing.repairEndTemperature, stop: stop)
      }
      if search.best.cost < state.cost { state.restore(search.best) }
      // Room clashes that other rooms resolve are not the search's to resolve by moving lessons.
      if settings.useMIP, state.cost.hard > 0, !stop() {
        RoomAssignment(state: state, parameters: parameters, logger: settings.logger).improve(timeLimit: settings.mipTimeLimit)
      }
      report(feasible ? "optimising" : "repairing")
      // GLPK gets about a third of the time: every round while it pays, and whenever the
      // annealing has stalled.
      // While repairing, GLPK's neighbourhoods rarely remove violations of rules on whole weeks:
      // after two misses they get every fifth round only, until one or two violations are left.
      // GLPK's share: half the time the search has spent outside it.
      let glpkShare = glpk.timeShare * (elapsed() - mipSeconds)
      if settings.useMIP, !stop(), best.cost.hard + best.cost.soft > 0,
        mipSeconds <= glpkShare || stale >= glpk.staleRounds,
        feasible || repairMisses < glpk.repairMisses || rounds % glpk.missedEvery == 0 || state.cost.hard <= glpk.fewHardLeft
      {
        let started = Date()
        let hardBefore = state.cost.hard
        // One neighbourhood may not take more than that share either: in the first second a 2 s
        // solve would triple the time to a first timetable. (Not under `maxRounds`, whose result
        // must not depend on the machine's speed.)
        let cap = settings.maxRounds == nil ? max(glpk.leastSeconds, glpkShare) : .infinity
        neighbourhoods.improve(stop: stop, remaining: min(deadline - elapsed(), cap))
        mipSeconds += Date().timeIntervalSince(started)
        if !feasible { repairMisses = state.cost.hard < hardBefore ? 0 : repairMisses + 1 }
        report("fix-and-optimize")
      }
      hardStale = state.cost.hard < best.cost.hard ? 0 : hardStale + 1
      if state.cost < best.cost {
        best = state.snapshot()
        stale = 0
      } else {
        stale += 1
        state.restore(best)
      }
      if best.cost < overall.cost { overall = best }
      // Stuck on the same hard violations: kick the best timetable, or start again from a new
      // construction (a re-solve keeps its previous timetable instead).
      if best.cost.hard > 0, hardStale >= restartAfter, settings.previous == nil, !stop() {
        restarts += 1
        hardStale = 0
        state.clearBreakoutWeights()
        stale = 0
        if restarts % 2 == 0 {
          for b in 0..<blocks where !model.locked[b] && state.isPlaced(b) { state.remove(b) }
          var again = Construction(
            state: state, random: SeededGenerator(seed: settings.seed &+ 1000 &* UInt64(restarts)), shouldStop: stop,
            parameters: parameters)
          again.run()
        } else {
          // Every other restart keeps the best timetable so far and kicks it: random exchanges
          // of a fortieth of the lessons.
          state.restore(overall)
          search.kick(max(parameters.rounds.kickLeast, blocks / parameters.rounds.kickDivisor))
        }
        best = state.snapshot()
        report("restart \(restarts)")
      }
      if best.cost.hard == 0 && firstFeasible == nil { firstFeasible = elapsed() }
      if state.cost.hard == 0, firstStrong == nil, strongFeasible() { firstStrong = elapsed() }
      // Nothing left to gain, or no progress for long: the search ends by its own rule.
      if best.cost.hard == 0 && (best.cost.soft == 0 || stale >= parameters.rounds.staleLimit) { break }
    }
    if best.cost > overall.cost { best = overall }
    if state.cost > best.cost { state.restore(best) }
    RoomMatching(state: state).repair()
    if settings.useMIP, state.cost.hard > 0 {
      RoomAssignment(state: state, parameters: parameters, logger: settings.logger).improve(timeLimit: settings.mipTimeLimit)
    }
    report("done")
    let timetable = TimetableWriter.timetable(from: state, problem: problem, locks: lockMap)
    let unplaced = (0..<model.blockLessons.count).filter { !state.isPlaced($0) }.flatMap { model.blockLessons[$0] }.map {
      model.lessonIDs[Int($0)]
    }
    return SolveResult(
      timetable: timetable, hardViolations: state.cost.hard, softCost: state.cost.soft, unplacedLessons: unplaced,
      secondsToFeasible: state.cost.hard == 0 ? (firstFeasible ?? elapsed()) : nil,
      secondsToStrongFeasible: state.cost.hard == 0 && strongFeasible() ? (firstStrong ?? elapsed()) : nil, elapsed: elapsed(),
      movedLessons: settings.previous == nil ? nil : state.movedFromPrevious, rounds: rounds,
      mipNeighbourhoods: neighbourhoods.solved, mipImprovements: neighbourhoods.improved,
      diagnosis: unplaced.isEmpty && state.cost.hard == 0 ? [] : Diagnosis.afterSolve(state: state))
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
