import ArgumentParser
import Reporting

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write RESULTS_DIR/report.html: one self-contained page with the run's figures.",
        discussion: """
            For any results folder (run, compare, sweep, staff, schedule, fit, backtest): the run's provenance and key \
            figures with 95 % intervals; for a comparison the paired differences (forest plot \
            and table, Holm's correction); the IVR drawn with where callers go (Graphviz); a day \
            plan's figures by period; the wait distribution; sweep, staffing and roster charts; \
            a fit's figures and methods; a backtest's log-vs-simulation comparison. Styles \
            and figures are inline: the page opens from disk with no network and prints to PDF. \
            Refuses a folder whose files come from different runs.

            Example: ccsim report Results/bank-hotline
            """
    )

    @OptionGroup var folder: DrawnFolder

    func run() throws {
        do {
            let path = try Report.write(resultsDirectory: folder.resultsDirectory, templates: folder.templateFolder)
            print("wrote \(path)")
        } catch let error as Report.ReportError {
            printError("ccsim report: \(error)")
            throw ExitCodes.runtimeFailure
        } catch let error as Plotter.PlotError {
            printError("ccsim report: \(error)")
            throw ExitCodes.runtimeFailure
        }
    }
}
