"""Rules: loading and validating rule files, the rule kinds, and the engine that applies them to a
report and turns their findings into diagnostics."""
