// TEMPORARY until the planner branch is merged.
import Interchange
import Planner
import Solver
enum DemandCapacity {
  static func issues(in p: TimetableProblem) -> [PlanningIssue] { Diagnosis.beforeSolve(p).map { .error("capacity", at: "", $0) } }
}
extension FETImportReport { var strongSoftWeight: Int? { 19 } }
