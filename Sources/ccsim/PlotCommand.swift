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

    @OptionGroup var folder: DrawnFolder

    func run() throws {
        do {
            let written = try Plotter.plot(resultsDirectory: folder.resultsDirectory, templates: folder.templateFolder)
            print("wrote " + written.joined(separator: ", "))
        } catch let error as Plotter.PlotError {
            printError("ccsim plot: \(error)")
            throw ExitCodes.runtimeFailure
        }
    }
}
