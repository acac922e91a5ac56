import Foundation
import Testing

@testable import AllotCore

/// The hold row shaping adds on a weighted plan: bench tier XL's weighted
/// objective has coefficients from 25 to 451,000, and GLPK could not
/// factorise the basis with that row in it.
@Suite struct NormalizedHoldRowTests {
    /// 451,000 lies between 2^18 = 262,144 and 2^19 = 524,288, so the row
    /// is divided by 2^19: -451,000 / 524,288 = -0.8602142333984375 and
    /// 25 / 524,288 = 0.0000476837158203125, both exact in binary. The
    /// bound: z = -40,000,000,000 held within 1e-8 x 4e10 = 400, so
    /// (-40,000,000,000 + 400) / 524,288 = -76,293.94454956055.
    @Test func aWeightedHoldIsDividedByAPowerOfTwo() {
        let stage = Stage(
            kind: .weighted, sense: .minimize, objective: [(0, -451_000), (1, 25), (2, -45_100)], constant: 0)
        let (row, coefficients) = stage.holdRow(at: -40_000_000_000, normalized: true)
        #expect(coefficients.map(\.value) == [-0.8602142333984375, 0.0000476837158203125, -45_100.0 / 524_288])
        #expect(row.upper == -76_293.944_549_560_55)
        #expect(row.lower == -.infinity)
        // Without normalizing, or for a cost row of acme's rates (at most 140 EUR/h, 1.5 x 140 = 210
        // with the overtime premium), the row is as it was.
        #expect(stage.holdRow(at: -40_000_000_000).coefficients.map(\.value) == [-451_000, 25, -45_100])
        let cost = Stage(kind: .cost, sense: .minimize, objective: [(0, 140), (1, 210)], constant: 0)
        let held = cost.holdRow(at: 1_000, normalized: true)
        #expect(held.coefficients.map(\.value) == [140, 210])
        #expect(held.row.upper == 1_000 + 1e-8 * 1_000)
    }
}
