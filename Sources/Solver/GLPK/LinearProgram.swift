// The one Swift wrapper around GLPK: variables, rows, costs, bounds, and a solve with options.
import CGLPK
import Foundation

/// A linear or mixed-integer program solved with GLPK.
///
/// The model is kept in Swift (variables, rows, coefficients) and checked as it is built, so a
/// wrong model is a Swift error, never a GLPK abort. Each `solve` creates a GLPK problem object,
/// solves it and frees it before returning: no GLPK pointer leaves this type. GLPK's terminal
/// output is off unless a log function is given, which then receives it line by line.
///
/// The Debian build of GLPK keeps its state per thread, so programs may be solved on several
/// threads at once (tested); one `LinearProgram` value must not be solved from two threads at once.
public final class LinearProgram {
  /// A variable of this program.
  public struct Variable: Hashable, Sendable {
    public let index: Int
    fileprivate let program: ObjectIdentifier
  }

  public enum Kind: Sendable { case continuous, integer, binary }
  public enum Direction: Sendable { case minimize, maximize }
  public enum Relation: Sendable { case lessOrEqual, greaterOrEqual, equal }

  struct Column {
    var kind: Kind
    var lower: Double?
    var upper: Double?
    var cost: Double
    var name: String?
  }

  struct Row {
    var lower: Double?
    var upper: Double?
    var start: Int
    var count: Int
    var name: String?
  }

  public let direction: Direction
  public var objectiveConstant: Double = 0
  private(set) var columns: [Column] = []
  private(set) var rows: [Row] = []
  private var termColumns: [Int32] = []
  private var termValues: [Double] = []

  public init(direction: Direction = .minimize) { self.direction = direction }

  public var variableCount: Int { columns.count }
  public var constraintCount: Int { rows.count }
  public var hasIntegers: Bool { columns.contains { $0.kind != .continuous } }

  /// Adds a variable with bounds (`nil` for none) and a cost in the objective. A binary variable's
  /// bounds are 0 and 1 unless narrower ones are given.
  @discardableResult
  public func addVariable(
    _ kind: Kind = .continuous, lower: Double? = 0, upper: Double? = nil, cost: Double = 0, name: String? = nil
  ) throws -> Variable {
    var lower = lower
    var upper = upper
    if kind == .binary {
      lower = max(lower ?? 0, 0)
      upper = min(upper ?? 1, 1)
    }
    try checkFinite(cost, "the cost of variable \(name ?? String(columns.count))")
    if let l = lower { try checkFinite(l, "the lower bound of variable \(name ?? String(columns.count))") }
    if let u = upper { try checkFinite(u, "the upper bound of variable \(name ?? String(columns.count))") }
    if let l = lower, let u = upper, l > u {
      throw LinearProgramError.invalidBounds(
        "variable \(name ?? String(columns.count)) has lower bound \(l) above upper bound \(u)")
    }
    columns.append(Column(kind: kind, lower: lower, upper: upper, cost: cost, name: name))
    return Variable(index: columns.count - 1, program: ObjectIdentifier(self))
  }

  /// Sets a variable's cost in the objective.
  public func setCost(_ variable: Variable, _ cost: Double) throws {
    try check(variable)
    try checkFinite(cost, "a cost")
    columns[variable.index].cost = cost
  }

  /// A variable's cost in the objective.
  public func cost(of variable: Variable) throws -> Double {
    try check(variable)
    return columns[variable.index].cost
  }

  /// Changes a variable's bounds (to fix it, give equal bounds).
  public func setBounds(_ variable: Variable, lower: Double?, upper: Double?) throws {
    try check(variable)
    if let l = lower, let u = upper, l > u {
      throw LinearProgramError.invalidBounds(
        "variable \(variable.index) would have lower bound \(l) above upper bound \(u)")
    }
    columns[variable.index].lower = lower
    columns[variable.index].upper = upper
  }

  /// Adds the row `Σ coefficient × variable  relation  rhs`. Repeated variables are summed.
  public func addConstraint(_ terms: [(Variable, Double)], _ relation: Relation, _ rhs: Double, name: String? = nil)
    throws
  {
    switch relation {
    case .lessOrEqual: try addRow(terms, lower: nil, upper: rhs, name: name)
    case .greaterOrEqual: try addRow(terms, lower: rhs, upper: nil, name: name)
    case .equal: try addRow(terms, lower: rhs, upper: rhs, name: name)
    }
  }

  /// Adds the row `lower ≤ Σ coefficient × variable ≤ upper`.
  public func addRow(_ terms: [(Variable, Double)], lower: Double?, upper: Double?, name: String? = nil) throws {
    if let l = lower { try checkFinite(l, "the bound of row \(name ?? String(rows.count))") }
    if let u = upper { try checkFinite(u, "the bound of row \(name ?? String(rows.count))") }
    if let l = lower, let u = upper, l > u {
      throw LinearProgramError.invalidBounds(
        "row \(name ?? String(rows.count)) has lower bound \(l) above upper bound \(u)")
    }
    var merged: [Int: Double] = [:]
    for (variable, coefficient) in terms {
      try check(variable)
      try checkFinite(coefficient, "a coefficient of row \(name ?? String(rows.count))")
      merged[variable.index, default: 0] += coefficient
    }
    let start = termColumns.count
    for (index, value) in merged.sorted(by: { $0.key < $1.key }) where value != 0 {
      termColumns.append(Int32(index + 1))
      termValues.append(value)
    }
    rows.append(Row(lower: lower, upper: upper, start: start, count: termColumns.count - start, name: name))
  }

  private func check(_ variable: Variable) throws {
    guard variable.program == ObjectIdentifier(self), variable.index >= 0, variable.index < columns.count else {
      throw LinearProgramError.unknownVariable("variable \(variable.index) does not belong to this program")
    }
  }

  private func checkFinite(_ value: Double, _ what: String) throws {
    guard value.isFinite else { throw LinearProgramError.notFinite("\(what) is \(value)") }
  }

  // MARK: - Solving

  /// Solves the program: the simplex method when all variables are continuous, branch and cut
  /// otherwise.
  public func solve(_ options: SolveOptions = SolveOptions()) throws -> LinearProgramSolution {
    if let start = options.startingSolution, start.count != columns.count {
      throw LinearProgramError.invalidStart(
        "a starting solution has \(start.count) values for \(columns.count) variables")
    }
    try checkStartingFixes(options.startingFixes)
    var started = Date()
    var options = options
    let problem = glp_create_prob()
    defer {
      glp_delete_prob(problem)
      glp_term_hook(nil, nil)
      glp_term_out(GLP_ON)
    }
    load(into: problem)
    // A start completed here replaces any given one; its own seconds are not the solve's.
    var startObjective: Double?
    if let fixes = options.startingFixes {
      guard let completion = complete(problem, fixes: fixes, timeLimit: options.startingFixTimeLimit) else {
        return LinearProgramSolution(
          status: .noSolution, objective: nil, values: [], bound: nil, seconds: 0, startObjective: nil)
      }
      (options.startingSolution, startObjective) = completion
      started = Date()
    }
    // Every result, the relaxation's early ones too, carries the completed start's objective.
    var solution = try solveLoaded(problem, options: options, started: started)
    solution.startObjective = startObjective
    return solution
  }

  /// The loaded problem solved: the simplex method, or the relaxation and branch and cut.
  private func solveLoaded(_ problem: OpaquePointer?, options: SolveOptions, started: Date) throws
    -> LinearProgramSolution
  {
    let context = SolveContext(options: options, columnCount: columns.count)
    let unmanaged = Unmanaged.passRetained(context)
    defer { unmanaged.release() }
    if options.log != nil {
      glp_term_out(GLP_ON)
      glp_term_hook(terminalHook, unmanaged.toOpaque())
    } else {
      glp_term_out(GLP_OFF)
    }
    let timeLimit = options.timeLimit.map { Int32(max(1, min($0 * 1000, Double(Int32.max)))) } ?? Int32.max

    var smcp = glp_smcp()
    glp_init_smcp(&smcp)
    smcp.msg_lev = options.log == nil ? GLP_MSG_OFF : GLP_MSG_ALL
    smcp.tm_lim = timeLimit
    let integer = hasIntegers
    // With a starting solution the MIP presolver cannot be used (the callback sees the presolved
    // problem), so the relaxation is solved first.
    smcp.presolve =
      (integer && (options.startingSolution != nil || !options.presolve))
      ? GLP_OFF : (options.presolve ? GLP_ON : GLP_OFF)
    if !integer {
      let code = glp_simplex(problem, &smcp)
      return try lpSolution(problem, code: code, started: started)
    }
    var iocp = integerParameters(options, timeLimit: timeLimit, context: unmanaged.toOpaque())
    if options.startingSolution == nil, options.presolve {
      iocp.presolve = GLP_ON
    } else {
      iocp.presolve = GLP_OFF
      let lpCode = glp_simplex(problem, &smcp)
      let lpStatus = glp_get_status(problem)
      if lpCode == GLP_ETMLIM || lpCode == GLP_ESTOP {
        return LinearProgramSolution(
          status: .noSolution, objective: nil, values: [], bound: nil, seconds: Date().timeIntervalSince(started))
      }
      if lpStatus == GLP_NOFEAS || lpStatus == GLP_INFEAS {
        return LinearProgramSolution(
          status: .infeasible, objective: nil, values: [], bound: nil, seconds: Date().timeIntervalSince(started))
      }
      if lpStatus == GLP_UNBND {
        return LinearProgramSolution(
          status: .unbounded, objective: nil, values: [], bound: nil, seconds: Date().timeIntervalSince(started))
      }
      guard lpCode == 0, lpStatus == GLP_OPT else {
        throw LinearProgramError.solverFailed("the LP relaxation ended with code \(lpCode), status \(lpStatus)")
      }
      if let remaining = options.timeLimit {
        iocp.tm_lim = Int32(max(1, (remaining - Date().timeIntervalSince(started)) * 1000))
      }
    }
    let code = glp_intopt(problem, &iocp)
    return try mipSolution(problem, code: code, context: context, seconds: Date().timeIntervalSince(started))
  }

  /// Fixes of known variables within their bounds, every integer variable among them (else the
  /// completed start would not be integer).
  private func checkStartingFixes(_ fixes: [(variable: Variable, value: Double)]?) throws {
    guard let fixes else { return }
    var fixed = Set<Int>()
    for (variable, value) in fixes {
      try check(variable)
      let column = columns[variable.index]
      guard value >= (column.lower ?? -.infinity), value <= (column.upper ?? .infinity) else {
        throw LinearProgramError.invalidStart(
          "a starting value \(value) is outside the bounds of variable \(variable.index)")
      }
      fixed.insert(variable.index)
    }
    if let free = columns.indices.first(where: { columns[$0].kind != .continuous && !fixed.contains($0) }) {
      throw LinearProgramError.invalidStart("integer variable \(free) has no starting value")
    }
  }

  /// The LP with `fixes` held at their values, solved by the simplex method; then the fixed
  /// variables freed at those values, so that the optimal basis stays primal feasible (for values
  /// at a bound, as a MIP's integer ones are) and the relaxation starts from it. The LP's values
  /// and objective, or `nil` when it has none in time.
  private func complete(_ problem: OpaquePointer?, fixes: [(variable: Variable, value: Double)], timeLimit: Double)
    -> ([Double], Double)?
  {
    for (variable, value) in fixes { glp_set_col_bnds(problem, Int32(variable.index + 1), GLP_FX, value, value) }
    var smcp = glp_smcp()
    glp_init_smcp(&smcp)
    smcp.msg_lev = GLP_MSG_OFF
    smcp.presolve = GLP_ON  // the fixed columns go; the basis is recovered for the whole program
    smcp.tm_lim = Int32(max(1, min(timeLimit * 1000, Double(Int32.max))))
    let code = glp_simplex(problem, &smcp)
    let solved = code == 0 && glp_get_status(problem) == GLP_OPT
    let values = solved ? (0..<columns.count).map { glp_get_col_prim(problem, Int32($0 + 1)) } : []
    let objective = glp_get_obj_val(problem)
    for (variable, value) in fixes {
      let index = Int32(variable.index + 1)
      let column = columns[variable.index]
      let (type, lower, upper) = Self.boundType(column.lower, column.upper)
      glp_set_col_bnds(problem, index, type, lower, upper)
      guard glp_get_col_stat(problem, index) != GLP_BS else { continue }
      // Nonbasic at the value it was fixed to, so the basis keeps every value it had.
      if value == upper, type == GLP_DB || type == GLP_UP {
        glp_set_col_stat(problem, index, GLP_NU)
      } else if value == lower, type == GLP_DB || type == GLP_LO {
        glp_set_col_stat(problem, index, GLP_NL)
      }
    }
    return solved ? (values, objective) : nil
  }

  /// GLPK's branch-and-cut parameters for the options.
  private func integerParameters(_ options: SolveOptions, timeLimit: Int32, context: UnsafeMutableRawPointer)
    -> glp_iocp
  {
    var iocp = glp_iocp()
    glp_init_iocp(&iocp)
    iocp.msg_lev = options.log == nil ? GLP_MSG_OFF : GLP_MSG_ALL
    iocp.tm_lim = timeLimit
    iocp.mip_gap = options.mipGap
    iocp.cb_func = treeCallback
    iocp.cb_info = context
    iocp.fp_heur = options.feasibilityPump ? GLP_ON : GLP_OFF
    iocp.ps_heur = options.proximitySearch ? GLP_ON : GLP_OFF
    iocp.gmi_cuts = options.cuts ? GLP_ON : GLP_OFF
    iocp.mir_cuts = options.cuts ? GLP_ON : GLP_OFF
    iocp.cov_cuts = options.cuts ? GLP_ON : GLP_OFF
    iocp.clq_cuts = options.cuts ? GLP_ON : GLP_OFF
    iocp.br_tech = GLP_BR_DTH
    iocp.bt_tech = options.depthFirst ? GLP_BT_DFS : GLP_BT_BLB
    return iocp
  }

  /// The status and values after branch and cut ended with `code`.
  private func mipSolution(_ problem: OpaquePointer?, code: Int32, context: SolveContext, seconds: Double) throws
    -> LinearProgramSolution
  {
    let mipStatus = glp_mip_status(problem)
    let status: LinearProgramSolution.Status
    switch (code, mipStatus) {
    case (_, GLP_OPT): status = .optimal
    case (GLP_ENOPFS, _), (_, GLP_NOFEAS): status = .infeasible
    case (GLP_ENODFS, _): status = .unbounded
    case (_, GLP_FEAS):
      status =
        context.cancelled
        ? .cancelled : ((code == 0 || code == GLP_EMIPGAP) && !context.stoppedByNodes ? .optimal : .feasible)
    case (GLP_ETMLIM, _), (GLP_EMIPGAP, _): status = .noSolution
    case (GLP_ESTOP, _): status = context.stoppedByNodes ? .noSolution : .cancelled
    case (GLP_EBOUND, _): throw LinearProgramError.invalidBounds("GLPK found incorrect bounds")
    default:
      if code != 0 { throw LinearProgramError.solverFailed("branch and cut ended with code \(code)") }
      status = .noSolution
    }
    guard mipStatus == GLP_OPT || mipStatus == GLP_FEAS else {
      return LinearProgramSolution(status: status, objective: nil, values: [], bound: context.bound, seconds: seconds)
    }
    let values = (0..<columns.count).map { glp_mip_col_val(problem, Int32($0 + 1)) }
    return LinearProgramSolution(
      status: status, objective: glp_mip_obj_val(problem), values: values, bound: context.bound, seconds: seconds)
  }

  private func lpSolution(_ problem: OpaquePointer?, code: Int32, started: Date) throws -> LinearProgramSolution {
    let seconds = Date().timeIntervalSince(started)
    let status = glp_get_status(problem)
    switch status {
    case GLP_OPT:
      let values = (0..<columns.count).map { glp_get_col_prim(problem, Int32($0 + 1)) }
      return LinearProgramSolution(
        status: .optimal, objective: glp_get_obj_val(problem), values: values, bound: nil, seconds: seconds)
    case _ where code == GLP_ENOPFS, GLP_NOFEAS, GLP_INFEAS:
      return LinearProgramSolution(status: .infeasible, objective: nil, values: [], bound: nil, seconds: seconds)
    case _ where code == GLP_ENODFS, GLP_UNBND:
      return LinearProgramSolution(status: .unbounded, objective: nil, values: [], bound: nil, seconds: seconds)
    default:
      if code == GLP_ETMLIM {
        return LinearProgramSolution(status: .noSolution, objective: nil, values: [], bound: nil, seconds: seconds)
      }
      if code == GLP_EBOUND { throw LinearProgramError.invalidBounds("GLPK found incorrect bounds") }
      throw LinearProgramError.solverFailed("the simplex method ended with code \(code), status \(status)")
    }
  }

  private func load(into problem: OpaquePointer?) {
    glp_set_obj_dir(problem, direction == .minimize ? GLP_MIN : GLP_MAX)
    glp_set_obj_coef(problem, 0, objectiveConstant)
    if !columns.isEmpty { glp_add_cols(problem, Int32(columns.count)) }
    for (j, column) in columns.enumerated() {
      let index = Int32(j + 1)
      let (type, lower, upper) = Self.boundType(column.lower, column.upper)
      glp_set_col_bnds(problem, index, type, lower, upper)
      glp_set_obj_coef(problem, index, column.cost)
      switch column.kind {
      case .continuous: glp_set_col_kind(problem, index, GLP_CV)
      case .integer: glp_set_col_kind(problem, index, GLP_IV)
      case .binary: glp_set_col_kind(problem, index, GLP_IV)  // bounds are [0, 1] already, maybe narrower
      }
    }
    if !rows.isEmpty { glp_add_rows(problem, Int32(rows.count)) }
    termColumns.withUnsafeBufferPointer { columnsBuffer in
      termValues.withUnsafeBufferPointer { valuesBuffer in
        for (i, row) in rows.enumerated() {
          let index = Int32(i + 1)
          let (type, lower, upper) = Self.boundType(row.lower, row.upper)
          glp_set_row_bnds(problem, index, type, lower, upper)
          guard row.count > 0 else { continue }
          // GLPK reads ind[1...len] and val[1...len]: pass pointers one before the row's first term.
          let ind = columnsBuffer.baseAddress! + row.start - 1
          let val = valuesBuffer.baseAddress! + row.start - 1
          glp_set_mat_row(problem, index, Int32(row.count), ind, val)
        }
      }
    }
  }

  static func boundType(_ lower: Double?, _ upper: Double?) -> (Int32, Double, Double) {
    switch (lower, upper) {
    case (nil, nil): return (GLP_FR, 0, 0)
    case (let l?, nil): return (GLP_LO, l, 0)
    case (nil, let u?): return (GLP_UP, 0, u)
    case (let l?, let u?): return l == u ? (GLP_FX, l, u) : (GLP_DB, l, u)
    }
  }
}

/// How to solve a program.
public struct SolveOptions: Sendable {
  /// Seconds the solver may take; `nil` for no limit.
  public var timeLimit: Double?
  /// Relative gap between the best solution and the bound at which branch and cut stops.
  public var mipGap: Double = 0
  public var presolve = true
  /// A known integer-feasible solution (one value per variable) handed to branch and cut.
  public var startingSolution: [Double]?
  /// Values of some variables (a MIP's integer ones, say) from which the solve completes its own
  /// starting solution: the LP with them fixed is solved first (within `startingFixTimeLimit`, not
  /// counted in `timeLimit`), its solution starts branch and cut, and its basis, the variables
  /// freed again, starts the relaxation. Replaces `startingSolution`. With no solution of that LP
  /// the result is `noSolution`.
  public var startingFixes: [(variable: LinearProgram.Variable, value: Double)]?
  /// Seconds for the LP of `startingFixes`.
  public var startingFixTimeLimit = 5.0
  public var feasibilityPump = false
  public var proximitySearch = false
  public var cuts = false
  public var depthFirst = false
  /// Receives GLPK's terminal output; `nil` silences it.
  public var log: (@Sendable (String) -> Void)?
  /// Set from another thread to stop branch and cut early (the best solution so far is kept).
  public var cancellation: CancellationFlag?
  /// Branch-and-bound nodes after which the search stops with the best solution so far; unlike a
  /// time limit it makes the result independent of the machine's speed.
  public var nodeLimit: Int?

  public init(
    timeLimit: Double? = nil, mipGap: Double = 0, presolve: Bool = true, startingSolution: [Double]? = nil,
    log: (@Sendable (String) -> Void)? = nil, cancellation: CancellationFlag? = nil
  ) {
    self.timeLimit = timeLimit
    self.mipGap = mipGap
    self.presolve = presolve
    self.startingSolution = startingSolution
    self.log = log
    self.cancellation = cancellation
  }
}

/// The result of a solve.
public struct LinearProgramSolution: Sendable {
  public enum Status: Sendable, Equatable {
    /// Proven optimal (within the gap asked for).
    case optimal
    /// A solution, not proven optimal: the time limit came first.
    case feasible
    case infeasible
    case unbounded
    /// No solution found within the time limit.
    case noSolution
    /// Stopped by the cancellation flag.
    case cancelled
  }

  public var status: Status
  public var objective: Double?
  public var values: [Double]
  /// The best bound branch and cut had proven when it stopped, if known.
  public var bound: Double?
  public var seconds: Double
  /// The objective of the start completed from `SolveOptions.startingFixes`, if any.
  public var startObjective: Double?

  public var hasSolution: Bool { !values.isEmpty }

  public func value(of variable: LinearProgram.Variable) -> Double { values[variable.index] }
}

/// A wrong model or a solver failure.
public enum LinearProgramError: Error, CustomStringConvertible, Sendable, Equatable {
  case invalidBounds(String)
  case notFinite(String)
  case unknownVariable(String)
  case invalidStart(String)
  case solverFailed(String)

  public var description: String {
    switch self {
    case .invalidBounds(let m), .notFinite(let m), .unknownVariable(let m), .invalidStart(let m), .solverFailed(let m):
      return m
    }
  }
}

/// A flag another thread sets to ask a running solve to stop.
public final class CancellationFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  /// A flag whose cancellation cancels this one too.
  private let parent: CancellationFlag?
  public init(parent: CancellationFlag? = nil) { self.parent = parent }
  public func cancel() { lock.withLock { value = true } }
  public var isCancelled: Bool { lock.withLock { value } || parent?.isCancelled == true }
}

/// What the C callbacks need during one solve.
private final class SolveContext {
  let options: SolveOptions
  let columnCount: Int
  var startGiven = false
  var cancelled = false
  var bound: Double?
  var nodes = 0
  var pendingLine = ""
  var stoppedByNodes: Bool { options.nodeLimit.map { nodes > $0 } ?? false }

  init(options: SolveOptions, columnCount: Int) {
    self.options = options
    self.columnCount = columnCount
  }
}

private let terminalHook: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32 = { info, text in
  guard let info, let text else { return 1 }
  let context = Unmanaged<SolveContext>.fromOpaque(info).takeUnretainedValue()
  context.pendingLine += String(cString: text)
  while let newline = context.pendingLine.firstIndex(of: "\n") {
    let line = String(context.pendingLine[..<newline])
    context.pendingLine = String(context.pendingLine[context.pendingLine.index(after: newline)...])
    context.options.log?(line)
  }
  return 1  // GLPK prints nothing itself
}

private let treeCallback: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { tree, info in
  guard let tree, let info else { return }
  let context = Unmanaged<SolveContext>.fromOpaque(info).takeUnretainedValue()
  if context.options.cancellation?.isCancelled == true {
    context.cancelled = true
    glp_ios_terminate(tree)
    return
  }
  switch glp_ios_reason(tree) {
  case GLP_IHEUR:
    if !context.startGiven, let start = context.options.startingSolution {
      context.startGiven = true
      var values = [0.0] + start
      _ = values.withUnsafeMutableBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) }
    }
  case GLP_ISELECT:
    context.nodes += 1
    if let limit = context.options.nodeLimit, context.nodes > limit {
      glp_ios_terminate(tree)
      return
    }
    let node = glp_ios_best_node(tree)
    if node != 0 { context.bound = glp_ios_node_bound(tree, node) }
  case GLP_IBRANCH:
    let node = glp_ios_best_node(tree)
    if node != 0 { context.bound = glp_ios_node_bound(tree, node) }
  default: break
  }
}
