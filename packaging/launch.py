"""The standalone program's entry point: the same as the ``showscribe`` command."""
import multiprocessing
import sys

if __name__ == "__main__":
    # First of all: in the frozen program the aligner's worker processes start
    # as this executable again, and must run their task, not the editor.
    multiprocessing.freeze_support()
    from editor.cli import main

    sys.exit(main())
