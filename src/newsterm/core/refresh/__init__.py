"""Bringing subscriptions into the library: fetch, parse in worker processes, merge, save."""
