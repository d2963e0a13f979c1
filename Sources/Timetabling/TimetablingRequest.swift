// What a solve is asked: the organisation (or imported FET file) and period, and the options.
import Interchange
import Planner
import Solver

/// What a timetable is built for: one organisation's study period. The organisation may come from
/// a FET file, whose import report then travels with it (it tells which of FET's rules count as
/// nearly hard).
public struct TimetablingInput: Sendable {
  public var organisation: Organisation
  /// The study period (its id or name); nil: the first.
  public var period: String?
  /// The FET import's report, when the organisation was imported from a FET file.
  public var fetImport: FETImportReport?

  public init(organisation: Organisation, period: String? = nil, fetImport: FETImportReport? = nil) {
    self.organisation = organisation
    self.period = period
    self.fetImport = fetImport
  }

  /// The input of a file read by `InstanceSource` (a native instance or a FET file).
  public init(_ source: InstanceSource, period: String? = nil) {
    self.init(organisation: source.organisation, period: period, fetImport: source.fetImport)
  }
}

/// How a timetable is to be built (Codable, so that a queued solve job can keep it).
public struct TimetablingOptions: Codable, Sendable {
  /// Wall-clock seconds the whole solve may take, whatever the number of searches.
  public var timeLimit: Double = 60
  /// Seed of the (first) search: the same input, seed and `rounds` give the same timetable.
  public var seed: UInt64 = 1
  /// Independent searches run at once from seeds `seed`, `seed + 1000003`, …; the best wins (with
  /// `firstFeasible`, the first to finish). More than one is not deterministic; a re-solve with
  /// `previous` runs one.
  public var searches: Int = 1
  /// Stop at the first timetable with no hard violation (and, for a FET file, keeping FET's
  /// strong soft rules).
  public var firstFeasible = false
  /// Whether GLPK re-solves neighbourhoods (fix-and-optimize).
  public var useMIP = true
  /// A budget of search rounds that makes the result independent of the machine's speed.
  public var rounds: Int?
  /// A timetable whose locked placements stay where they are; when it marks none, all of them.
  public var lock: Timetable?
  /// A published timetable to change as little as possible (partial re-solve).
  public var previous: Timetable?
  /// The search's tuning.
  public var parameters = SearchParameters()

  public init() {}

  /// How many searches a solve may run at once. Each keeps its own copy of the search (memory
  /// grows with them), and more searches than cores only share the cores: 16 covers the servers
  /// schools run on.
  public static let searchesRange = 1...16

  /// Why `searches` is refused, or nil when it is in range.
  public static func searchesProblem(_ searches: Int) -> String? {
    searchesRange.contains(searches)
      ? nil
      : "expected \(searchesRange.lowerBound) to \(searchesRange.upperBound) searches at once (each takes a core and its own memory), found \(searches)"
  }

  /// The placements a lock timetable fixes: those it marks locked, else all of them.
  public var lockedPlacements: [Placement] {
    guard let lock else { return [] }
    let marked = lock.placements.filter { $0.locked == true }
    return marked.isEmpty ? lock.placements : marked
  }
}
