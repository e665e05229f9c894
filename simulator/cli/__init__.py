"""The ``eerstelijn`` command line: one module per subcommand, registered by name in ``main``."""
