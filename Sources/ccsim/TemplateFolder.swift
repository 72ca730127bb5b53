import ArgumentParser
import Foundation

/// Where the gnuplot templates are, so that `ccsim plot` and `ccsim report` work from any
/// folder: `--templates` when given; else installed beside the executable
/// (`<prefix>/bin/ccsim` → `<prefix>/share/ccsim/plots`, `make install`); else the checkout
/// the executable was built in (`<repo>/.build/<triple>/<config>/ccsim`). Never the current
/// folder: `ccsim report .` inside a received results folder must not run its `plots/*.gp`.
enum TemplateFolder {
    static func locate(_ given: String?) -> String {
        if let given { return given }
        let executable = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                             ?? CommandLine.arguments[0])
        let folder = executable.deletingLastPathComponent()
        let candidates = [
            folder.appendingPathComponent("../share/ccsim/plots"),
            folder.appendingPathComponent("../../../plots"),
        ]
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("waits.gp").path) {
            return candidate.standardized.path
        }
        return folder.appendingPathComponent("../share/ccsim/plots").standardized.path  // the message names the missing template
    }
}

/// The arguments of the commands that draw a results folder (`plot`, `report`).
struct DrawnFolder: ParsableArguments {
    @Argument(help: "A results folder (e.g. Results/bank-hotline).")
    var resultsDirectory: String

    @Option(help: "Folder of gnuplot templates (default: where ccsim is installed, else the checkout it was built in).")
    var templates: String?

    /// The templates' folder (`TemplateFolder.locate`).
    var templateFolder: String { TemplateFolder.locate(templates) }
}
