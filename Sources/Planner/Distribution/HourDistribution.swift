/// Spreads a number of lessons over study weeks in proportion to each week's target, never over a
/// week's capacity, so that the sum is exactly the total.
///
/// Cumulative rounding (the count of week k is round(Σ targets up to k) − round(Σ up to k−1))
/// keeps every prefix within half a lesson of its target: half an hour a week becomes 1, 0, 1, 0
/// (odd weeks) and one and a half becomes 2, 1, 2, 1. Weeks over capacity hand their excess to
/// the weeks with the most room below target.
enum HourDistribution {
  /// `nil` when the capacities cannot hold the total.
  static func spread(total: Int, targets: [Double], capacities: [Int]) -> [Int]? {
    precondition(targets.count == capacities.count)
    guard total > 0 else { return total == 0 ? Array(repeating: 0, count: targets.count) : nil }
    guard capacities.reduce(0, +) >= total else { return nil }
    var weights = targets.enumerated().map { capacities[$0.offset] > 0 ? max($0.element, 0) : 0 }
    if weights.reduce(0, +) <= 0 {
      // No target anywhere (hours given for the year only): spread over every week with room.
      weights = capacities.map { $0 > 0 ? 1 : 0 }
    }
    let scale = Double(total) / weights.reduce(0, +)
    let scaled = weights.map { $0 * scale }
    var counts: [Int] = []
    counts.reserveCapacity(scaled.count)
    var cumulative = 0.0
    var previous = 0
    for value in scaled {
      cumulative += value
      let rounded = Int((cumulative + 0.5 + 1e-9).rounded(.down))
      counts.append(rounded - previous)
      previous = rounded
    }
    // Rounding may leave a tiny drift from floating point; settle it on the last weeks.
    var drift = total - counts.reduce(0, +)
    var excess = 0
    for i in counts.indices where counts[i] > capacities[i] {
      excess += counts[i] - capacities[i]
      counts[i] = capacities[i]
    }
    excess += max(drift, 0)
    while drift < 0, let i = counts.indices.last(where: { counts[$0] > 0 }) {
      counts[i] -= 1
      drift += 1
    }
    while excess > 0 {
      var best: Int?
      var bestRoom = -Double.infinity
      for i in counts.indices where counts[i] < capacities[i] {
        let room = scaled[i] - Double(counts[i])
        if room > bestRoom + 1e-12 {
          bestRoom = room
          best = i
        }
      }
      guard let chosen = best else { return nil }
      counts[chosen] += 1
      excess -= 1
    }
    return counts
  }
}
