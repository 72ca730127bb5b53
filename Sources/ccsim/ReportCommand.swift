import ArgumentParser
import Reporting

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write RESULTS_DIR/report.html: one self-contained page with the run's figures.",
        discussion: """
            For any results folder (run, compare, sweep, staff): the run's provenance and key \
            figures with 95 % intervals; for a comparison the paired differences (forest plot \
            and table, Holm's correction); the IVR drawn with where callers go (Graphviz); a day \
            plan's figures by period; the wait distribution; sweep and staffing charts. Styles \
            and figures are inline: the page opens from disk with no network and prints to PDF. \
            Refuses a folder whose files come from different runs.

            Example: ccsim report Results/bank-hotline
            """
    )

    @Argument(help: "A results folder (e.g. Results/bank-hotline).")
    var resultsDirectory: String

    @Option(help: "Folder of gnuplot templates (default: plots/ here, else where ccsim is installed or was built).")
    var templates: String?

    func run() throws {
        do {
            let path = try Report.write(resultsDirectory: resultsDirectory, templates: TemplateFolder.locate(templates))
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
