"""Feeds (RSS, Atom, RDF, JSON Feed) to Documents."""
