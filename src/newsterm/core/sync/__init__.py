"""Sync with an aggregator server a person already runs (Fever today): the server's
subscriptions and stories come into the library, and read and starred marks go both ways.

The library stays what the reader reads: a server is a backend that a refresh goes
through, so the reader works offline as ever and marks made offline wait in the
library (`library/synced.py`) until the next refresh pushes them.
"""
