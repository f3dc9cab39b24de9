"""Importers: official sources (PortalRB master JSON, the blank LKE form, a Pemda's KKE) turned into
worksheet YAML."""
