/// Damerau-Levenshtein distance (optimal string alignment: insertions, deletions, substitutions and
/// transpositions of adjacent letters) between two scalar sequences, or `limit + 1` as soon as it is
/// certain to exceed `limit`.
public func editDistance(_ a: [UInt32], _ b: [UInt32], limit: Int) -> Int {
    let n = a.count, m = b.count
    if abs(n - m) > limit { return limit + 1 }
    if n == 0 || m == 0 { return max(n, m) }
    var before = [Int](repeating: 0, count: m + 1)   // row i-2
    var previous = Array(0...m)                       // row i-1
    var current = [Int](repeating: 0, count: m + 1)
    for i in 1...n {
        current[0] = i
        var rowMinimum = i
        for j in 1...m {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = min(d, before[j - 2] + 1)
            }
            current[j] = d
            rowMinimum = min(rowMinimum, d)
        }
        if rowMinimum > limit { return limit + 1 }
        (before, previous, current) = (previous, current, before)
    }
    return min(previous[m], limit + 1)
}
