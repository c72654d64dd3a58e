"""The graph stage: the data model, the store interface and its two backends, and export."""
