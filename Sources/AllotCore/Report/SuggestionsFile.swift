import Foundation

/// suggestions.json, field by field (docs/suggest-hires.md): written by `allot suggest-hires --out`
/// through `JSONValueEncoder` (`HiringAdvice.json()`), and read back for `allot report --hires` by the
/// reader of plan.json (every field present, integers as integers, numbers finite), then checked
/// (`problem`).
public struct SuggestionsFile: Codable, Sendable {
    public var schemaVersion: Int
    public var name: String?
    public var currency: String
    /// The dataset planned; nil in files written before suggest-hires recorded it.
    public var source: Source?
    public var priorities: [Int]
    public var checkedAlone: Bool
    public var base: Base
    public var candidatesFound: Int
    public var candidatesChecked: Int
    public var suggestions: [Check]
    public var notSuggested: [Check]
    /// Why nothing is suggested, or nil.
    public var note: String?

    enum CodingKeys: String, SchemaKey {
        case schemaVersion = "schema_version"
        case name, currency, source, priorities
        case checkedAlone = "checked_alone"
        case base
        case candidatesFound = "candidates_found"
        case candidatesChecked = "candidates_checked"
        case suggestions
        case notSuggested = "not_suggested"
        case note

        var omittedWhenNil: Bool { self == .source }
    }

    public struct Source: Codable, Sendable, Hashable {
        public var dataset: String
        public var fingerprint: String
    }

    public struct Base: Codable, Sendable {
        public var status: Solution.Status
        public var cost: Double
        public var priorities: [PriorityHours]
    }

    public struct PriorityHours: Codable, Sendable {
        public var priority: Int
        public var demanded: Double
        public var staffed: Double
        public var unmet: Double
    }

    /// One profile checked alone against the base.
    public struct Check: Codable, Sendable {
        public var scenario: String
        public var staffId: String
        public var skill: String
        public var level: Int
        public var hoursPerWeek: Double
        public var start: Day
        public var end: Day
        public var costPerHour: Double
        public var paid: Staff.Paid
        public var sizedFrom: SizedFrom
        public var status: Solution.Status
        public var gains: [Gain]
        public var gainedHours: Double
        public var cost: Double
        public var costDelta: Double
        public var costPerGainedHour: Double?
        /// Why it is not suggested (nil for a suggestion).
        public var reason: String?
        /// The scenario to paste under `scenarios:` in allot.yaml.
        public var yaml: String

        enum CodingKeys: String, SchemaKey {
            case scenario
            case staffId = "staff_id"
            case skill, level
            case hoursPerWeek = "hours_per_week"
            case start, end
            case costPerHour = "cost_per_hour"
            case paid
            case sizedFrom = "sized_from"
            case status, gains
            case gainedHours = "gained_hours"
            case cost
            case costDelta = "cost_delta"
            case costPerGainedHour = "cost_per_gained_hour"
            case reason, yaml
        }
    }

    /// The unmet demand the profile was sized from (`HireProfile`).
    public struct SizedFrom: Codable, Sendable {
        public var firstPeriod: String
        public var lastPeriod: String
        public var unmetHours: Double
        public var marginalValue: Double
        public var projects: [String]

        enum CodingKeys: String, SchemaKey {
            case firstPeriod = "first_period"
            case lastPeriod = "last_period"
            case unmetHours = "unmet_hours"
            case marginalValue = "marginal_value"
            case projects

            var decimals: Int { self == .marginalValue ? 4 : 2 }
        }
    }

    public struct Gain: Codable, Sendable {
        public var priority: Int
        public var hours: Double
    }
}

extension SuggestionsFile {
    /// Reads and checks suggestions.json at `path`. Every error is a `PlanDocument.ReadError` naming the
    /// file (and line, column and field where there is one).
    public static func read(from path: String) throws(PlanDocument.ReadError) -> SuggestionsFile {
        guard let data = InputFiles.contents(atPath: path) else {
            throw PlanDocument.ReadError(
                path: path,
                reason: "no such file (expected suggestions.json, written by `allot suggest-hires DATASET --out "
                    + "\(suggestedOut(path, fallback: "suggestions.json"))`)")
        }
        return try read(Array(data), path: path)
    }

    /// Reads suggestions.json's bytes; `path` names the file in errors.
    public static func read(_ bytes: [UInt8], path: String) throws(PlanDocument.ReadError) -> SuggestionsFile {
        let again =
            "; write it again with `allot suggest-hires DATASET --out \(suggestedOut(path, fallback: "suggestions.json"))`"
        return try PlanDocument.decode(
            bytes, path: path, again: again, version: (HiringAdvice.schemaVersion, "hiring suggestions")
        ) { document in
            let file = try JSONValueDecoder().decode(SuggestionsFile.self, from: document)
            // Thrown as the decoder's errors are, so the message points at the value's line and column.
            if let (at, reason) = file.problem {
                throw DecodingError.dataCorrupted(.init(codingPath: at, debugDescription: reason))
            }
            return file
        }
    }

    /// The first value a file written by suggest-hires cannot hold, with its coding path; nil when none.
    var problem: (at: [any CodingKey], reason: String)? {
        typealias Key = Check.CodingKeys
        let lists: [(CodingKeys, [Check])] = [(.suggestions, suggestions), (.notSuggested, notSuggested)]
        for (list, checks) in lists {
            for (i, c) in checks.enumerated() {
                func at(_ key: Key) -> [any CodingKey] { [list, IndexKey(i), key] }
                if c.level < 0 { return (at(.level), "expected a level of 0 or more, found \(c.level)") }
                if !(c.hoursPerWeek > 0) {
                    return (at(.hoursPerWeek), "expected a positive number of hours, found \(format(c.hoursPerWeek))")
                }
                if !(c.costPerHour >= 0) {
                    return (at(.costPerHour), "expected a rate of 0 or more, found \(format(c.costPerHour))")
                }
                if c.end < c.start { return (at(.end), "expected a day on or after start \(c.start), found \(c.end)") }
                if list == .suggestions, c.reason != nil {
                    return (at(.reason), "expected null for a suggestion, found a reason")
                }
            }
        }
        return nil
    }
}
