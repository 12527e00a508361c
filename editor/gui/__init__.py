"""The Qt user interface: the editor window and what it is made of.

- ``mainwindow``: the window; builds the panels and wires them, the player and the project;
- ``actions``: every menu item and key, in one table with its enable rules;
  ``actionset``: the window's QActions and menus made from it;
- ``keyrouting``: which keys win over the text field being typed in;
- ``audio_lifecycle``: loading and locating the project's audio;
- ``project_files``: open, save, and the question before unsaved changes are lost;
- ``statusline``: the status bar (unsaved mark, playhead, counts, brief messages);
- ``settings`` / ``preferences``: the user's keyboard map and playback options;
- ``playback`` / ``transport``: the player on the GUI thread and its controls;
- ``chapters``, ``details``, ``speakers``: the side panels (Qt models over the core);
- ``findbar``: find and replace (the search itself is ``editor.core.find``);
- ``waveform`` / ``waveform_detail``: the overview strip and the zoomable detail
  under it; ``follow``: the follow-playback rule they and the transcript share;
- ``transcript``: the transcript editor; ``publish``: export, import, embed and
  checks, with the window's publishing controller.

Everything here changes a project only through core commands on its history.
"""
