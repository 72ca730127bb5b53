import ArgumentParser
import Reporting

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw a results folder's figures (SVG and PNG) with the gnuplot templates in plots/.",
        discussion: """
            After ccsim sweep: each metric against the swept value, one line per variant with \
            95 % bars. After ccsim run or compare: the wait-time distribution per variant. \
            Files go to RESULTS_DIR/plots/.

            Example: ccsim plot Results/bank-hotline
            """
    )

    @Argument(help: "A results folder (e.g. Results/bank-hotline).")
    var resultsDirectory: String

    @Option(help: "Folder of gnuplot templates (default: plots/ here, else where ccsim is installed or was built).")
    var templates: String?

    func run() throws {
        do {
            let written = try Plotter.plot(resultsDirectory: resultsDirectory, templates: TemplateFolder.locate(templates))
            print("wrote " + written.joined(separator: ", "))
        } catch let error as Plotter.PlotError {
            printError("ccsim plot: \(error)")
            throw ExitCodes.runtimeFailure
        }
    }
}
