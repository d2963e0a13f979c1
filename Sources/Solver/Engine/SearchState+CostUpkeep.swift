// SearchState: keeping the costs of class, teacher and unit days, of groups and of rules up to
// date after a block is placed or removed (only what the block touches is priced again).

extension SearchState {
  /// Prices again, on the day of the change, everything the block's lessons touch: class, teacher and
  /// unit days, daily and spread groups, group rules, rules on teachers and units, lessons that
  /// end their students' day.
  func refresh(block: Int, day d: Int) {
    collectTouched(block: block)
    // By index into the scratch lists: a copy of each list would cost a retain and a release on
    // every placement.
    for k in scratchClasses.indices {
      let index = Int(scratchClasses[k]) * D + d
      let new = computeClassDay(Int(scratchClasses[k]), d)
      if trial { journal.append(.classDay(index, classDayCost[index])) }
      cost += new - classDayCost[index]
      penalty += Int(classDayExtra[index]) * (new.hard - classDayCost[index].hard)
      classDayCost[index] = new
    }
    for k in scratchTeachers.indices {
      let index = Int(scratchTeachers[k]) * D + d
      let new = computeTeacherDay(Int(scratchTeachers[k]), d)
      if trial { journal.append(.teacherDay(index, teacherDayCost[index])) }
      cost += new - teacherDayCost[index]
      teacherDayCost[index] = new
    }
    for k in scratchUnits.indices {
      let unit = Int(scratchUnits[k]) - model.teacherCount
      let index = unit * D + d
      let new = computeUnitDay(unit, d)
      if trial { journal.append(.unitDay(index, unitDayCost[index])) }
      cost += new - unitDayCost[index]
      unitDayCost[index] = new
    }
    for k in scratchGroups.indices {
      let g = Int(scratchGroups[k])
      let new = computeGroup(g)
      if trial { journal.append(.group(g, groupCost[g])) }
      cost += new - groupCost[g]
      groupCost[g] = new
    }
    for k in scratchSpreads.indices {
      let g = Int(scratchSpreads[k])
      let new = computeSpread(g)
      if trial { journal.append(.spread(g, spreadCost[g])) }
      cost += new - spreadCost[g]
      spreadCost[g] = new
    }
    for k in scratchRules.indices { refreshRule(Int(scratchRules[k]), day: d) }
    if model.hasResourceRules {
      for k in scratchTeachers.indices where !model.resourceRules[Int(scratchTeachers[k])].isEmpty {
        refreshResource(Int(scratchTeachers[k]), day: d)
      }
      for k in scratchUnits.indices where !model.resourceRules[Int(scratchUnits[k])].isEmpty {
        refreshResource(Int(scratchUnits[k]), day: d)
      }
    }
    // Lessons that must end their students' day, among those sharing a unit with this block.
    for k in scratchUnits.indices {
      for l in model.endsDayOfUnit[Int(scratchUnits[k]) - model.teacherCount] { refreshEndsDay(Int(l)) }
    }
  }

  func refreshEndsDay(_ l: Int) {
    let after = periodsAfter(l)
    let new = endsDayViolation(l, periodsAfter: after)
    let beyond = Int32(endsDayDistanceUnits(new, periodsAfter: after))
    if trial { journal.append(.endsDay(l, endsDayCost[l], endsDayBeyond[l])) }
    cost += new - endsDayCost[l]
    penalty += Int(endsDayExtra[l]) * (new.hard - endsDayCost[l].hard) + Int(beyond - endsDayBeyond[l])
    endsDayCost[l] = new
    endsDayBeyond[l] = beyond
  }

  /// Prices a group rule again after a change on day `d` (a rule on buildings, that day only).
  func refreshRule(_ g: Int, day d: Int) {
    let new = buildingRow[g] >= 0 ? computeBuildingRule(g, day: d) : computeRule(g)
    if trial { journal.append(.rule(g, ruleCost[g])) }
    if model.groupRules[g].implied { penalty += new.hard - ruleCost[g].hard } else { cost += new - ruleCost[g] }
    penalty += Int(ruleExtra[g]) * (new.hard - ruleCost[g].hard)
    ruleCost[g] = new
  }

  func refreshResource(_ r: Int, day d: Int) {
    let new = computeResourceDay(r, d)
    if trial { journal.append(.resourceDay(r * D + d, resourceDayCost[r * D + d])) }
    cost += new - resourceDayCost[r * D + d]
    penalty += Int(resourceDayExtra[r * D + d]) * (new.hard - resourceDayCost[r * D + d].hard)
    resourceDayCost[r * D + d] = new
    if !model.weeklyResourceRules[r].isEmpty {
      let stats = ResourceRule.DayStats(mask: resourceMask(r, d), excused: model.excused[r * D + d])
      if trial {
        journal.append(.dayStats(r * D + d, dayStats[r * D + d]))
        journal.append(.weekStats(r, weekStats[r]))
        journal.append(.resourceWeek(r, resourceWeekCost[r]))
      }
      weekStats[r].add(dayStats[r * D + d], -1)
      weekStats[r].add(stats, 1)
      dayStats[r * D + d] = stats
      let new = computeResourceWeek(r)
      cost += new - resourceWeekCost[r]
      penalty += Int(resourceWeekExtra[r]) * (new.hard - resourceWeekCost[r].hard)
      resourceWeekCost[r] = new
      if model.hardMaxDays[r] != Int.max { refreshDaysShadow(r) }
    }
  }

  /// A hard maximum of days a week costs a whole day over, which a move off the lightest day
  /// lowers only when it empties the day: a plateau the search does not cross. The search also
  /// sees, as a shadow (never the true cost), the other busy periods of the lightest days over
  /// the maximum, so that each lesson moved off them is progress.
  func refreshDaysShadow(_ r: Int) {
    let new = computeDaysShadow(r)
    if trial { journal.append(.daysShadow(r, daysShadow[r])) }
    shadow += new - daysShadow[r]
    daysShadow[r] = new
  }

  /// The busy periods but one of each of the lightest days over a resource's hard maximum.
  func computeDaysShadow(_ r: Int) -> Int {
    var busy = busyDays(r)
    var over = busy.nonzeroBitCount - model.hardMaxDays[r]
    var shadow = 0
    while over > 0 {
      var lightest = -1
      var least = Int.max
      for d in 0..<D where busy & (1 << UInt32(d)) != 0 {
        let periods = resourceMask(r, d).nonzeroBitCount
        if periods < least {
          least = periods
          lightest = d
        }
      }
      shadow += least - 1
      busy &= ~(1 << UInt32(lightest))
      over -= 1
    }
    return shadow
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
