"""The engine: bytes in, a library of stories out. Never imports the front ends."""
