"""Everything that knows MkDocs or Material for MkDocs: the one place a port to another engine replaces."""
