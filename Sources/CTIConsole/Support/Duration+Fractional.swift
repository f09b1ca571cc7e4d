extension Duration {
    /// The duration in seconds, with the fraction (for rates and display).
    var fractionalSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

    /// The duration in milliseconds, with the fraction (for round trips shown in ms).
    var fractionalMilliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}
