import Foundation
import PackagePlugin

/// Compiles the package's migrations into the target as Swift string literals, so that an
/// installed `docket` carries its schema with it instead of reading files next to the build folder:
/// `Migrations/*.sql` (SQLite) as `embeddedMigrations`, `Migrations/postgres/*.sql` as
/// `embeddedPostgresMigrations`.
@main
struct EmbedMigrations: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let migrationsDirectory = context.package.directoryURL.appending(path: "Migrations")
        return [
            try embed(sqlFilesIn: migrationsDirectory, as: "embeddedMigrations", context: context),
            try embed(sqlFilesIn: migrationsDirectory.appending(path: "postgres"), as: "embeddedPostgresMigrations", context: context),
        ]
    }

    private func embed(sqlFilesIn directory: URL, as name: String, context: PluginContext) throws -> Command {
        let sqlFiles = try FileManager.default
            .contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: name.prefix(1).uppercased() + name.dropFirst() + ".swift")
        return .buildCommand(
            displayName: "Embedding \(sqlFiles.count) migrations as \(name)",
            executable: try context.tool(named: "embed-text-files").url,
            arguments: [output.path(), name] + sqlFiles.map { $0.path() },
            inputFiles: sqlFiles,
            outputFiles: [output])
    }
}
