"""The untrusted-text leaf: every byte from outside is cleaned here before it is shown."""
