import Foundation

/// Seed inputs for a reader: the files of that kind under some folders
/// (datasets/ for CSV and YAML; plan folders for plan.json), read in name order.
public enum FuzzCorpus {
    /// Whether a file of this name is an input of `reader`.
    public static func isInput(_ name: String, of reader: FuzzReader) -> Bool {
        switch reader {
        case .csv: return name.hasSuffix(".csv")
        case .yaml: return name.hasSuffix(".yaml") || name.hasSuffix(".yml")
        case .plan: return name == "plan.json"
        }
    }

    /// The inputs of `reader` found under `folders` (searched recursively), sorted by path.
    public static func seeds(for reader: FuzzReader, under folders: [String]) -> [[UInt8]] {
        var paths: [String] = []
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if isInput(name, of: reader) { paths.append((folder as NSString).appendingPathComponent(relative)) }
            }
        }
        return paths.sorted().compactMap { FileManager.default.contents(atPath: $0).map(Array.init) }
    }
}
