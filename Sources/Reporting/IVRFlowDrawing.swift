import ContactCenter
import Foundation

/// The IVR as the report draws it, one graph per variant side by side (Graphviz `dot`,
/// SVG), from ivr-flow.json: each node with the callers there on average, seconds per
/// stay, and the share of entered callers who hung up or were resolved there; each move
/// labelled with the share of entered callers who made it and drawn as thick as that
/// share (moves nobody made: thin, dotted, unlabelled). A menu is an ellipse (a speech
/// prompt a yellow one), a bot a hexagon; leaves: a transfer is a box, a hang-up an octagon.
enum IVRFlowDrawing {
    static func section(_ flow: [String: Any], order: [String], tools: ReportTools) throws -> Section {
        let variants = flow["variants"] as? [String: Any] ?? [:]
        var figures = ""
        for (k, name) in order.enumerated() {
            guard let v = variants[name] as? [String: Any] else { continue }
            let path = tools.scratch + "/ivr-\(k)"
            try Plotter.write(dotText(v, variant: name, color: Report.palette[k % Report.palette.count]), to: path + ".dot")
            let dot = GnuplotRunner(executable: tools.dot, seconds: tools.seconds, package: "graphviz")
            try dot.run(arguments: ["-Tsvg", path + ".dot", "-o", path + ".svg"], template: path + ".dot")
            guard let svg = try? String(contentsOfFile: path + ".svg", encoding: .utf8) else { continue }
            figures += "<figure>" + tools.inline(svg) + "<figcaption>" + Report.swatch(k) + Report.escape(name) + "</figcaption></figure>"
        }
        let intro = Report.paragraph("Where callers go in the IVR, per variant: each move labelled with the share of the callers "
            + "who entered the IVR and made it (line width in proportion); each node with the callers there on average, the "
            + "seconds per stay, and the share who hung up or were resolved there. The dynamic menu's offer jumps straight "
            + "to a leaf; a speech prompt (yellow) sends a recognised intent to its node, a bot (hexagon) resolves callers "
            + "or hands them on.")
        // (One under another, each the page's width: side by side, their labels were 6 px.)
        return Section(id: "ivr", title: "The IVR", body: intro + figures)
    }

    /// The graph in the dot language.
    static func dotText(_ variant: [String: Any], variant name: String, color: String) -> String {
        let nodes = variant["nodes"] as? [[String: Any]] ?? []
        let moves = variant[Metric.moves.name] as? [[String: Any]] ?? []
        // A DOT string: control characters (NUL, CR, LF, …), which break dot's line, as
        // spaces; backslash and quote escaped.
        func escaped(_ s: String) -> String {
            GnuplotText.controlsAsSpaces(s).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        }
        func quoted(_ s: String) -> String { "\"" + escaped(s) + "\"" }
        func percent(_ x: Double) -> String { x >= 0.001 ? String(format: "%.1f %%", 100 * x) : String(format: "%.2f %%", 100 * x) }
        var out = "digraph ivr {\n  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=20, nodesep=0.12, ranksep=0.3, "
            + "label=\(quoted(name)), labelloc=t];\n  node [fontname=\"Helvetica\", fontsize=15, margin=\"0.06,0.03\", style=filled, fillcolor=\"#f7f7f7\", "
            + "color=\"#888888\"];\n  edge [fontname=\"Helvetica\", fontsize=13, color=\(quoted(color)), fontcolor=\"#333333\"];\n"
        for node in nodes {
            guard let id = node["name"] as? String else { continue }
            let kind = node["kind"] as? String ?? ""
            var lines = [id]
            if let c = node[Metric.nodeCallsMean.name] as? Double {
                lines.append(String(format: "%.1f callers · %.0f s/stay", c, node[Metric.nodeSecondsPerStay.name] as? Double ?? .nan))
            } else if let s = node[Metric.nodeStays.name] as? Double, kind == "transfer" || kind == "hangup" {
                lines.append(percent(s) + " end here")
            }
            if let h = node[Metric.nodeHangups.name] as? Double, h > 0 { lines.append("hung up " + percent(h)) }
            if let r = node[Metric.nodeContained.name] as? Double, r > 0 { lines.append("resolved " + percent(r)) }
            let shape: String
            switch kind {
            case "transfer": shape = "box, fillcolor=\"#e8f0fb\""
            case "hangup": shape = "octagon, fillcolor=\"#fbe8e8\""
            case "self_service": shape = "box, style=\"rounded,filled\", fillcolor=\"#e8f6ee\""
            case "menu": shape = "ellipse"
            case "speech": shape = "ellipse, fillcolor=\"#fdf3dc\""
            case "bot": shape = "hexagon, fillcolor=\"#efe8fb\""
            case "channel_offer": shape = "parallelogram, fillcolor=\"#e6f5f5\""
            default: shape = "box, style=\"rounded,filled\""
            }
            // Lines of a label are separated by dot's \n escape.
            out += "  \(quoted(id)) [label=\"" + lines.map(escaped).joined(separator: "\\n") + "\", shape=\(shape)];\n"
        }
        for move in moves {
            guard let from = move["from"] as? String, let to = move["to"] as? String else { continue }
            let share = move["share"] as? Double ?? 0
            if share > 0 {
                out += "  \(quoted(from)) -> \(quoted(to)) [label=\(quoted(percent(share))), penwidth=\(String(format: "%.2f", 0.6 + 7 * share))];\n"
            } else {
                out += "  \(quoted(from)) -> \(quoted(to)) [style=dotted, color=\"#bbbbbb\", arrowsize=0.5];\n"
            }
        }
        return out + "}\n"
    }
}
