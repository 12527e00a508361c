"""`python -m editor`: the same as the `showscribe` command."""
import multiprocessing
import sys

from .cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()    # see packaging/launch.py
    sys.exit(main())
