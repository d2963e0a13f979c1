import Foundation

/// The search's tuning knobs. The defaults were chosen on the shipped instances and on FET's
/// development set; each can be overridden by an environment variable for experiments. They are
/// read once per process, not in the search's inner loops.
enum SearchTuning {
  private static let environment = ProcessInfo.processInfo.environment

  private static func value<T: LosslessStringConvertible>(_ name: String, _ fallback: T) -> T {
    environment[name].flatMap(T.init) ?? fallback
  }

  private static func flag(_ name: String) -> Bool { environment[name] != nil }

  /// Annealing while hard violations remain: start and end temperatures, steps per block, and
  /// the weight of one hard violation against the soft cost.
  static let repairStartTemperature = value("SABAQ_T0", 750.0)
  static let repairEndTemperature = value("SABAQ_T1", 50.0)
  static let repairStepsPerBlock = value("SABAQ_STEPS", 40)
  static let repairHardWeight = value("SABAQ_HW", 1500)
  /// Rounds without fewer hard violations before the search starts again.
  static let restartAfter = value("SABAQ_RESTART", 8)
  /// The construction's price of breaking a rule (evicting a lesson costs 400 and more).
  static let constructionRuleWeight = value("SABAQ_CRULE", 3000)
  /// Ruin and recreate: its least weight, as a share of the best paying kind of move's.
  static let ruinFloor = value("SABAQ_RF", 0.02)
  /// Choose kinds of move so that their shares of the work (not of the tries) follow their rates.
  /// Off by default: on GYR it halves the violations left after a minute, but on Greece and
  /// Russia it was slower on one seed of two (see the stop-9 note).
  static let costScaledChoice = flag("SABAQ_COSTSHARE")
  /// GLPK neighbourhoods: the starting size, GLPK's options, and a line per solve on stderr.
  static let neighbourhoodSize: Int? = environment["SABAQ_MIP_SIZE"].flatMap(Int.init)
  static let mipCuts = flag("SABAQ_MIP_CUTS")
  static let mipDepthFirst = flag("SABAQ_MIP_DFS")
  static let mipFeasibilityPump = flag("SABAQ_MIP_FP")
  static let debug = flag("SABAQ_DEBUG")
  /// The construction moves lessons too close under a hard rule of days between lessons out of
  /// the way (off: it prices the broken rule instead).
  static let evictTooClose = !flag("SABAQ_KEEP_TOO_CLOSE")
  /// The least number of teachers, student units and fixed rooms of a block that evicts lessons
  /// too close to it: the wide blocks of course systems and bands, which the search's moves hardly
  /// shift once the rule is broken. (Applied to every block, it also slowed Greece's Gymnasio,
  /// whose rules are mostly on lessons of one teacher and one class: 38 s against 11 s, median of
  /// three seeds.)
  static let closeWidth = value("SABAQ_CLOSE_WIDTH", 3)
  /// Steps of the repair between raisings of the breakout weights, when the hard violations have
  /// not fallen since the last look (0: no breakout weights).
  static let breakoutEvery = value("SABAQ_BREAKOUT", 1000)
  /// The least time a GLPK neighbourhood gets, however young the search (see `TimetableSolver`).
  static let mipLeast = value("SABAQ_MIP_LEAST", 0.25)
}
