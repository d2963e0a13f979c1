import Foundation
import Testing

@testable import Solver

@Suite struct LinearProgramTests {
  @Test func aSmallLinearProgramReachesItsKnownOptimum() throws {
    // max 3x + 2y  s.t.  x + y ≤ 4,  x + 3y ≤ 6,  x ≤ 3  →  x = 3, y = 1, objective 11.
    let lp = LinearProgram(direction: .maximize)
    let x = try lp.addVariable(cost: 3)
    let y = try lp.addVariable(cost: 2)
    try lp.addConstraint([(x, 1), (y, 1)], .lessOrEqual, 4)
    try lp.addConstraint([(x, 1), (y, 3)], .lessOrEqual, 6)
    try lp.addConstraint([(x, 1)], .lessOrEqual, 3)
    let solution = try lp.solve()
    #expect(solution.status == .optimal)
    #expect(abs(solution.objective! - 11) < 1e-9)
    #expect(abs(solution.value(of: x) - 3) < 1e-9)
    #expect(abs(solution.value(of: y) - 1) < 1e-9)
  }

  @Test func aKnapsackIsSolvedToItsIntegerOptimum() throws {
    // Values 10, 13, 7, 8; weights 5, 6, 3, 4; capacity 10: best is items 1 and 4? 18 (w 9) vs 2 and 4? 21 (w 10).
    let lp = LinearProgram(direction: .maximize)
    let values = [10.0, 13, 7, 8]
    let weights = [5.0, 6, 3, 4]
    let items = try values.map { try lp.addVariable(.binary, cost: $0) }
    try lp.addConstraint(zip(items, weights).map { ($0, $1) }, .lessOrEqual, 10)
    let solution = try lp.solve(SolveOptions(timeLimit: 10))
    #expect(solution.status == .optimal)
    #expect(solution.objective == 21)
    #expect(items.map { solution.value(of: $0).rounded() } == [0, 1, 0, 1])
  }

  @Test func integerVariablesAreRoundedByBranching() throws {
    // min x + y  s.t.  2x + 2y ≥ 3, integers → 2 (the relaxation gives 1.5).
    let lp = LinearProgram()
    let x = try lp.addVariable(.integer, upper: 10, cost: 1)
    let y = try lp.addVariable(.integer, upper: 10, cost: 1)
    try lp.addConstraint([(x, 2), (y, 2)], .greaterOrEqual, 3)
    #expect(try lp.solve().objective == 2)
  }

  @Test func infeasibleAndUnboundedProgramsSaySo() throws {
    let infeasible = LinearProgram()
    let x = try infeasible.addVariable(upper: 1)
    try infeasible.addConstraint([(x, 1)], .greaterOrEqual, 2)
    #expect(try infeasible.solve().status == .infeasible)

    let infeasibleMIP = LinearProgram()
    let b = try infeasibleMIP.addVariable(.binary)
    let c = try infeasibleMIP.addVariable(.binary)
    try infeasibleMIP.addConstraint([(b, 1), (c, 1)], .equal, 1)
    try infeasibleMIP.addConstraint([(b, 2), (c, 2)], .equal, 3)
    #expect(try infeasibleMIP.solve().status == .infeasible)

    let unbounded = LinearProgram(direction: .maximize)
    let y = try unbounded.addVariable(cost: 1)
    try unbounded.addConstraint([(y, 1)], .greaterOrEqual, 0)
    #expect(try unbounded.solve().status == .unbounded)
  }

  @Test func aWrongModelIsASwiftErrorNotACrash() throws {
    let lp = LinearProgram()
    #expect(throws: LinearProgramError.self) { try lp.addVariable(lower: 2, upper: 1) }
    #expect(throws: LinearProgramError.self) { try lp.addVariable(cost: .nan) }
    let x = try lp.addVariable()
    #expect(throws: LinearProgramError.self) { try lp.addConstraint([(x, .infinity)], .lessOrEqual, 1) }
    #expect(throws: LinearProgramError.self) { try lp.addRow([(x, 1)], lower: 3, upper: 2) }
    let other = LinearProgram()
    let foreign = try other.addVariable()
    #expect(throws: LinearProgramError.self) { try lp.addConstraint([(foreign, 1)], .lessOrEqual, 1) }
    #expect(throws: LinearProgramError.self) { try lp.solve(SolveOptions(startingSolution: [1, 2])) }
  }

  @Test func aStartingSolutionIsUsedAndKeptWhenTimeIsShort() throws {
    // A 40-item knapsack: with a good start and a tiny time limit the result is at least the start.
    let lp = LinearProgram(direction: .maximize)
    var generator = SystemRandomNumberGenerator()
    _ = generator
    let values = (0..<40).map { Double(($0 * 37) % 23 + 5) }
    let weights = (0..<40).map { Double(($0 * 17) % 19 + 3) }
    let items = try values.map { try lp.addVariable(.binary, cost: $0) }
    try lp.addConstraint(zip(items, weights).map { ($0, $1) }, .lessOrEqual, 60)
    // A greedy start: take items in order while they fit.
    var start = Array(repeating: 0.0, count: 40)
    var used = 0.0
    for i in 0..<40 where used + weights[i] <= 60 {
      start[i] = 1
      used += weights[i]
    }
    let startValue = zip(start, values).reduce(0) { $0 + $1.0 * $1.1 }
    let solution = try lp.solve(SolveOptions(timeLimit: 5, startingSolution: start))
    #expect(solution.hasSolution)
    #expect(solution.objective! >= startValue - 1e-9)
  }

  /// A knapsack whose capacity may be exceeded at a price: maximise Σ value·x − 100·over.
  private func overflowingKnapsack() throws -> (LinearProgram, [LinearProgram.Variable], LinearProgram.Variable) {
    let lp = LinearProgram(direction: .maximize)
    let items = try [10.0, 13, 7, 8, 9, 4].map { try lp.addVariable(.binary, cost: $0) }
    let over = try lp.addVariable(cost: -100)
    try lp.addConstraint(zip(items, [5.0, 6, 3, 4, 5, 2]).map { ($0, $1) } + [(over, -1)], .lessOrEqual, 10)
    return (lp, items, over)
  }

  @Test func aStartCompletedFromFixedIntegersStartsBranchAndCut() throws {
    let (lp, items, over) = try overflowingKnapsack()
    let optimum = try #require(try lp.solve(SolveOptions(timeLimit: 10)).objective)
    // Every item taken: weight 25, 15 over the capacity, so the completed start is 51 − 1500.
    var options = SolveOptions(timeLimit: 10)
    options.startingFixes = items.map { ($0, 1.0) }
    let solution = try lp.solve(options)
    #expect(abs(try #require(solution.startObjective) - (51 - 1500)) < 1e-9)
    #expect(solution.status == .optimal)
    #expect(solution.objective == optimum)
    #expect(abs(solution.value(of: over)) < 1e-9)
    // The fixes were the solve's only: the program itself is unchanged.
    #expect(try lp.solve(SolveOptions(timeLimit: 10)).objective == optimum)
    // With a single node allowed, the answer is never worse than the completed start.
    options.nodeLimit = 1
    let short = try lp.solve(options)
    #expect(try #require(short.objective) >= 51 - 1500)
  }

  @Test func startingFixesThatCannotBeCompletedOrAreWrongSaySo() throws {
    let (lp, items, over) = try overflowingKnapsack()
    try lp.addConstraint([(items[0], 1), (items[1], 1)], .lessOrEqual, 1)
    var options = SolveOptions(timeLimit: 10)
    options.startingFixes = items.map { ($0, 1.0) }
    let infeasible = try lp.solve(options)
    #expect(infeasible.status == .noSolution)
    #expect(infeasible.startObjective == nil)
    #expect(!infeasible.hasSolution)
    options.startingFixes = items.dropLast().map { ($0, 0.0) }
    #expect(throws: LinearProgramError.invalidStart("integer variable 5 has no starting value")) {
      try lp.solve(options)
    }
    options.startingFixes = items.map { ($0, 0.0) } + [(over, -1)]
    #expect(throws: LinearProgramError.invalidStart("a starting value -1.0 is outside the bounds of variable 6")) {
      try lp.solve(options)
    }
  }

  @Test func glpkOutputGoesToTheLogWhenOneIsGiven() throws {
    let lines = LockedLines()
    let lp = LinearProgram()
    let x = try lp.addVariable(.integer, upper: 5, cost: -1)
    try lp.addConstraint([(x, 2)], .lessOrEqual, 7)
    let solution = try lp.solve(SolveOptions(log: { lines.append($0) }))
    #expect(solution.objective == -3)
    #expect(!lines.all.isEmpty)
    #expect(lines.all.contains { $0.contains("INTEGER OPTIMAL SOLUTION FOUND") || $0.contains("Integer optimization") })
  }

  @Test func twoThreadsCanSolveAtOnce() async throws {
    let results = try await withThrowingTaskGroup(of: Double.self) { group in
      for n in 0..<4 {
        group.addTask {
          let lp = LinearProgram(direction: .maximize)
          let items = try (0..<30).map { try lp.addVariable(.binary, cost: Double(($0 + n) % 7 + 1)) }
          try lp.addConstraint(items.enumerated().map { ($0.element, Double($0.offset % 5 + 1)) }, .lessOrEqual, 10)
          return try lp.solve(SolveOptions(timeLimit: 20)).objective ?? -1
        }
      }
      var all: [Double] = []
      for try await value in group { all.append(value) }
      return all
    }
    #expect(results.count == 4)
    #expect(results.allSatisfy { $0 > 0 })
  }

  @Test func aCancelledSolveStopsWithWhatItHas() throws {
    let flag = CancellationFlag()
    flag.cancel()
    func knapsack() throws -> LinearProgram {
      let lp = LinearProgram(direction: .maximize)
      let items = try (0..<60).map { try lp.addVariable(.binary, cost: Double($0 % 11 + 1)) }
      try lp.addConstraint(items.enumerated().map { ($0.element, Double($0.offset % 13 + 2)) }, .lessOrEqual, 77)
      return lp
    }
    let optimum = try #require(try knapsack().solve(SolveOptions(presolve: false)).objective)
    let solution = try knapsack().solve(SolveOptions(timeLimit: 30, presolve: false, cancellation: flag))
    // GLPK asks the callback before its first branch: a cancelled solve stops there (unless the
    // relaxation was integral already), with whatever feasible solution it had, never a better
    // one than the optimum. The status, not the clock, shows it stopped.
    #expect(solution.status == .cancelled || solution.status == .optimal)
    if solution.status == .optimal { #expect(solution.objective == optimum) }
    if let objective = solution.objective { #expect(objective <= optimum) }
  }
}

final class LockedLines: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [String] = []
  func append(_ line: String) { lock.withLock { lines.append(line) } }
  var all: [String] { lock.withLock { lines } }
}
