import StrictJSON
import Testing

/// The writers share their bytes between copies until one of them writes, like an array.
@Suite("JSONObjectWriter: copies")
struct JSONObjectWriterCopyTests {
    @Test("a copied writer and its original write their own bytes")
    func copies() {
        var original = JSONObjectWriter(capacity: 1)
        original.member("a", integer: 1)
        var copy = original
        copy.member("b", integer: 2)
        original.member("c", string: String(repeating: "x", count: 40))
        let untouched = original
        original.memberArray("d") { array in
            array.integer(4)
            var inner = array
            inner.integer(5)
            array.object { object in
                object.member("e", number: 0.5)
                var other = object
                other.member("f", bool: true)
            }
        }
        #expect(String(decoding: copy.finish(), as: UTF8.self) == #"{"a":1,"b":2}"#)
        #expect(
            String(decoding: untouched.finish(), as: UTF8.self)
                == #"{"a":1,"c":"\#(String(repeating: "x", count: 40))"}"#)
        #expect(
            String(decoding: original.finish(), as: UTF8.self)
                == #"{"a":1,"c":"\#(String(repeating: "x", count: 40))","d":[4,{"e":0.5}]}"#)
    }
}
