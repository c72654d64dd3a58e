"""The loaders stage: read documents, clean them, extract entities and relations, resolve names."""
