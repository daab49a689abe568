"""One module per subcommand, each with a `run`; they reach the library through its façade."""
