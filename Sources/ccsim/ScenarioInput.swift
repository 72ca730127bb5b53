import ArgumentParser
import ScenarioFiles

/// Loads a scenario or prints every problem (one per line, `FILE:LINE: path: message`)
/// and exits with the bad-input code.
func loadScenarioOrExit(_ path: String, sweep: [(path: String, values: [String])]? = nil) throws
    -> (scenario: Scenario, bytes: [UInt8]) {
    do {
        let bytes = try ScenarioLoader.readBytes(path)
        return (try ScenarioLoader.parse(bytes: bytes, file: path, sweep: sweep), bytes)
    } catch let error as ScenarioError {
        printError(error.description)
        throw ExitCodes.badInput
    }
}

