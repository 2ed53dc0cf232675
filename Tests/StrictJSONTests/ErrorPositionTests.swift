import AirspaceFixtures
import PropertyBased
import StrictJSON
import Testing

@Suite("JSONParseError: offset, line and column")
struct ErrorPositionTests {
    static let document = """
        {
          "zones": [
            {"id": "A", "floor": 0},
            {"id": "B", "floor": 1,}
          ]
        }
        """

    @Test("an error on a later line of a document")
    func multiLine() throws {
        let error = try #require(refusal(Self.document))
        // The offending `}` after the trailing comma on line 4.
        #expect(error.line == 4)
        #expect(error.column == 28)
        #expect(error.offset == 71)
        #expect(Array(Self.document.utf8)[error.offset] == UInt8(ascii: "}"))
        #expect(error.problem == "expected a member name in double quotes")
        #expect(error.description == "line 4, column 28: expected a member name in double quotes")
    }

    @Test("the first character of the text is line 1, column 1")
    func firstCharacter() throws {
        let error = try #require(refusal("x"))
        #expect(error.offset == 0 && error.line == 1 && error.column == 1)
        #expect(error.problem == "unexpected character 'x', expected a value")
    }

    @Test("a line feed starts a new line; the error just after it is column 1")
    func afterNewline() throws {
        let error = try #require(refusal("[1,\n?]"))
        #expect(error.offset == 4 && error.line == 2 && error.column == 1)
    }

    @Test("columns count characters, not bytes; offsets count bytes")
    func multiByteColumns() throws {
        let text = "[\"é😀\", ?]"
        let error = try #require(refusal(text))
        #expect(error.offset == 11)
        #expect(error.column == 8)
    }

    @Test("CR LF line ends count as one line each; tabs count as one column")
    func crlfAndTabs() throws {
        let error = try #require(refusal("[\r\n1,\r\n\t\t?]"))
        #expect(error.line == 3)
        #expect(error.column == 3)
    }

    @Test("an error at the end of the input points just past the last byte")
    func endOfInput() throws {
        let text = "{\n\"a\": [1,\n2"
        let error = try #require(refusal(text))
        #expect(error.offset == text.utf8.count)
        #expect(error.line == 3 && error.column == 2)
        #expect(error.problem == "unexpected end of input inside an array")
    }

    @Test(
        "each refusal names its problem",
        arguments: [
            ("[1 2]", "expected ',' or ']' in an array"), ("{\"a\" 1}", "expected ':' after key"),
            ("{\"a\":1 \"b\":2}", "expected ',' or '}' in an object"),
            ("{\"a\":1", "unexpected end of input inside an object"),
            ("[", "unexpected end of input, expected a value"), ("{1:2}", "expected a member name in double quotes"),
            ("tru", "invalid literal, expected 'true'"), ("[nulL]", "invalid literal, expected 'null'"),
        ]
    )
    func problems(text: String, problem: String) throws {
        #expect(refusal(text)?.problem == problem)
    }

    @Test("errors are equatable values")
    func equatable() throws {
        let a = try #require(refusal("[1,]"))
        let b = try #require(refusal("[1,]"))
        #expect(a == b)
        #expect(a != refusal("[1,,]"))
    }

    /// Breaks valid documents by deleting, inserting or replacing one byte. Whatever happens, the parser must not
    /// crash, and a refusal's line and column must agree with its offset.
    @Test("on broken documents, refusals carry consistent positions and acceptances write stably")
    func mutatedDocuments() async {
        let insertions: [UInt8] = Array("{}[],:\"\\ 0-.eE+tfnu\n".utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xFF]
        await propertyCheck(count: 500, input: seeds) { seed in
            var random = RandomJSON(seed: seed)
            let value = random.value(maximumDepth: 4)
            var bytes = Array(random.text(for: value).utf8)
            var rng = SplitMix64(seed: ~seed)
            let position = Int.random(in: 0...bytes.count, using: &rng)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0 where position < bytes.count: bytes.remove(at: position)
            case 1 where position < bytes.count: bytes[position] = insertions.randomElement(using: &rng)!
            default: bytes.insert(insertions.randomElement(using: &rng)!, at: position)
            }
            switch Result(catching: { () throws(JSONParseError) in try JSONParser.parse(bytes) }) {
            case .success(let reparsed):
                // Only the written form is compared: integers above 2^53 lose their integer flag in writing, see
                // `RoundTripTests.integerFlagSurvivesWriting`.
                let text = JSONWriter.write(reparsed)
                let again = try JSONParser.parse(text)
                #expect(JSONWriter.write(again) == text)
            case .failure(let error):
                #expect((0...bytes.count).contains(error.offset))
                let expected = expectedPosition(of: error.offset, in: bytes)
                #expect(error.line == expected.line && error.column == expected.column, "\(error) in \(bytes)")
                #expect(!error.problem.isEmpty)
            }
        }
    }
}
