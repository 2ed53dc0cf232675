import Testing

@Test func adapterTargetBuilds() { #expect(Bool(true)) }
