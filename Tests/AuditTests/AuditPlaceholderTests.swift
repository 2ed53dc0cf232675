import Testing

@Test func auditTargetBuilds() { #expect(Bool(true)) }
