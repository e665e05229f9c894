"""Allow ``python -m simulator`` as another name for the ``eerstelijn`` command."""

from simulator.cli.main import main

raise SystemExit(main())
