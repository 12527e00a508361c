"""Where the shipped data folders live inside the package: ``editor._data.resources``
is the repository's ``resources/`` and ``editor._data.sample_projects`` its
``sample_projects/`` (mapped in setup.py). Look files up through ``editor.resources``."""
