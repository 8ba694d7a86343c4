import Foundation
import PackagePlugin

/// Compiles a target's `Models/*.json` (the weights `docket train` writes) into the target as Swift
/// string literals, so that an installed `docket` carries its trained models with it.
@main
struct EmbedModels: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let modelsDirectory = target.directoryURL.appending(path: "Models")
        let jsonFiles = try FileManager.default
            .contentsOfDirectory(at: modelsDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedModels.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(jsonFiles.count) trained models",
                executable: try context.tool(named: "embed-text-files").url,
                arguments: [output.path(), "embeddedModels"] + jsonFiles.map { $0.path() },
                inputFiles: jsonFiles,
                outputFiles: [output]),
        ]
    }
}
