import Foundation
import Testing

@testable import AllotCore

/// The plan files' encoder and decoder on their own: key order, decimals per
/// key, null or absent for nil, and the container kinds the plan schema does
/// not use (nested containers, super encoders), so any Codable type works.
@Suite struct JSONValueCodingTests {
    struct Reading: Codable, Equatable {
        var label: String
        var share: Double
        var note: String?
        var extra: Double?
        var counts: [Int]

        enum CodingKeys: String, SchemaKey {
            case label, share, note, extra, counts

            var decimals: Int { self == .share ? 4 : 2 }
            var omittedWhenNil: Bool { self == .extra }
        }
    }

    @Test func keysInOrderDecimalsPerKeyNullOrAbsent() throws {
        // share at 4 decimals: 0.123456 -> 0.1235; note nil -> null; extra nil -> no key.
        let value = Reading(label: "a", share: 0.123456, note: nil, extra: nil, counts: [3, 1])
        let text = try JSONValueEncoder().encode(value).rendered(pretty: false)
        #expect(text == #"{"label":"a","share":0.1235,"note":null,"counts":[3,1]}"#)
        let back = try JSONValueDecoder().decode(Reading.self, from: ParsedJSON.parse(Array(text.utf8)))
        #expect(back == Reading(label: "a", share: 0.1235, note: nil, extra: nil, counts: [3, 1]))
        // extra at the default 2 decimals when present: 2.3456 -> 2.35.
        let withExtra = Reading(label: "b", share: 1, note: "n", extra: 2.3456, counts: [])
        #expect(
            try JSONValueEncoder().encode(withExtra).rendered(pretty: false)
                == #"{"label":"b","share":1,"note":"n","extra":2.35,"counts":[]}"#)
    }

    @Test func anOptionalKeyMustBePresentUnlessOmittable() throws {
        let missingNote = Array(#"{"label":"a","share":1,"counts":[]}"#.utf8)
        #expect(throws: DecodingError.self) {
            try JSONValueDecoder().decode(Reading.self, from: ParsedJSON.parse(missingNote))
        }
        let missingExtraOnly = Array(#"{"label":"a","share":1,"note":null,"counts":[]}"#.utf8)
        let read = try JSONValueDecoder().decode(Reading.self, from: ParsedJSON.parse(missingExtraOnly))
        #expect(read.extra == nil && read.note == nil)
    }

    /// A hand-written conformance with nested keyed and unkeyed containers
    /// and a super encoder, written in an order that puts the nested values
    /// before later plain fields.
    struct Nested: Codable, Equatable {
        var id: Int
        var point: (x: Double, y: Double)
        var tags: [String]
        var base: String

        enum Keys: String, CodingKey { case id, point, tags, after }
        enum PointKeys: String, CodingKey { case x, y }

        init(id: Int, point: (x: Double, y: Double), tags: [String], base: String) {
            self.id = id
            self.point = point
            self.tags = tags
            self.base = base
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(id, forKey: .id)
            var p = c.nestedContainer(keyedBy: PointKeys.self, forKey: .point)
            var t = c.nestedUnkeyedContainer(forKey: .tags)
            try c.encode(true, forKey: .after)
            try p.encode(point.x, forKey: .x)
            try p.encode(point.y, forKey: .y)
            for tag in tags { try t.encode(tag) }
            var s = c.superEncoder().singleValueContainer()
            try s.encode(base)
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            id = try c.decode(Int.self, forKey: .id)
            let p = try c.nestedContainer(keyedBy: PointKeys.self, forKey: .point)
            point = (try p.decode(Double.self, forKey: .x), try p.decode(Double.self, forKey: .y))
            var t = try c.nestedUnkeyedContainer(forKey: .tags)
            tags = []
            while !t.isAtEnd { tags.append(try t.decode(String.self)) }
            base = try c.superDecoder().singleValueContainer().decode(String.self)
        }

        static func == (a: Nested, b: Nested) -> Bool {
            a.id == b.id && a.point == b.point && a.tags == b.tags && a.base == b.base
        }
    }

    @Test func nestedContainersAndSuperEncoders() throws {
        let value = Nested(id: 7, point: (1.5, -2), tags: ["a", "b"], base: "root")
        let text = try JSONValueEncoder().encode(value).rendered(pretty: false)
        #expect(text == #"{"id":7,"point":{"x":1.5,"y":-2},"tags":["a","b"],"after":true,"super":"root"}"#)
        #expect(try JSONValueDecoder().decode(Nested.self, from: ParsedJSON.parse(Array(text.utf8))) == value)
    }

    @Test(arguments: [
        (#"{"a":1,"a":2}"#, "appears twice"),
        (#"[1,]"#, "expected a value"),
        (#"{"a":01}"#, "may not start with 0"),
        (#""\x""#, "unknown escape"),
        (#"{"a":1} x"#, "expected the end of the document"),
        ("\"a\u{01}\"", "control character"),
    ])
    func invalidDocuments(_ text: String, _ message: String) {
        #expect {
            _ = try ParsedJSON.parse(Array(text.utf8))
        } throws: { error in
            (error as? ParsedJSON.SyntaxError)?.message.contains(message) == true
        }
    }

    /// Fields rendered once each and put together (how summary.json and
    /// plan.json share theirs) give the bytes of the object rendered whole,
    /// written out here by hand.
    @Test func fieldsRenderedApartMakeTheWholeFile() {
        let fields: [(String, JSON)] = [
            ("a", .int(1)), ("b\"", .array([.num(2.5), .null])), ("c", .object([("d", .array([]))])),
        ]
        let whole = "{\n  \"a\": 1,\n  \"b\\\"\": [\n    2.5,\n    null\n  ],\n  \"c\": {\n    \"d\": []\n  }\n}\n"
        #expect(JSON.object(fields).rendered() == whole)
        #expect(String(decoding: JSON.file(renderedFields: JSON.renderedFields(fields)), as: UTF8.self) == whole)
        #expect(JSON.file(renderedFields: JSON.renderedFields([])) == Array("{}\n".utf8))
        #expect(JSON.object([]).rendered() == "{}\n")
    }

    @Test func stringsWithEscapesAndSurrogates() throws {
        // "\u00e9" is é; "\ud83d\ude00" is U+1F600 as a surrogate pair.
        let parsed = try ParsedJSON.parse(Array(#"["a\"b\\c\n", "\u00e9", "\ud83d\ude00"]"#.utf8))
        guard case .array(let items) = parsed.value else { Issue.record("not an array"); return }
        let strings = items.compactMap { item -> String? in
            if case .string(let s) = item.value { return s }
            return nil
        }
        #expect(strings == ["a\"b\\c\n", "é", "\u{1F600}"])
    }
}
