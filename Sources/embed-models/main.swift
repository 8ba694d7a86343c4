import Foundation

// Usage: embed-models OUTPUT.swift NAME.json...
// Writes `embeddedModels`, each file's JSON text by its name without the extension.
let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
    FileHandle.standardError.write(Data("usage: embed-models OUTPUT.swift FILE.json...\n".utf8))
    exit(64)
}

var source = "// Generated from Models/*.json by the EmbedModels plugin. Run `docket train`, do not edit this.\n"
source += "let embeddedModels: [String: String] = [\n"
for path in arguments.dropFirst().sorted(by: { ($0 as NSString).lastPathComponent < ($1 as NSString).lastPathComponent }) {
    let url = URL(fileURLWithPath: path)
    let json = try String(contentsOf: url, encoding: .utf8)
    let name = url.deletingPathExtension().lastPathComponent
    // A raw string with enough #s that nothing in the JSON can close it.
    var hashes = "#"
    while json.contains("\"" + hashes) { hashes += "#" }
    source += "    \"\(name)\": \(hashes)\"\"\"\n\(json)\n\"\"\"\(hashes),\n"
}
source += "]\n"
try Data(source.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
