import CFileExchange
import Foundation

/// One run = one folder state. A command's result files are written into a temporary
/// sibling folder (`.<name>.new-<pid>`), which then takes the place of the results folder
/// as a whole: by an atomic exchange of the two paths where the file system allows it
/// (Linux `renameat2`), else by two renames (the old folder aside as `.<name>.old-<pid>`,
/// the new one in place). A reader never sees a new file beside an old one: files of an
/// earlier command (a compare's summary beside a sweep's table, plots of older data) are
/// gone with the old folder.
///
/// Leftovers of a run that was killed (a temporary folder or an old one set aside, of a
/// process that no longer exists) are removed by the next write beside them; an old folder
/// set aside whose replacement never arrived is put back.
///
/// Safety: a folder is only replaced when it is empty or a ccsim results folder: its
/// `manifest.json` is ccsim's (`format` is `formatMarker`, or an older ccsim's fields), and
/// it holds nothing ccsim did not write there (`ownership`). `--out ~` must never delete a
/// home directory, nor `--out ext` a browser extension's folder that has a `manifest.json`.
public enum ResultsFolder {
    public struct WriteError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Replaces `directory` by a folder holding exactly `files` (names relative to it, no
    /// subfolders); returns the files' paths. `command` (the manifest's, e.g. `staff`):
    /// a folder another command wrote is replaced only with `force` (`ownership`). The new
    /// folder is written whole beside the old one (`.<name>.new-<pid>`) and then exchanged
    /// with it. `beforeExchange` runs
    /// between the two: an error it throws stops there, as a kill would, leaving the old
    /// folder whole and the new one behind, which the next replace of the folder by a
    /// process removes once the writer is gone.
    @discardableResult
    public static func replace(_ directory: String, with files: [(name: String, contents: String)], command: String? = nil,
                               force: Bool = false, beforeExchange: () throws -> Void = {}) throws -> [String] {
        let manager = FileManager.default
        guard !directory.isEmpty else { throw WriteError(path: "''", reason: "an empty folder name; give --out a folder") }
        let target = (directory as NSString).standardizingPath
        let (folder, name) = PathParts.split(target)
        let parent = folder.isEmpty ? "." : folder
        do {
            try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: parent, reason: "cannot create the folder")
        }
        cleanLeftovers(of: name, in: parent)
        var isFolder: ObjCBool = false
        let exists = manager.fileExists(atPath: target, isDirectory: &isFolder)
        if exists {
            guard isFolder.boolValue else { throw WriteError(path: target, reason: "exists and is not a folder; choose another --out") }
            if let refusal = ownership(of: target, command: command, force: force) {
                throw WriteError(path: target, reason: refusal)
            }
        }
        let pid = getpid()
        let fresh = parent + "/.\(name).new-\(pid)"
        try? manager.removeItem(atPath: fresh)
        do {
            try manager.createDirectory(atPath: fresh, withIntermediateDirectories: false)
            for file in files {
                guard manager.createFile(atPath: fresh + "/" + file.name, contents: Data(file.contents.utf8)) else {
                    throw WriteError(path: target + "/" + file.name, reason: "cannot write (disk full or no permission?)")
                }
            }
        } catch {
            try? manager.removeItem(atPath: fresh)
            throw error as? WriteError ?? WriteError(path: parent, reason: "cannot create a folder in it")
        }
        try beforeExchange()
        if !exists {
            guard rename(fresh, target) == 0 else { throw failure(target, fresh) }
        } else if ccsim_exchange_paths(fresh, target) == 0 {
            try? manager.removeItem(atPath: fresh)  // now the old folder
        } else {
            let aside = parent + "/.\(name).old-\(pid)"
            guard rename(target, aside) == 0 else { throw failure(target, fresh) }
            guard rename(fresh, target) == 0 else {
                _ = rename(aside, target)
                throw failure(target, fresh)
            }
            try? manager.removeItem(atPath: aside)
        }
        return files.map { target + "/" + $0.name }
    }

    /// Why ccsim may not write its results to `directory` (checked before any work, so
    /// that a bad `--out` is refused at once), or nil: an empty name, an existing file, a
    /// folder that is not a ccsim results folder, or (for `command`, unless `force`) one
    /// that another command wrote (`ownership`).
    public static func refusal(_ directory: String, command: String? = nil, force: Bool = false) -> String? {
        guard !directory.isEmpty else { return "an empty folder name; give --out a folder" }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder) else { return nil }
        guard isFolder.boolValue else { return "exists and is not a folder; choose another --out" }
        return ownership(of: directory, command: command, force: force)
    }

    /// The commands that share a results folder: `run`, `compare` and the merge of their
    /// shards write `Results/<name>`; every other command (and a merged sweep) its own.
    static func family(command: String, merged: String?) -> String {
        let made = command == "merge" ? (merged ?? "run") : command
        return made == "compare" ? "run" : made
    }

    /// The `format` field of every manifest ccsim writes.
    public static let formatMarker = "ccsim results folder, version 1"

    /// Why `folder` (an existing folder) may not be replaced, or nil when it may: it is
    /// empty, or its manifest.json is a JSON object with ccsim's `format` marker (or, from
    /// ccsim before the marker, its `ccsim_version`, `files` and MRG32k3a `random_streams`
    /// fields) and every entry is one ccsim writes there: a file the manifest lists,
    /// manifest.json, report.html, plots/ (figures and their data only), and its own
    /// temporary files (`.<name>.tmp-<pid>`, `.report-<pid>`). With `command` (and not
    /// `force`), the folder must also have been written by that command's `family`: `ccsim
    /// staff` never replaces what `ccsim run` wrote by accident.
    static func ownership(of folder: String, command: String? = nil, force: Bool = false) -> String? {
        ownershipProblem(of: folder, command: command, force: force).map { $0 + "; choose another --out or remove it" }
    }

    static func ownershipProblem(of folder: String, command: String?, force: Bool) -> String? {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: folder) else { return "cannot be read" }
        if entries.isEmpty { return nil }
        guard let data = manager.contents(atPath: folder + "/manifest.json"),
              let manifest = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            return "exists and is not a ccsim results folder (no ccsim manifest.json)"
        }
        let marked = manifest["format"] as? String == formatMarker
        let older = manifest["ccsim_version"] is String && manifest["files"] is [String: Any]
            && (manifest["random_streams"] as? String)?.hasPrefix("MRG32k3a") == true
        guard marked || older, let listed = manifest["files"] as? [String: Any] else {
            return "exists and is not a ccsim results folder (its manifest.json is not ccsim's)"
        }
        func ours(_ entry: String) -> Bool { entry.hasPrefix(".") && (entry.contains(".tmp-") || entry.hasPrefix(".report-")) }
        var foreign = entries.filter { !(listed[$0] != nil || ["manifest.json", "report.html", "plots"].contains($0) || ours($0)) }
        var isFolder: ObjCBool = false
        if entries.contains("plots") {
            if manager.fileExists(atPath: folder + "/plots", isDirectory: &isFolder), isFolder.boolValue {
                let figures = (try? manager.contentsOfDirectory(atPath: folder + "/plots")) ?? ["?"]
                foreign += figures.filter { f in !(ours(f) || [".svg", ".png", ".dat"].contains { f.hasSuffix($0) }) }.map { "plots/" + $0 }
            } else { foreign.append("plots") }
        }
        for name in listed.keys where name.contains("/") || name.hasPrefix(".") { foreign.append(name) }
        guard foreign.isEmpty else {
            let shown = foreign.sorted().prefix(3).map { GnuplotText.oneLine($0) }.joined(separator: ", ")
            return "holds files ccsim did not write (\(shown)\(foreign.count > 3 ? ", …" : "")): not replaced"
        }
        if let command, !force, let written = manifest["command"] as? String {
            let merged = (manifest["merged"] as? [String: Any])?["command"] as? String
            if family(command: written, merged: merged) != family(command: command, merged: nil) {
                return "holds the results of `ccsim \(written)\(merged.map { " (\($0))" } ?? "")`, another command's: not replaced "
                    + "(--force replaces them)"
            }
        }
        return nil
    }

    static func failure(_ target: String, _ fresh: String) -> WriteError {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(atPath: fresh)
        return WriteError(path: target, reason: "cannot put the new results in place (\(reason))")
    }

    /// Removes `.<name>.new-<pid>` folders of processes that no longer exist, and puts back
    /// a `.<name>.old-<pid>` folder when `<name>` is missing (else removes it); inside the
    /// folder, removes `.<file>.tmp-<pid>` files of such processes (single-file writes).
    static func cleanLeftovers(of name: String, in parent: String) {
        let manager = FileManager.default
        func deadProcess(_ entry: Substring) -> Bool {
            guard let pid = Int32(entry), pid > 0 else { return false }
            return kill(pid, 0) != 0 && errno == ESRCH
        }
        for entry in (try? manager.contentsOfDirectory(atPath: parent)) ?? [] {
            for (marker, restores) in [(".\(name).new-", false), (".\(name).old-", true)] where entry.hasPrefix(marker) {
                guard deadProcess(entry.dropFirst(marker.count)) else { continue }
                let path = parent + "/" + entry, target = parent + "/" + name
                if restores && !manager.fileExists(atPath: target) { _ = rename(path, target) } else { try? manager.removeItem(atPath: path) }
            }
        }
        let folder = parent + "/" + name
        for entry in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] where entry.hasPrefix(".") {
            guard let range = entry.range(of: ".tmp-", options: .backwards), deadProcess(entry[range.upperBound...]) else { continue }
            try? manager.removeItem(atPath: folder + "/" + entry)
        }
    }
}
