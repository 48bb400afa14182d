"""ddas-quality: local, offline quality check for DDAS deliveries."""

__version__ = "0.1.0"
