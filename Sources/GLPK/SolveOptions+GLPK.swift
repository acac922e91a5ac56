import CGLPK
import LinearModel

extension Double {
    /// Seconds to GLPK's int milliseconds, clamped to [1, INT_MAX].
    var glpkMilliseconds: Int32 {
        guard self.isFinite else { return Int32.max }
        let ms = (self * 1000).rounded(.up)
        if ms < 1 { return 1 }
        if ms >= Double(Int32.max) { return Int32.max }
        return Int32(ms)
    }
}

extension SolutionKind {
    var glpk: Int32 {
        switch self {
        case .basic: return GLP_SOL
        case .interior: return GLP_IPT
        case .mip: return GLP_MIP
        }
    }
}
