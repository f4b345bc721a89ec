"""The test app of the executable check: a runnable block's models are declared in it."""
