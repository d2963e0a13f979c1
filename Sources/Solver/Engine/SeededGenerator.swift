/// A small seeded random number generator (xoshiro256**), so that a solve is the same for the
/// same input and seed.
struct SeededGenerator: RandomNumberGenerator {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  init(seed: UInt64) {
    // SplitMix64 spreads the seed over the state.
    var x = seed &+ 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      x = x &+ 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = next()
    s1 = next()
    s2 = next()
    s3 = next()
  }

  mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 45) | (s3 >> 19)
    return result
  }

  /// A number in 0..<n.
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }

  /// A number in [0, 1).
  mutating func unit() -> Double { Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0) }
}
