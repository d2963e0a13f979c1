import Planner

/// The school builder's teachers' loads: the bundles of lessons spread over teachers of each
/// specialty, each up to about one rate and under the cap of the shifts they teach in.
extension SchoolBuilder {
  // MARK: - Teachers' loads

  /// The most weekly hours (in halves) for a teacher teaching in the shifts of `mask`: under the
  /// cap, and under 70 % of the periods the teacher can teach.
  func cap(mask: Int) -> Int {
    let periods: Int
    switch mask {
    case 1: periods = shifts[0].lessonsPerDay
    case 2: periods = shifts[1].lessonsPerDay
    default: periods = shifts.map(\.lessonsPerDay).reduce(0, +) - (shifts.count > 1 ? 1 : 0)
    }
    return min(loadCapHalves, Int(0.7 * Double(5 * periods)) * 2)
  }

  mutating func distribute() {
    // Primary classes: each has its own class teacher for its core subjects.
    for (bi, b) in bundles.enumerated() where b.specialty == .primary {
      var draft = TeacherDraft(specialty: .primary)
      draft.primaryClass = b.classIndex
      drafts.append(draft)
      give(bi, to: drafts.count - 1)
    }
    for specialty in Specialty.allCases where specialty != .primary {
      let mine = bundles.indices.filter { bundles[$0].specialty == specialty }
      guard !mine.isEmpty else { continue }
      let ordered = mine.sorted { a, b in
        let x = bundles[a]
        let y = bundles[b]
        let cx = classes[x.classIndex]
        let cy = classes[y.classIndex]
        return (cx.shiftIndex, x.stream ? 0 : 1, x.group, cx.grade, cx.letterIndex, a)
          < (cy.shiftIndex, y.stream ? 0 : 1, y.group, cy.grade, cy.letterIndex, b)
      }
      let total = mine.reduce(0) { $0 + bundles[$1].halves }
      let onlySecond = mine.allSatisfy { classes[bundles[$0].classIndex].shiftIndex == 1 }
      let typicalCap = cap(mask: onlySecond ? 2 : 1)
      // About one rate per teacher (a little under in Russia, where a rate is 18 hours).
      let target = country == .russia ? 16.5 : Double(norm)
      let byNorm = Int((Double(total) / (2 * target)).rounded())
      let n = max(1, byNorm, (total + typicalCap - 1) / typicalCap)
      let first = drafts.count
      for _ in 0..<n { drafts.append(TeacherDraft(specialty: specialty)) }
      var pointer = first
      for bi in ordered {
        let b = bundles[bi]
        let shiftBit = 1 << classes[b.classIndex].shiftIndex
        func free(_ t: Int) -> Bool {
          let d = drafts[t]
          return !d.conflictKeys.contains(b.conflictKey) && d.halves + b.halves <= cap(mask: d.shiftMask | shiftBit)
        }
        // Fill the teachers one after another, each up to its share: the first k teachers of n
        // together take k/n of the hours, so that rounding does not pile up on the last one. A
        // bundle that overshoots goes in only if that lands nearer the share than stopping short.
        func quota(_ t: Int) -> Int {
          guard t < first + n else { return 0 }
          let before = drafts[first..<t].reduce(0) { $0 + $1.halves }
          return Int((Double(total) * Double(t - first + 1) / Double(n)).rounded()) - before
        }
        func nearQuota(_ t: Int) -> Bool {
          let load = drafts[t].halves
          let share = quota(t)
          return load + b.halves <= share || (load < share && load + b.halves - share < share - load)
        }
        while pointer < drafts.count, drafts[pointer].halves >= quota(pointer) { pointer += 1 }
        var chosen = (pointer..<drafts.count).first { free($0) && nearQuota($0) }
        if chosen == nil {
          chosen = (first..<drafts.count).filter(free).min { drafts[$0].halves < drafts[$1].halves }
        }
        if chosen == nil {
          drafts.append(TeacherDraft(specialty: specialty))
          chosen = drafts.count - 1
        }
        give(bi, to: chosen!)
      }
      // Teachers left without lessons (an overestimate of the count) are not hired.
      drafts.removeAll { $0.specialty == specialty && $0.bundles.isEmpty }
    }
  }

  mutating func give(_ bi: Int, to t: Int) {
    let b = bundles[bi]
    let shift = classes[b.classIndex].shiftIndex
    drafts[t].bundles.append(bi)
    drafts[t].halves += b.halves
    drafts[t].shiftMask |= 1 << shift
    drafts[t].conflictKeys.insert(b.conflictKey)
  }
}
