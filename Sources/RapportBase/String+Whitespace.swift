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
