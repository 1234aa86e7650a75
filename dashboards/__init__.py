"""Rasd's Streamlit dashboard: incidents, casualty claims, actors and locations with their evidence."""

from pathlib import Path

# The dashboard's data files (labels, codebook, methodology, accuracy, map borders), read by several modules.
ASSETS = Path(__file__).resolve().parent / "assets"
