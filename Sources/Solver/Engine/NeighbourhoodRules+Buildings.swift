// NeighbourhoodRules: a teacher's or unit's changes of building as rows of a neighbourhood's MIP.

extension NeighbourhoodRules {
  typealias Variable = LinearProgram.Variable

  /// What a resource holds in one period of a day, by building: the freed lessons' placement
  /// variables that would hold it there, and how many fixed lessons hold it.
  struct BuildingPeriod {
    var freed: [Int32: [Variable]] = [:]
    var fixed: [Int32: Int] = [:]

    /// In building `b` (or, `elsewhere`, in any other): a constant and the variables.
    func held(in b: Int32, elsewhere: Bool) -> (Double, [Variable]) { held { ($0 == b) != elsewhere } }

    /// In any building.
    var any: (Double, [Variable]) { held { _ in true } }

    /// In the buildings chosen, taken in order (a row's terms must not follow a dictionary's).
    private func held(_ chosen: (Int32) -> Bool) -> (Double, [Variable]) {
      var constant = 0.0
      var vars: [Variable] = []
      for building in buildings where chosen(building) {
        constant += Double(fixed[building] ?? 0)
        vars += freed[building] ?? []
      }
      return (constant, vars)
    }

    var buildings: [Int32] { Array(Set(fixed.keys).union(freed.keys)).sorted() }
  }

  /// A rule on the changes of building of a teacher or unit, on the neighbourhood's days, each
  /// lesson in the building of the room it has now (one without a building left out, as the
  /// search leaves it out). For periods p < q of a day and a building b held at p:
  /// `change ≥ held(p, b) + held elsewhere(q, b) − Σ held between − 1`, the change from the
  /// lesson ending at p to the next one starting at q. The units are the search's: a change with
  /// fewer than `least` periods between (`minGaps`, counting the periods between as free), or a
  /// day's changes over `most` (`perDay`). A weekly maximum is not modelled: the full evaluation
  /// judges it.
  mutating func addBuildingRule(
    _ rule: GroupRule, resource r: Int, buildingOfRoom: [Int32], limit: GroupRule.BuildingRuleLimit,
    blockIndex: [Int: Int]
  ) throws {
    let within: Int
    switch limit {
    case .minGaps(let least):
      guard least > 0 else { return }
      within = least
    case .perDay: within = model.periods
    case .perWeek: return
    }
    let periods = buildingPeriods(rule, resource: r, buildingOfRoom: buildingOfRoom, blockIndex: blockIndex)
    // A change too soon after the last is priced itself; a day's changes are priced by their sum.
    let changePrice: Double
    if case .minGaps = limit { changePrice = price(rule.weight) } else { changePrice = 0 }
    for d in days.sorted() {
      var changes: [(Variable, Double)] = []
      var constantChanges = 0.0
      for p in 0..<model.periods {
        let slot = d * model.periods + p
        guard let here = periods[slot] else { continue }
        for q in (p + 1)..<min(model.periods, p + 1 + within) {
          guard let there = periods[d * model.periods + q] else { continue }
          var between = (0.0, [Variable]())
          for j in (p + 1)..<q {
            guard let held = periods[d * model.periods + j]?.any else { continue }
            between.0 += held.0
            between.1 += held.1
          }
          guard between.0 < 1 else { continue }
          for b in here.buildings {
            let (fromConstant, fromVars) = here.held(in: b, elsewhere: false)
            let (toConstant, toVars) = there.held(in: b, elsewhere: true)
            guard fromConstant + Double(fromVars.count) > 0, toConstant + Double(toVars.count) > 0 else { continue }
            if fromVars.isEmpty && toVars.isEmpty && between.1.isEmpty {
              constantChanges += max(0, min(1, fromConstant) + min(1, toConstant) - 1)
              continue
            }
            // change − from − to + between ≥ constants − 1
            let change = try lp.addVariable(.continuous, lower: 0, cost: changePrice)
            let row =
              [(change, 1.0)] + fromVars.map { ($0, -1.0) } + toVars.map { ($0, -1.0) } + between.1.map { ($0, 1.0) }
            try lp.addConstraint(row, .greaterOrEqual, fromConstant + toConstant - between.0 - 1)
            changes.append((change, 1))
          }
        }
      }
      if case .perDay(let most) = limit { try atMost(changes, Double(most) - constantChanges, rule.weight) }
    }
  }

  /// For each slot of the neighbourhood's days, what the rule's lessons hold there by building.
  private func buildingPeriods(
    _ rule: GroupRule, resource r: Int, buildingOfRoom: [Int32], blockIndex: [Int: Int]
  ) -> [Int: BuildingPeriod] {
    let P = model.periods
    var periods: [Int: BuildingPeriod] = [:]
    for l in rule.lessons {
      let lesson = Int(l)
      guard let building = state.building(of: lesson, resource: r, buildingOfRoom) else { continue }
      let b = Int(model.blockOf[lesson])
      let length = model.duration[lesson]
      if let i = blockIndex[b] {
        for (slot, x) in placements[i] where days.contains(slot / P) {
          for q in 0..<length where slot % P + q < P {
            periods[slot + q, default: .init()].freed[building, default: []].append(x)
          }
        }
      } else if state.isPlaced(b) {
        let slot = Int(state.start[b])
        guard days.contains(slot / P) else { continue }
        for q in 0..<length where slot % P + q < P {
          periods[slot + q, default: .init()].fixed[building, default: 0] += 1
        }
      }
    }
    return periods
  }
}
