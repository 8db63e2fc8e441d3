"""The flowlog benchmark runner's modules: workloads, engines, answers, report, self_test."""
