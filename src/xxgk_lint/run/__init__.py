"""A lint run around the engine: configuration, file discovery, caches, per-file settings, workers
and baselines."""
