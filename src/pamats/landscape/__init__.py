"""This file defines the legal-basis landscape package: schema, loading, graph, checks, reports."""
