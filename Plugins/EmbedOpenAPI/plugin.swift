import Foundation
import PackagePlugin

/// Compiles the target's `openapi.yaml` into the target as a Swift string literal, so that an
/// installed `docket serve` serves its API description without reading files next to the binary.
@main
struct EmbedOpenAPI: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let specification = target.directoryURL.appending(path: "openapi.yaml")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedOpenAPI.swift")
        return [
            .buildCommand(
                displayName: "Embedding openapi.yaml",
                executable: try context.tool(named: "embed-text-files").url,
                arguments: [output.path(), "embeddedOpenAPI", specification.path()],
                inputFiles: [specification],
                outputFiles: [output]),
        ]
    }
}
