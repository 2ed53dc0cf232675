// The Simulation module; see Package.swift.
