@_exported import LinearModel

/// The seam's error type under the name the GLPK layer has always used.
public typealias GLPKError = SolverError
