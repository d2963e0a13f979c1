/// A small seeded pseudo-random generator (SplitMix64): the same seed gives the same numbers on
/// every platform and run, so the sample schools are reproducible to the byte.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The generator's state; it advances by a fixed odd constant at every draw.
  public private(set) var state: UInt64

  /// A generator starting from `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A whole number from the range, every value equally likely (up to a negligible bias).
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }

  /// A number in 0 ..< 1.
  mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

  /// `true` with probability `p`.
  mutating func chance(_ p: Double) -> Bool { unit() < p }

  /// One element of a non-empty array.
  mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

  /// The array in a random order (Fisher–Yates, with this generator only).
  mutating func shuffled<T>(_ items: [T]) -> [T] {
    var result = items
    guard result.count > 1 else { return result }
    for i in stride(from: result.count - 1, to: 0, by: -1) {
      result.swapAt(i, int(0...i))
    }
    return result
  }

  /// A new seed derived from this generator, for an independent stream (a school of a district).
  mutating func derivedSeed() -> UInt64 { next() }
}
