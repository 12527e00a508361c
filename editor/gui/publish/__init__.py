"""Publishing from the window: the export dialog with preview, the pasted-page
import dialog, and the publish-check panel. All of them work through the core's
format registry and checks, so they list exactly what the command line does."""
from .check_panel import CheckPanel
from .export_dialog import ExportDialog
from .paste_dialog import PastePageDialog

__all__ = ["CheckPanel", "ExportDialog", "PastePageDialog"]
