// One search from one seed (what `TimetableSolver` runs, once or in a race): the state of its
// loop of rounds, and one method per step of a round.
import Foundation
import Logging
import Planner

/// One search from one seed: locked lessons and the previous timetable's places, a construction,
/// then rounds of annealing, room assignment and GLPK neighbourhoods, with a restart when stuck on
/// the same hard violations, until the time limit, `maxRounds`, a cancellation or its own rule
/// (nothing left to gain, or no progress for long) ends it.
final class SearchRun {
  let problem: TimetableProblem
  let settings: SolveSettings
  let parameters: SearchParameters
  let lockMap: [String: Placement]
  let model: TimetableModel
  let state: SearchState
  private let clock = Date()
  private var search: LocalSearch
  private var neighbourhoods: NeighbourhoodSearch
  /// Seconds to the first timetable without hard violations, and to the first that also keeps
  /// the strong soft rules.
  private var firstFeasible: Double?
  private var firstStrong: Double?
  private var rounds = 0
  /// Rounds without a better timetable.
  private var stale = 0
  /// Seconds spent in GLPK's neighbourhoods.
  private var mipSeconds = 0.0
  /// The best timetable since the last restart.
  private var best: SearchState.Snapshot
  /// The best over every restart.
  private var overall: SearchState.Snapshot
  private var restarts = 0
  /// Rounds without fewer hard violations.
  private var hardStale = 0
  /// GLPK neighbourhoods in a row that removed no hard violation, while repairing.
  private var repairMisses = 0
  private var blocks: Int { model.blockLessons.count }

  init(_ problem: TimetableProblem, settings: SolveSettings) throws {
    self.problem = problem
    self.settings = settings
    parameters = settings.parameters
    lockMap = Dictionary(settings.locks.map { ($0.lesson, $0) }, uniquingKeysWith: { a, _ in a })
    for lock in settings.locks where problem.lesson(lock.lesson) == nil {
      throw SolverError.invalidTimetable("the locked lesson \(lock.lesson) is not in the demand")
    }
    model = try TimetableModel(problem: problem, locks: lockMap, parameters: parameters)
    state = SearchState(model: model)
    state.mostUsedPartnerRooms = parameters.rooms.mostUsedPartnerRooms
    state.endsDayDistance = parameters.annealing.endsDayDistance
    state.buildingNeighbours = parameters.rooms.buildingNeighbours
    search = LocalSearch(state: state, seed: settings.seed &+ 1, parameters: parameters, logger: settings.logger)
    neighbourhoods = NeighbourhoodSearch(
      state: state, seed: settings.seed &+ 2, timeLimit: settings.mipTimeLimit, parameters: parameters,
      logger: settings.logger)
    best = state.snapshot()
    overall = best
  }

  /// The whole search, and its result.
  func run() -> SolveResult {
    start()
    while !stop() {
      if let maxRounds = settings.maxRounds, rounds >= maxRounds { break }
      if settings.stopWhenFeasible, best.cost.hard == 0, strongFeasible() { break }
      if round() { break }
    }
    return finish()
  }

  // MARK: - Time and progress

  private func elapsed() -> Double { Date().timeIntervalSince(clock) }

  private func stop() -> Bool { elapsed() >= settings.timeLimit || settings.cancellation?.isCancelled == true }

  /// Whether the current state keeps every strong soft rule.
  private func strongFeasible() -> Bool {
    guard let weight = settings.strongSoftWeight else { return true }
    return state.strongSoftViolations(minimumWeight: weight) == 0
  }

  private func report(_ phase: String) {
    if state.cost.hard == 0, firstFeasible == nil { firstFeasible = elapsed() }
    if state.cost.hard == 0, firstStrong == nil, strongFeasible() { firstStrong = elapsed() }
    settings.progress?(
      SolveProgress(
        phase: phase, placedLessons: model.lessonIDs.count - state.unplaced, totalLessons: model.lessonIDs.count,
        hardViolations: state.cost.hard, softCost: state.cost.soft, elapsed: elapsed()))
  }

  // MARK: - The start

  /// Locked lessons first, then the previous timetable's places where they are still allowed,
  /// then a construction of the rest.
  private func start() {
    for b in model.blockLessons.indices where model.locked[b] {
      state.place(b, at: Int(model.domain[b][0]))
    }
    if let previous = settings.previous { placePrevious(previous) }
    var construction = Construction(
      state: state, random: SeededGenerator(seed: settings.seed), shouldStop: self.stop, parameters: parameters)
    construction.run()
    report("construction")
    best = state.snapshot()
    overall = best
  }

  /// A re-solve: each lesson at its previous place when that is allowed and free, and every
  /// move away from it priced.
  private func placePrevious(_ previous: Timetable) {
    let dayIndex = Dictionary(
      problem.days.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
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

  // MARK: - A round

  /// One round; returns whether the search ends by its own rule.
  private func round() -> Bool {
    rounds += 1
    let feasible = state.cost.hard == 0
    if feasible { state.clearBreakoutWeights() }
    anneal(feasible: feasible)
    // A repair round that found nothing better may hand the next its end instead of the best
    // (`repairFromRoundEnd`): from the best, the next round's moves start from the same place.
    let fromEnd =
      !feasible && settings.previous == nil && parameters.rounds.repairFromRoundEnd && !(search.best.cost < best.cost)
      && state.cost.hard <= best.cost.hard + parameters.rounds.repairRoundEndSlack
    if !fromEnd, search.best.cost < state.cost { state.restore(search.best) }
    // Room clashes that other rooms resolve are not the search's to resolve by moving lessons.
    if settings.useMIP, state.cost.hard > 0, !stop() {
      RoomAssignment(state: state, parameters: parameters, logger: settings.logger).improve(
        timeLimit: settings.mipTimeLimit)
    }
    // Rules on the rooms of several lessons are sought by choosing rooms, not by moves in time.
    RoomRuleRepair(state: state).repair()
    report(feasible ? "optimising" : "repairing")
    solveNeighbourhood(feasible: feasible)
    keepBest(fromEnd: fromEnd)
    restartIfStuck()
    if best.cost.hard == 0 && firstFeasible == nil { firstFeasible = elapsed() }
    if state.cost.hard == 0, firstStrong == nil, strongFeasible() { firstStrong = elapsed() }
    // Nothing left to gain, or no progress for long: the search ends by its own rule.
    return best.cost.hard == 0 && (best.cost.soft == 0 || stale >= parameters.rounds.staleLimit)
  }

  /// Annealing: optimising once there are no hard violations, repairing until then. A re-solve
  /// keeps its temperature below the price of moving a lesson, so that lessons stay.
  private func anneal(feasible: Bool) {
    let annealing = parameters.annealing
    search.best = state.snapshot()
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
        endTemperature: calm ? annealing.calmRepairEndTemperature : annealing.repairEndTemperature,
        untilFeasible: !calm, stop: stop)
    }
  }

  /// A GLPK neighbourhood, when it is GLPK's turn. GLPK gets about a third of the time: every
  /// round while it pays, and whenever the annealing has stalled. While repairing, GLPK's
  /// neighbourhoods rarely remove violations of rules on whole weeks: after two misses they get
  /// every fifth round only, until one or two violations are left.
  private func solveNeighbourhood(feasible: Bool) {
    let glpk = parameters.neighbourhoods
    // GLPK's share: half the time the search has spent outside it.
    let glpkShare = glpk.timeShare * (elapsed() - mipSeconds)
    guard settings.useMIP, !stop(), best.cost.hard + best.cost.soft > 0,
      mipSeconds <= glpkShare || stale >= glpk.staleRounds,
      feasible || repairMisses < glpk.repairMisses || rounds % glpk.missedEvery == 0
        || state.cost.hard <= glpk.fewHardLeft
    else { return }
    let started = Date()
    let hardBefore = state.cost.hard
    // One neighbourhood may not take more than that share either: in the first second a 2 s
    // solve would triple the time to a first timetable. (Not under `maxRounds`, whose result
    // must not depend on the machine's speed.)
    let cap = settings.maxRounds == nil ? max(glpk.leastSeconds, glpkShare) : .infinity
    neighbourhoods.improve(stop: stop, remaining: min(settings.timeLimit - elapsed(), cap))
    mipSeconds += Date().timeIntervalSince(started)
    if !feasible { repairMisses = state.cost.hard < hardBefore ? 0 : repairMisses + 1 }
    report("fix-and-optimize")
  }

  /// Keeps the round's timetable when it is the best so far, else goes back to the best (or,
  /// `fromEnd`, stays where the round ended).
  private func keepBest(fromEnd: Bool) {
    hardStale = state.cost.hard < best.cost.hard ? 0 : hardStale + 1
    if state.cost < best.cost {
      best = state.snapshot()
      stale = 0
    } else {
      stale += 1
      if !fromEnd { state.restore(best) }
    }
    if best.cost < overall.cost { overall = best }
  }

  /// Stuck on the same hard violations: kick the best timetable, or start again from a new
  /// construction (a re-solve keeps its previous timetable instead).
  private func restartIfStuck() {
    guard best.cost.hard > 0, hardStale >= parameters.rounds.restartAfter, settings.previous == nil, !stop() else {
      return
    }
    restarts += 1
    if state.cost > best.cost { state.restore(best) }
    if let logger = settings.logger, logger.logLevel <= .debug {
      // What the search was stuck on, for whoever studies a file (the state is the best here).
      for line in Diagnosis.afterSolve(state: state).prefix(4) { logger.debug("stuck: \(line)") }
    }
    hardStale = 0
    state.clearBreakoutWeights()
    stale = 0
    if restarts % 2 == 0 {
      for b in 0..<blocks where !model.locked[b] && state.isPlaced(b) { state.remove(b) }
      var again = Construction(
        state: state, random: SeededGenerator(seed: settings.seed &+ 1000 &* UInt64(restarts)), shouldStop: self.stop,
        parameters: parameters)
      again.run()
    } else {
      // Every other restart keeps the best timetable so far and kicks it: random exchanges of a
      // fortieth of the lessons.
      state.restore(overall)
      search.kick(max(parameters.rounds.kickLeast, blocks / parameters.rounds.kickDivisor))
    }
    best = state.snapshot()
    report("restart \(restarts)")
  }

  // MARK: - The end

  /// The best timetable over every restart, its rooms matched, and the result.
  private func finish() -> SolveResult {
    if best.cost > overall.cost { best = overall }
    if state.cost > best.cost { state.restore(best) }
    state.chooseRoomsAgain()
    if settings.useMIP, state.cost.hard > 0 {
      RoomAssignment(state: state, parameters: parameters, logger: settings.logger).improve(
        timeLimit: settings.mipTimeLimit)
    }
    report("done")
    let timetable = TimetableWriter.timetable(from: state, problem: problem, locks: lockMap)
    let unplaced = (0..<model.blockLessons.count).filter { !state.isPlaced($0) }.flatMap { model.blockLessons[$0] }.map
    {
      model.lessonIDs[Int($0)]
    }
    return SolveResult(
      timetable: timetable, hardViolations: state.cost.hard, softCost: state.cost.soft, unplacedLessons: unplaced,
      secondsToFeasible: state.cost.hard == 0 ? (firstFeasible ?? elapsed()) : nil,
      secondsToStrongFeasible: state.cost.hard == 0 && strongFeasible() ? (firstStrong ?? elapsed()) : nil,
      elapsed: elapsed(),
      movedLessons: settings.previous == nil ? nil : state.movedFromPrevious, rounds: rounds,
      mipNeighbourhoods: neighbourhoods.solved, mipImprovements: neighbourhoods.improved,
      diagnosis: unplaced.isEmpty && state.cost.hard == 0 ? [] : Diagnosis.afterSolve(state: state))
  }
}
