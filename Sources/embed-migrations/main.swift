import Foundation

// Usage: embed-migrations OUTPUT.swift NNNN_name.sql...
// Writes `embeddedMigrations`, the migrations in file-name order, each as (identifier, sql).
let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
    FileHandle.standardError.write(Data("usage: embed-migrations OUTPUT.swift FILE.sql...\n".utf8))
    exit(64)
}

var source = "// Generated from Migrations/*.sql by the EmbedMigrations plugin. Edit the .sql files, not this.\n"
source += "let embeddedMigrations: [(identifier: String, sql: String)] = [\n"
for path in arguments.dropFirst().sorted(by: { ($0 as NSString).lastPathComponent < ($1 as NSString).lastPathComponent }) {
    let url = URL(fileURLWithPath: path)
    let sql = try String(contentsOf: url, encoding: .utf8)
    let identifier = url.deletingPathExtension().lastPathComponent
    // A raw string with enough #s that no sequence in the SQL can close it.
    var hashes = "#"
    while sql.contains("\"" + hashes) { hashes += "#" }
    source += "    (\"\(identifier)\", \(hashes)\"\"\"\n\(sql)\n\"\"\"\(hashes)),\n"
}
source += "]\n"
try Data(source.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
