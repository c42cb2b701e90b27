"""Vern's common package: what every service needs, once."""
