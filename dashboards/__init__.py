"""Rasd's Streamlit dashboard: casualty claims, actors and locations with their evidence."""
