"""bmc-tui: think through a business on a Business Model Canvas, in the terminal."""

__version__ = "0.1.0"
