"""The standalone program's entry point: the same as the ``showscribe`` command."""
import sys

from editor.cli import main

sys.exit(main())
