"""The parts of a plain-text article, each read from the shape of its lines."""
