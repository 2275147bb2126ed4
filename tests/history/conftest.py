from tests.engine.conftest import engine, hooked_engine, scripted  # noqa: F401 - the engine fixtures, shared
