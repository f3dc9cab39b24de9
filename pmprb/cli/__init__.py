"""The command line: thin wrappers that build objects, call the library, render, and exit."""
