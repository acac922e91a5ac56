import Foundation

/// GLPK branch-and-bound settings for the MIP policies. Defaults chosen by
/// measurement (bench/mip-settings.sh, bench/mip-settings.md).
public struct MIPSettings: Sendable, Hashable {
    /// Gomory, MIR and clique cuts.
    public var cuts: Bool
    /// Cover cuts: safe only when one MIP runs at a time (docs/solver-notes.md §2.4).
    public var coverCuts: Bool
    public var feasibilityPump: Bool
    /// GLPK's MIP presolver (it forces a primal-simplex root, docs/solver-notes.md §7.1).
    public var presolve: Bool

    public init(cuts: Bool = true, coverCuts: Bool = false, feasibilityPump: Bool = true, presolve: Bool = false) {
        self.cuts = cuts
        self.coverCuts = coverCuts
        self.feasibilityPump = feasibilityPump
        self.presolve = presolve
    }

    /// `cuts=on,cover=off,fp=on,presolve=off` (any subset, any order).
    public init?(parsing text: String) {
        self.init()
        for item in text.split(separator: ",") {
            let kv = item.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, ["on", "off"].contains(kv[1]) else { return nil }
            let on = kv[1] == "on"
            switch kv[0] {
            case "cuts": cuts = on
            case "cover": coverCuts = on
            case "fp": feasibilityPump = on
            case "presolve": presolve = on
            default: return nil
            }
        }
    }
}
