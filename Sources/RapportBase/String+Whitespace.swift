extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    public var trimmingWhitespace: String {
        // Fast path: starts and ends with a visible ASCII character (no whitespace to trim).
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

extension String {
    /// Whether a byte of the text's UTF-8 satisfies `predicate`: a loop over the bytes where
    /// they are (the UTF-8 view's own `contains` costs several times as much per byte).
    func containsByte(where predicate: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(where: predicate) } ?? utf8.contains(where: predicate)
    }
}
