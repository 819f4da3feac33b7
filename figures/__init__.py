"""figures: check the numbers in news articles."""

from figures.extract import extract_text
from figures.model import Article, Claim, ClaimTime, Figure, Finding, Qualifier, Severity

__all__ = ["Article", "Claim", "ClaimTime", "Figure", "Finding", "Qualifier", "Severity", "extract_text"]
__version__ = "0.1.0"
