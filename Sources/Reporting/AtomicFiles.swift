import Foundation

/// Writes a set of files so that no reader ever sees a partial file: each goes to a
/// temporary file in its target directory first; only when every temporary file is
/// written are they renamed into place (each rename is atomic within a file system).
/// If writing any temporary fails, all temporaries are removed and no target is touched.
public enum AtomicFiles {
    public struct WriteError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): cannot write (\(reason))" }
    }

    public static func write(_ files: [(path: String, contents: String)]) throws {
        let manager = FileManager.default
        var temporaries: [(temporary: String, target: String)] = []
        do {
            for file in files {
                let (directory, name) = PathParts.split(file.path)
                if !directory.isEmpty {
                    do {
                        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
                    } catch {
                        throw WriteError(path: directory, reason: "cannot create the directory")
                    }
                }
                let temporary = (directory.isEmpty ? "." : directory) + "/.\(name).tmp-\(getpid())"
                guard manager.createFile(atPath: temporary, contents: Data(file.contents.utf8)) else {
                    throw WriteError(path: file.path, reason: "cannot create a file in \(directory.isEmpty ? "." : directory)")
                }
                temporaries.append((temporary, file.path))
            }
            for t in temporaries {
                guard rename(t.temporary, t.target) == 0 else {
                    throw WriteError(path: t.target, reason: String(cString: strerror(errno)))
                }
            }
        } catch {
            for t in temporaries { try? manager.removeItem(atPath: t.temporary) }
            throw error
        }
    }
}

/// A path's folder and last component, by the last "/" (Foundation's
/// `NSString.deletingLastPathComponent` traps on a one-character path on Linux, e.g.
/// `--out r`: swift-corelibs-foundation of Swift 6.3.1).
public enum PathParts {
    /// `path` from the root: as it is when it starts with "/", else under the current folder.
    public static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// ("", name) for a bare name; ("/", name) under the root; trailing slashes ignored.
    public static func split(_ path: String) -> (folder: String, name: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return ("", String(trimmed)) }
        let folder = trimmed[..<slash]
        return (folder.isEmpty ? "/" : String(folder), String(trimmed[trimmed.index(after: slash)...]))
    }
}
