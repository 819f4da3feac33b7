"""What every stage shares with the model: errors, safe text, files, units, intervals, limits."""
