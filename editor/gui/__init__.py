"""The Qt user interface: the editor window and what it is made of.

- ``mainwindow``: the window; wires the panels, the player and the project;
- ``actions``: every menu item and key, in one table with its enable rules;
- ``settings`` / ``preferences``: the user's keyboard map and playback options;
- ``playback`` / ``transport``: the player on the GUI thread and its controls;
- ``chapters``, ``details``, ``speakers``: the side panels (Qt models over the core);
- ``findbar``: find and replace (the search itself is ``editor.core.find``);
- ``transcript``: the transcript editor; ``publish``: export, import and checks.

Everything here changes a project only through core commands on its history.
"""
