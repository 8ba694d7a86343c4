import Foundation
import PackagePlugin

/// Compiles the package's `Migrations/*.sql` into the target as Swift string literals, so that an
/// installed `docket` carries its schema with it instead of reading files next to the build folder.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let migrationsDirectory = context.package.directoryURL.appending(path: "Migrations")
        let sqlFiles = try FileManager.default
            .contentsOfDirectory(at: migrationsDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedMigrations.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(sqlFiles.count) migrations",
                executable: try context.tool(named: "embed-text-files").url,
                arguments: [output.path(), "embeddedMigrations"] + sqlFiles.map { $0.path() },
                inputFiles: sqlFiles,
                outputFiles: [output]),
        ]
    }
}
