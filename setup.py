"""The package list, which pyproject.toml cannot express: every ``editor*`` package,
plus the top-level ``resources/`` and ``sample_projects/`` folders shipped inside
the package as ``editor._data.resources`` and ``editor._data.sample_projects``
(see ``editor/resources.py``). The rest of the configuration is in pyproject.toml."""
from setuptools import find_packages, setup

DATA_FOLDERS = {"editor._data.resources": "resources",
                "editor._data.sample_projects": "sample_projects"}

setup(packages=find_packages(include=["editor*"]) + list(DATA_FOLDERS),
      package_dir=DATA_FOLDERS)
