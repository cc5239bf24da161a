"""Renderers: a ``Table`` in, text or bytes out. They never compute; they only format."""
