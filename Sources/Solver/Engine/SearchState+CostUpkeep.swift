// SearchState: keeping the costs of class, teacher and unit days, of groups and of rules up to
// date after a block is placed or removed (only what the block touches is priced again).

extension SearchState {
  /// Prices again, on the given days, everything the block's lessons touch: class, teacher and
  /// unit days, daily and spread groups, group rules, rules on teachers and units, lessons that
  /// end their students' day.
  func refresh(block: Int, days: [Int]) {
    collectTouched(block: block)
    let classes = scratchClasses
    let teachers = scratchTeachers
    let units = scratchUnits
    let groups = scratchGroups
    let spreads = scratchSpreads
    let rules = scratchRules
    for d in days {
      for c in classes {
        let index = Int(c) * D + d
        let new = computeClassDay(Int(c), d)
        cost += new - classDayCost[index]
        classDayCost[index] = new
      }
      for t in teachers {
        let index = Int(t) * D + d
        let new = computeTeacherDay(Int(t), d)
        cost += new - teacherDayCost[index]
        teacherDayCost[index] = new
      }
      for u in units {
        let unit = Int(u) - model.teacherCount
        let index = unit * D + d
        let new = computeUnitDay(unit, d)
        cost += new - unitDayCost[index]
        unitDayCost[index] = new
      }
    }
    for g in groups {
      let new = computeGroup(Int(g))
      cost += new - groupCost[Int(g)]
      groupCost[Int(g)] = new
    }
    for g in spreads {
      let new = computeSpread(Int(g))
      cost += new - spreadCost[Int(g)]
      spreadCost[Int(g)] = new
    }
    for g in rules { refreshRule(Int(g)) }
    if model.hasResourceRules {
      for t in teachers where !model.resourceRules[Int(t)].isEmpty { refreshResource(Int(t), days: days) }
      for u in units where !model.resourceRules[Int(u)].isEmpty { refreshResource(Int(u), days: days) }
    }
    // Lessons that must end their students' day, among those sharing a unit with this block.
    for u in units {
      for l in model.endsDayOfUnit[Int(u) - model.teacherCount] {
        let new = computeEndsDay(Int(l))
        cost += new - endsDayCost[Int(l)]
        endsDayCost[Int(l)] = new
      }
    }
  }

  func refreshRule(_ g: Int) {
    let new = computeRule(g)
    cost += new - ruleCost[g]
    penalty += Int(ruleExtra[g]) * (new.hard - ruleCost[g].hard)
    ruleCost[g] = new
  }

  func refreshResource(_ r: Int, days: [Int]) {
    for d in days {
      let new = computeResourceDay(r, d)
      cost += new - resourceDayCost[r * D + d]
      resourceDayCost[r * D + d] = new
    }
    if !model.weeklyResourceRules[r].isEmpty {
      for d in days {
        let stats = ResourceRule.DayStats(mask: resourceMask(r, d), excused: model.excused[r * D + d])
        weekStats[r].add(dayStats[r * D + d], -1)
        weekStats[r].add(stats, 1)
        dayStats[r * D + d] = stats
      }
      let new = computeResourceWeek(r)
      cost += new - resourceWeekCost[r]
      resourceWeekCost[r] = new
    }
  }

  func refreshTeacherRooms(lesson: Int, day: Int) {
    for t in model.teachers[lesson] {
      let index = Int(t) * D + day
      let new = computeTeacherDay(Int(t), day)
      cost += new - teacherDayCost[index]
      teacherDayCost[index] = new
    }
  }

  /// Lists once each class, teacher, unit (when units matter), daily group, spread group and
  /// group rule of the block's lessons, in the scratch lists.
  @inline(__always) func collectTouched(block: Int) {
    scratchClasses.removeAll(keepingCapacity: true)
    scratchTeachers.removeAll(keepingCapacity: true)
    scratchUnits.removeAll(keepingCapacity: true)
    scratchGroups.removeAll(keepingCapacity: true)
    scratchSpreads.removeAll(keepingCapacity: true)
    scratchRules.removeAll(keepingCapacity: true)
    // Each thing once: a stamp per kind marks what this refresh has collected already.
    epoch &+= 1
    let T = model.teacherCount
    let unitBase = T
    for l in model.blockLessons[block] {
      let lesson = Int(l)
      for c in model.classesOf[lesson] where stamp[Int(c)] != epoch {
        stamp[Int(c)] = epoch
        scratchClasses.append(c)
      }
      for t in model.teachers[lesson] where stamp[model.classCount + Int(t)] != epoch {
        stamp[model.classCount + Int(t)] = epoch
        scratchTeachers.append(t)
      }
      if unitsMatter {
        for u in model.units[lesson] where stamp[model.classCount + unitBase + (Int(u) - T)] != epoch {
          stamp[model.classCount + unitBase + (Int(u) - T)] = epoch
          scratchUnits.append(u)
        }
      }
      let groupBase = model.classCount + T + model.unitCount
      for g in model.groupsOfLesson[lesson] where stamp[groupBase + Int(g)] != epoch {
        stamp[groupBase + Int(g)] = epoch
        scratchGroups.append(g)
      }
      let spreadBase = groupBase + model.dailyGroups.count
      for g in model.spreadOfLesson[lesson] where stamp[spreadBase + Int(g)] != epoch {
        stamp[spreadBase + Int(g)] = epoch
        scratchSpreads.append(g)
      }
      let ruleBase = spreadBase + model.spreadGroups.count
      for g in model.groupRulesOfLesson[lesson] where stamp[ruleBase + Int(g)] != epoch {
        stamp[ruleBase + Int(g)] = epoch
        scratchRules.append(g)
      }
    }
  }
}
