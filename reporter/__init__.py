"""reporter: personalized, printable L6/L7 engineering-manager interview prep documents."""

__version__ = "0.1.0"
