import XCTest
@testable import Reporting

final class JSONTests: XCTestCase {
    func testSortedKeysAndLocaleFreeNumbers() {
        let value = JSON.object(["b": .number(0.1), "a": .integer(3), "c": .array([.number(2), .number(.nan), .string("x\"\n")])])
        XCTAssertEqual(value.rendered(indent: nil), #"{"a":3,"b":0.1,"c":[2,null,"x\"\n"]}"#)
        XCTAssertEqual(JSON.format(1e-7), "1e-07")
        XCTAssertEqual(JSON.format(0.17407), "0.17407")
        XCTAssertEqual(JSON.format(-2), "-2")
    }
}

final class TextTableTests: XCTestCase {
    func testAlignment() {
        var t = TextTable(header: ["metric", "value"])
        t.add(["p_wait", "0.174"])
        t.add(["asa_seconds", "7.84"])
        XCTAssertEqual(t.rendered(), """
            metric       value
            -----------  -----
            p_wait       0.174
            asa_seconds   7.84
            """)
    }

    func testFixed() {
        XCTAssertEqual(fixed(0.88831, 3), "0.888")
        XCTAssertEqual(fixed(2, 2), "2.00")
        XCTAssertEqual(fixed(-0.0004, 3), "0.000")
        XCTAssertEqual(fixed(-1.25, 1), "-1.3")
        XCTAssertEqual(fixed(.nan, 2), "n/a")
        XCTAssertEqual(fixed(1234.5, 0), "1235")
    }
}

final class NumberFormattingTests: XCTestCase {
    /// Fixed-point digits where they are exact; Swift's shortest form beyond 10^15, never a trap.
    func testFixedNeverTraps() {
        XCTAssertEqual(fixed(0.88831, 3), "0.888")
        XCTAssertEqual(fixed(-2.5, 0), "-3")
        XCTAssertEqual(fixed(1e308, 3), "1e+308")
        XCTAssertEqual(fixed(-9.3e18, 0), "-9.3e+18")
        XCTAssertEqual(fixed(123_456_789_012.5, 3), "123456789012.500")
        XCTAssertEqual(fixed(1.5e12, 3), "1500000000000.0")
        XCTAssertEqual(fixed(.infinity, 1), "inf")
        XCTAssertEqual(fixed(.nan, 1), "n/a")
    }
}
