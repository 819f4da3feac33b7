"""Running the stages over articles: the engine, its tasks, the process pool, the claim index."""
