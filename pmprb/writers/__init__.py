"""Everything that writes files: atomically, never over an input."""
