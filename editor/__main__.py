"""`python -m editor`: the same as the `showscribe` command."""
import sys

from .cli import main

sys.exit(main())
