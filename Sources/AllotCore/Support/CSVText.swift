import CSV
import Foundation

/// RFC 4180 text from rows, through CSV.swift's writer (which quotes commas,
/// quotes and line breaks). LF line ends, a final newline, UTF-8.
public func csvText(header: [String], rows: [[String]]) -> String {
    let stream = OutputStream(toMemory: ())
    stream.open()
    defer { stream.close() }
    // Writing to memory cannot fail; a failure here is a programming error.
    let writer = try! CSVWriter(stream: stream)
    try! writer.write(row: header)
    for row in rows { try! writer.write(row: row) }
    stream.close()
    let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
}
