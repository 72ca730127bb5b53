import XCTest

// Headless Chromium as the tests use it: a laptop-wide window, and what the report's
// script recorded after Chromium laid the page out.

/// A 1280-pixel-wide window (a laptop's), logging the page's console.
let chromiumFlags = ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,3000", "--enable-logging=stderr", "--v=0"]

/// What the page's script recorded on its body after Chromium laid it out: the smallest
/// text as rendered (SVG text scaled as drawn) is at least `smallestPixels`, and no
/// table reaches past the page's width.
func assertReadable(_ dom: String, smallestPixels: Double, page: String, file: StaticString = #filePath, line: UInt = #line) {
    func attribute(_ name: String) -> String? { matches(of: "<body[^>]* \(name)=\"([^\"]*)\"", in: dom).first?.first }
    let smallest = attribute("data-smallest-text").flatMap(Double.init)
    XCTAssertNotNil(smallest, "\(page): the page's script did not run", file: file, line: line)
    XCTAssertGreaterThanOrEqual(smallest ?? 0, smallestPixels, "\(page): text of \(smallest ?? 0) px: \(attribute("data-smallest-text-of") ?? "")",
                                file: file, line: line)
    XCTAssertEqual(attribute("data-tables-beyond-page"), "0", "\(page): tables past the page: \(attribute("data-tables-beyond-page-of") ?? "")",
                   file: file, line: line)
}
