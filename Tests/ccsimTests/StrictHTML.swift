import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// The page is well-formed XML (polyglot HTML: every element closed, attributes quoted,
/// only XML's entities) and valid HTML5 (html5lib, strict), its ids are unique, and
/// nothing in it points outside the page (no src, no external href, no url() but to a
/// fragment, no @import).
func assertStrictHTML(_ page: String, scratch: URL, file: StaticString = #filePath, line: UInt = #line) throws {
    let parser = XMLParser(data: Data(page.utf8))
    let ids = IDCollector()
    parser.delegate = ids
    XCTAssertTrue(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "") at line \(parser.lineNumber)",
                  file: file, line: line)
    XCTAssertEqual(ids.duplicates, [], "duplicate ids", file: file, line: line)
    XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\""), file: file, line: line)
    XCTAssertEqual(matches(of: " src=\"", in: page).count, 0, file: file, line: line)
    XCTAssertEqual(matches(of: "href=[\"'][^#]", in: page).count, 0, file: file, line: line)
    XCTAssertEqual(matches(of: "url\\([^#]", in: page).count, 0, file: file, line: line)
    XCTAssertFalse(page.contains("@import"), file: file, line: line)
    // Valid HTML5 by html5lib's strict parser (Debian python3-html5lib: make test-deps).
    let path = scratch.appendingPathComponent("page-\(UUID().uuidString).html").path
    try page.write(toFile: path, atomically: true, encoding: .utf8)
    // Debian's interpreter (the one python3-html5lib installs for), not another on the PATH.
    let python = try XCTUnwrap(FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : which("python3"),
                               "python3 with html5lib is needed: make test-deps installs python3-html5lib")
    let check = try runProcess(python, ["-c", "import html5lib, sys; html5lib.HTMLParser(strict=True).parse(open(sys.argv[1], 'rb'))", path],
                               in: scratch)
    XCTAssertEqual(check.status, 0, "html5lib (strict): " + check.stderr, file: file, line: line)
}

final class IDCollector: NSObject, XMLParserDelegate {
    var seen = Set<String>()
    var duplicates: [String] = []
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        guard let id = attributes["id"] else { return }
        if !seen.insert(id).inserted { duplicates.append(id) }
    }
}

/// The capture groups of every match of `pattern`.
func matches(of pattern: String, in text: String) -> [[String]] {
    let regex = try! NSRegularExpression(pattern: pattern)
    let ns = text as NSString
    return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
        (1..<max(m.numberOfRanges, 1)).map { ns.substring(with: m.range(at: $0)) }
    }
}

/// The first executable named `tool` on the PATH.
func which(_ tool: String) -> String? {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let path = "\(folder)/\(tool)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}
