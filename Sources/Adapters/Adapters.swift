// The Adapters module; see Package.swift.
