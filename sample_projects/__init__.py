"""The sample episode, installed as the package ``editor._data.sample_projects``
(setup.py maps this folder there). Find it through ``editor.resources``."""
