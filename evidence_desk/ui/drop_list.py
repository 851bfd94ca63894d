"""A file list that takes drag and drop (files, folders) and has Add / Remove buttons."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class FileDropList(QListWidget):
    """Accepts dropped local files and folders; ``paths()`` lists them in order."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QListWidget.DragDropMode.DropOnly)
        self.setMinimumHeight(54)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if not urls:
            super().dropEvent(event)
            return
        self.add_paths([Path(u.toLocalFile()) for u in urls if u.isLocalFile()])
        event.acceptProposedAction()

    def add_paths(self, paths: list[Path]) -> None:
        known = set(self.paths())
        for path in paths:
            if path not in known:
                self.addItem(str(path))
                known.add(path)
        self.changed.emit()

    def paths(self) -> list[Path]:
        return [Path(self.item(i).text()) for i in range(self.count())]


class FilePicker(QWidget):
    """A drop list with Add files / Add folder / Remove buttons."""

    def __init__(self, folders: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = FileDropList()
        add = QPushButton(self.tr("Add files…"))
        add.clicked.connect(self._add_files)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove)
        buttons = QVBoxLayout()
        buttons.addWidget(add)
        if folders:
            folder = QPushButton(self.tr("Add folder…"))
            folder.clicked.connect(self._add_folder)
            buttons.addWidget(folder)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def _add_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(self, self.tr("Choose files"))
        self.list.add_paths([Path(f) for f in files])

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"))
        if folder:
            self.list.add_paths([Path(folder)])

    def _remove(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.list.changed.emit()

    def paths(self) -> list[Path]:
        return self.list.paths()
