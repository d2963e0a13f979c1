// SearchState: pricing a trial move without pricing it again to take it back. While `delta`
// tries a block at a slot, each cost the refresh overwrites is noted first; the trial is then
// taken back by putting the noted values back, in reverse order.

extension SearchState {
  /// A value the refresh overwrote during a trial: where it was and what it was.
  enum Overwritten {
    case classDay(Int, Cost)
    case teacherDay(Int, Cost)
    case unitDay(Int, Cost)
    case group(Int, Cost)
    case spread(Int, Cost)
    case rule(Int, Cost)
    case endsDay(Int, Cost, Int32)
    case resourceDay(Int, Cost)
    case resourceWeek(Int, Cost)
    case dayStats(Int, ResourceRule.DayStats)
    case weekStats(Int, ResourceRule.WeekStats)
    case daysShadow(Int, Int)
    case buildingDay(Int, Int32)
  }

  /// Puts back, newest first, the values noted during a trial.
  func takeBackCosts() {
    var k = journal.count - 1
    while k >= 0 {
      putBack(journal[k])
      k -= 1
    }
  }

  private func putBack(_ value: Overwritten) {
    switch value {
    case .classDay(let i, let c): classDayCost[i] = c
    case .teacherDay(let i, let c): teacherDayCost[i] = c
    case .unitDay(let i, let c): unitDayCost[i] = c
    case .group(let i, let c): groupCost[i] = c
    case .spread(let i, let c): spreadCost[i] = c
    case .rule(let i, let c): ruleCost[i] = c
    case .endsDay(let i, let c, let beyond):
      endsDayCost[i] = c
      endsDayBeyond[i] = beyond
    case .resourceDay(let i, let c): resourceDayCost[i] = c
    case .resourceWeek(let i, let c): resourceWeekCost[i] = c
    case .dayStats(let i, let s): dayStats[i] = s
    case .weekStats(let i, let s): weekStats[i] = s
    case .daysShadow(let i, let n): daysShadow[i] = n
    case .buildingDay(let i, let n): buildingDays[i] = n
    }
  }
}
