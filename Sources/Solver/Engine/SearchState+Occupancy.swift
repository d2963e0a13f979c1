// SearchState: what occupies each resource in each slot and week parity — the counts, the
// lessons recorded per cell, the busy masks — and the questions asked of them.

extension SearchState {
  @inline(__always) func cell(_ resource: Int, _ slot: Int, _ parity: Int) -> Int {
    (resource * S + slot) * 2 + parity
  }

  func occupy(_ lesson: Int, at slot: Int, delta: Int) {
    let length = model.duration[lesson]
    let parity = model.parity[lesson]
    let holder = Int32(lesson)
    for q in 0..<length {
      let s = slot + q
      let day = s / P
      let bit = UInt32(1) << UInt32(s - day * P)
      for r in model.fixedResources[lesson] { touch(Int(r), s, day, bit, parity, delta, holder) }
      for r in chosenRooms[lesson] where r >= 0 { touch(Int(r), s, day, bit, parity, delta, holder) }
      for c in model.classesOf[lesson] {
        let index = Int(c) * S + s
        let count = Int(classOccupancy[index]) + delta
        classOccupancy[index] = UInt8(count)
        if count > 0 { classMasks[Int(c) * D + day] |= bit } else { classMasks[Int(c) * D + day] &= ~bit }
      }
    }
  }

  /// Counts a lesson in or out of a resource's cells at a slot (`day` and `bit`: the slot's day
  /// and its period's bit), with the clashes, the holders and the busy mask.
  @inline(__always) func touch(
    _ resource: Int, _ slot: Int, _ day: Int, _ bit: UInt32, _ parity: UInt8, _ delta: Int, _ holder: Int32
  ) {
    let base = cell(resource, slot, 0)
    for k in 0..<2 where parity & (1 << k) != 0 {
      let index = base + k
      let count = Int(occupancy[index])
      let first = index * Self.holderSlots
      if delta > 0 {
        if count >= 1 {
          clashes += 1
          cost.hard += 1
          penalty += Int(cellExtra[index])
        }
        for h in first..<(first + Self.holderSlots) where holders[h] < 0 {
          holders[h] = holder
          break
        }
      } else {
        if count >= 2 {
          clashes -= 1
          cost.hard -= 1
          penalty -= Int(cellExtra[index])
        }
        for h in first..<(first + Self.holderSlots) where holders[h] == holder {
          holders[h] = -1
          break
        }
      }
      occupancy[index] = UInt8(count + delta)
    }
    if occupancy[base] > 0 || occupancy[base + 1] > 0 {
      busyMasks[resource * D + day] |= bit
    } else {
      busyMasks[resource * D + day] &= ~bit
    }
  }

  /// How many lessons hold a resource at a slot in either parity.
  func load(resource: Int, slot: Int) -> Int {
    max(Int(occupancy[cell(resource, slot, 0)]), Int(occupancy[cell(resource, slot, 1)]))
  }

  /// Whether a room chosen for a lesson holds another lesson too at a slot.
  func sharesChosenRoom(_ lesson: Int, at slot: Int) -> Bool {
    chosenRooms[lesson].contains { $0 >= 0 && load(resource: Int($0), slot: slot) > 1 }
  }

  /// Whether a resource is free at a slot for the given parities.
  func isFree(resource: Int, slot: Int, parity: UInt8) -> Bool {
    for k in 0..<2 where parity & (1 << k) != 0 && occupancy[cell(resource, slot, k)] > 0 { return false }
    return true
  }

  /// The periods of a day a class has lessons in, as a bit mask.
  @inline(__always) func classMask(_ c: Int, _ d: Int) -> UInt32 { classMasks[c * D + d] }

  /// The periods of a day a resource is busy in (either parity), as a bit mask.
  @inline(__always) func resourceMask(_ r: Int, _ d: Int) -> UInt32 { busyMasks[r * D + d] }

  /// The days a resource is busy on, as a bit mask.
  func busyDays(_ r: Int) -> UInt32 {
    var busy: UInt32 = 0
    for d in 0..<D where resourceMask(r, d) != 0 { busy |= 1 << UInt32(d) }
    return busy
  }

  /// Blocks that share a resource with the given block if it started at a slot.
  func conflictingBlocks(_ block: Int, at slot: Int) -> [Int] {
    var result: [Int] = []
    conflictingBlocks(block, at: slot, into: &result)
    return result
  }

  /// The same, into a list the caller reuses (emptied first), so that a scan of every slot
  /// allocates nothing.
  func conflictingBlocks(_ block: Int, at slot: Int, into result: inout [Int]) {
    result.removeAll(keepingCapacity: true)
    for l in model.blockLessons[block] {
      let lesson = Int(l)
      let parity = model.parity[lesson]
      for q in 0..<model.duration[lesson] {
        let s = slot + q
        for r in model.fixedResources[lesson] where !isFree(resource: Int(r), slot: s, parity: parity) {
          collectHolders(resource: Int(r), slot: s, parity: parity, except: block, into: &result)
        }
      }
    }
  }

  /// The placed blocks holding a resource at a slot: from the cells' records, or through the
  /// resource's lessons when a cell holds more lessons than it records.
  func collectHolders(resource: Int, slot: Int, parity: UInt8, except: Int, into result: inout [Int]) {
    // From the cells' records when they hold every lesson there (they always do unless more than
    // `holderSlots` lessons crowd one cell).
    var complete = true
    for k in 0..<2 where parity & (1 << k) != 0 {
      let index = cell(resource, slot, k)
      let first = index * Self.holderSlots
      var recorded = 0
      for h in first..<(first + Self.holderSlots) where holders[h] >= 0 { recorded += 1 }
      if recorded != Int(occupancy[index]) {
        complete = false
        break
      }
    }
    if complete {
      for k in 0..<2 where parity & (1 << k) != 0 {
        let first = cell(resource, slot, k) * Self.holderSlots
        for h in first..<(first + Self.holderSlots) where holders[h] >= 0 {
          let b = Int(model.blockOf[Int(holders[h])])
          if b != except && !result.contains(b) { result.append(b) }
        }
      }
      return
    }
    let candidates: [Int32]
    if resource < model.teacherCount {
      candidates = model.teacherLessons[resource]
    } else if resource < model.teacherCount + model.unitCount {
      candidates = model.unitLessons[resource - model.teacherCount]
    } else {
      candidates = roomHolders(resource)
    }
    for l in candidates {
      let lesson = Int(l)
      let b = Int(model.blockOf[lesson])
      guard b != except, model.parity[lesson] & parity != 0 else { continue }
      let s = Int(start[b])
      guard s >= 0, s <= slot, slot < s + model.duration[lesson] else { continue }
      if resource >= model.teacherCount + model.unitCount {
        guard model.fixedResources[lesson].contains(Int32(resource)) || chosenRooms[lesson].contains(Int32(resource))
        else { continue }
      }
      if !result.contains(b) { result.append(b) }
    }
  }

  func roomHolders(_ resource: Int) -> [Int32] {
    roomLessons[resource - model.teacherCount - model.unitCount]
  }
}
