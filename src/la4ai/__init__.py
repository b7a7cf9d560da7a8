"""la4ai — Linear Algebra for AI, an interactive course shipped as software."""

__all__ = ["__version__"]

__version__ = "0.1.0"
