"""Reporters: pure functions of a RunResult. They render; the CLI decides where output goes and the exit code."""
