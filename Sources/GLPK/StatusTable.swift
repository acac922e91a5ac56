import CGLPK
import LinearModel

/// The one table that turns GLPK's return codes and solution statuses into a
/// `SolveResult`. Every solver call goes through it.
enum StatusTable {
    static func reason(code: Int32) -> String {
        switch code {
        case GLP_EBADB: return "invalid initial basis"
        case GLP_ESING: return "singular basis matrix"
        case GLP_ECOND: return "ill-conditioned basis matrix"
        case GLP_EBOUND: return "incorrect bounds"
        case GLP_EFAIL: return "solver failure"
        case GLP_EOBJLL: return "objective lower limit reached"
        case GLP_EOBJUL: return "objective upper limit reached"
        case GLP_EITLIM: return "iteration limit exceeded"
        case GLP_ETMLIM: return "time limit exceeded"
        case GLP_ENOPFS: return "no primal feasible solution"
        case GLP_ENODFS: return "no dual feasible solution"
        case GLP_EROOT: return "optimal LP relaxation not provided"
        case GLP_ESTOP: return "search terminated by the application"
        case GLP_EMIPGAP: return "relative MIP gap reached"
        case GLP_ENOFEAS: return "no primal/dual feasible solution"
        case GLP_ENOCVG: return "no convergence"
        case GLP_EINSTAB: return "numerical instability"
        case GLP_EDATA: return "invalid data"
        case GLP_ERANGE: return "result out of range"
        default: return "return code \(code)"
        }
    }

    /// Simplex: `rc` from glp_simplex, `status`/`dual` from glp_get_status/glp_get_dual_stat.
    static func simplex(rc: Int32, status: Int32, dual: Int32) -> (SolveResult.Termination, SolveResult.Solution) {
        switch rc {
        case 0:
            switch status {
            case GLP_OPT: return (.optimal, .optimal)
            case GLP_NOFEAS: return (.infeasible, .none)
            case GLP_UNBND: return (.unbounded, .none)
            default:
                // Finished, primal infeasible/undefined but not proven so: dual says why.
                if dual == GLP_NOFEAS { return (.infeasibleOrUnbounded, .none) }
                return (.failed(code: 0, reason: "simplex ended with status \(status)"), .none)
            }
        case GLP_ENOPFS: return (.infeasible, .none)
        case GLP_ENODFS: return (.unbounded, .none)
        // Stopped early: the basis may still be primal feasible (always so when
        // primal simplex started from a feasible basis), which is a usable plan.
        case GLP_ETMLIM: return (.timeLimit, status == GLP_FEAS ? .feasible : .none)
        case GLP_EITLIM: return (.iterationLimit, status == GLP_FEAS ? .feasible : .none)
        case GLP_EOBJLL, GLP_EOBJUL: return (.stopped, status == GLP_FEAS ? .feasible : .none)
        default: return (.failed(code: Int(rc), reason: reason(code: rc)), .none)
        }
    }

    /// Interior point: `rc` from glp_interior, `status` from glp_ipt_status.
    static func interior(rc: Int32, status: Int32) -> (SolveResult.Termination, SolveResult.Solution) {
        switch rc {
        case 0:
            switch status {
            case GLP_OPT: return (.optimal, .optimal)
            case GLP_NOFEAS: return (.infeasibleOrUnbounded, .none)
            default: return (.failed(code: 0, reason: "interior point ended with status \(status)"), .none)
            }
        case GLP_ENOFEAS: return (.infeasibleOrUnbounded, .none)
        case GLP_EITLIM: return (.iterationLimit, .none)
        default: return (.failed(code: Int(rc), reason: reason(code: rc)), .none)
        }
    }

    /// Branch and bound: `rc` from glp_intopt, `status` from glp_mip_status.
    static func mip(rc: Int32, status: Int32) -> (SolveResult.Termination, SolveResult.Solution) {
        let incumbent: SolveResult.Solution = status == GLP_OPT ? .optimal : (status == GLP_FEAS ? .feasible : .none)
        switch rc {
        case 0:
            switch status {
            case GLP_OPT: return (.optimal, .optimal)
            case GLP_NOFEAS: return (.infeasible, .none)
            case GLP_FEAS: return (.optimal, .feasible)
            default: return (.failed(code: 0, reason: "MIP search ended with status \(status)"), .none)
            }
        case GLP_EMIPGAP: return (.gapReached, incumbent == .none ? .none : .feasible)
        case GLP_ENOPFS: return (.infeasible, .none)
        case GLP_ENODFS: return (.unbounded, .none)
        case GLP_ETMLIM: return (.timeLimit, incumbent == .none ? .none : .feasible)
        case GLP_ESTOP: return (.stopped, incumbent == .none ? .none : .feasible)
        default: return (.failed(code: Int(rc), reason: reason(code: rc)), .none)
        }
    }
}
