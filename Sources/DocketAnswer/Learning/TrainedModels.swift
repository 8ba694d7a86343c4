import Foundation

/// The models `docket train` wrote to `Sources/DocketAnswer/Models`, compiled into the binary.
public enum TrainedModels {
    /// The model file `name` (without ".json") decoded as `T`. A file that does not decode is a
    /// build defect, caught by the tests, so it stops the program rather than answer with no model.
    public static func load<T: Decodable>(_ name: String, as type: T.Type = T.self) -> T {
        guard let json = embeddedModels.first(where: { $0.name == name })?.text else { fatalError("No trained model \(name).json in Models/") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(json.utf8))
        } catch {
            fatalError("Models/\(name).json does not decode: \(error)")
        }
    }

    public static var names: [String] { embeddedModels.map(\.name) }
}
