// The Review module; see Package.swift.
