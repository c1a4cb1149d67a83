import Testing

@testable import LimberKit

@Test func versionIsSet() { #expect(!Limber.version.isEmpty) }
