// What a solve reports while it runs.
import Planner
import Solver

/// One thing a solve reports while it runs, in order: the diagnosis before the search, progress
/// as the search goes, and (from `Timetabling.events`) the result at the end.
public enum TimetablingEvent: Sendable {
  /// What counting finds before any search (empty when it finds nothing).
  case diagnosed([PlanningIssue])
  /// The search's state after a phase: lessons placed, hard violations, soft cost, seconds.
  case progress(SolveProgress)
  /// The finished result.
  case finished(TimetablingResult)
}
