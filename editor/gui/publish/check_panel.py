"""The publish-check panel: what would stop an episode from publishing cleanly.

Lists the findings of ``editor.core.checks.check_project`` for a chosen platform
(with the unknown words of the last spelling scan it was handed, if any);
activating one emits ``jump_requested(kind, index_or_field)`` so the window can
show that turn, chapter or episode field.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QStyle, QVBoxLayout, QWidget)

from ...core.checks import Finding, check_project
from ...core.model import Project

PLATFORMS = (("Any podcast app", None), ("YouTube", "youtube"), ("Spotify", "spotify"))


def count_text(findings: list[Finding]) -> str:
    """"2 to fix, 1 to review": errors must be fixed, warnings looked at."""
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    return ", ".join(part for part in (f"{errors} to fix" if errors else "",
                                       f"{warnings} to review" if warnings else "") if part)


class CheckPanel(QWidget):
    jump_requested = Signal(str, object)   # ("turn"|"chapter"|"episode", index or field)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self.findings: list[Finding] = []
        self._spelling = None      # the SpellingReport of the last finished scan, if any

        self._platform = QComboBox()
        for label, value in PLATFORMS:
            self._platform.addItem(label, value)
        self._run = QPushButton("Check again")
        self._summary = QLabel()
        self._summary.setWordWrap(True)
        self._list = QListWidget()
        self._list.setWordWrap(True)
        self._list.setAlternatingRowColors(True)

        top = QHBoxLayout()
        top.addWidget(QLabel("Publish to:"))
        top.addWidget(self._platform, 1)
        top.addWidget(self._run)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self._summary)
        layout.addWidget(self._list, 1)

        self._platform.currentIndexChanged.connect(self.refresh)
        self._run.clicked.connect(self.refresh)
        self._list.itemActivated.connect(self._on_list_item_activated)
        self._list.itemClicked.connect(self._on_list_item_activated)
        self.refresh()

    def set_project(self, project: Project) -> None:
        if project is not self._project:
            self._spelling = None
        self._project = project
        self.refresh()

    def set_spelling(self, report) -> None:
        """List ``report``'s unknown words too (a core SpellingReport; None: none)."""
        self._spelling = report
        self.refresh()

    def set_platform(self, platform: str | None) -> None:
        self._platform.setCurrentIndex(self._platform.findData(platform))

    def refresh(self, *_) -> None:
        self.findings = check_project(self._project, platform=self._platform.currentData(),
                                      spelling=self._spelling)
        self._list.clear()
        style = self.style()
        icons = {"error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                 "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}
        for finding in self.findings:
            item = QListWidgetItem(icons.get(finding.severity, icons["warning"]), finding.message)
            item.setData(Qt.ItemDataRole.UserRole, finding.target)
            if finding.target:
                item.setToolTip("Click to show it")
            self._list.addItem(item)
        self._summary.setText(f"{count_text(self.findings)}." if self.findings
                              else "Ready to publish: nothing to fix.")

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if target:
            kind, where = target
            self.jump_requested.emit(kind, where)
