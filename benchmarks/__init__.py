"""Load benchmarks run outside the test suite (`make bench-http`)."""
