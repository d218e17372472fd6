// Placeholder replaced by the benchmark (issue 8).
print("rapport-bench: not implemented yet")
