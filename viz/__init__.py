"""Visualisation and graph analytics over the same store the queries use (networkx, pyvis, matplotlib)."""
