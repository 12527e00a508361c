"""Templates, icons and desktop files, installed as the package ``editor._data.resources``
(setup.py maps this folder there). Find them through ``editor.resources``."""
