import Testing

@Test func simulationTargetBuilds() { #expect(Bool(true)) }
