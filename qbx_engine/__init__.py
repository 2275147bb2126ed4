"""QuantumBotX engine: everything that is not Streamlit."""
