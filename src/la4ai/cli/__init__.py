"""The ``la4ai`` command line: thin commands, each calling one function."""
