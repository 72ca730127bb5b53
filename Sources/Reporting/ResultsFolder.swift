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
/// Safety: a folder is only replaced when it is a ccsim results folder (it holds
/// `manifest.json`) or empty: `--out ~` must never delete a home directory.
public enum ResultsFolder {
    public struct WriteError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Test hook: seconds to wait between writing the new folder and putting it in place
    /// (environment `CCSIM_TEST_PUBLISH_DELAY_SECONDS`), so that a test can kill the
    /// process there. Unset in normal use.
    static var publishDelaySeconds: Double {
        ProcessInfo.processInfo.environment["CCSIM_TEST_PUBLISH_DELAY_SECONDS"].flatMap(Double.init) ?? 0
    }

    /// Replaces `directory` by a folder holding exactly `files` (names relative to it, no
    /// subfolders); returns the files' paths.
    @discardableResult
    public static func replace(_ directory: String, with files: [(name: String, contents: String)]) throws -> [String] {
        let manager = FileManager.default
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
            let contents = (try? manager.contentsOfDirectory(atPath: target)) ?? []
            guard contents.isEmpty || contents.contains("manifest.json") else {
                throw WriteError(path: target, reason: "exists and is not a ccsim results folder (no manifest.json); choose "
                                 + "another --out or remove it")
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
        if publishDelaySeconds > 0 { Thread.sleep(forTimeInterval: publishDelaySeconds) }
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
