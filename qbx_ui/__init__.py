"""Streamlit glue shared by the pages: the cached engine, language, actions, widgets."""
